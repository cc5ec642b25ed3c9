import { createHash } from 'node:crypto';
import { atlasCounties, sameCountyName } from './counties.ts';
import { addDays, isRealDate, periodEnd, PERIOD_DAYS } from './dates.ts';
import { asCell, reportPath, valueAtPath } from './correction-targets.ts';
import { generatedFiles } from './datapackage.ts';
import { hasPdfSignature, PDF_SIGNATURE, SIGNATURE_WINDOW } from './pdf-signature.ts';
import type { Issue } from './issues.ts';
import { isUnread } from './located.ts';
import type { LocatedDataset, LocatedWeek } from './located.ts';
import {
  correctionsTable,
  declinedTable,
  gazetteerTable,
  originalPdfSpec,
  policiesTable,
  REPORT_FIGURES,
  reportJurisdictionsTable,
} from './schema.ts';
import type { AnyRow, TableSpec } from './schema.ts';
import type { DataSource } from './source.ts';
import { spellingsOf } from './spellings.ts';
import { stateByUsps } from './states.ts';

const column = (table: TableSpec, name: string): number =>
  table.fields.findIndex((f) => f.name === name) + 1;

/**
 * What would make two gazetteer rows one place: the same FIPS code (a county or state has one
 * row; other spellings go in its aliases), or one spelling that names two jurisdictions of one
 * state, which would make that name ambiguous to the ingest. Cities may share the county they
 * lie in (`map_fips`), and one spelling may name places in different states ("Franklin County").
 */
function checkGazetteerDuplicates(
  data: LocatedDataset,
  badFips: ReadonlySet<number>,
  issues: Issue[],
): void {
  const file = gazetteerTable.path;
  const byFips = new Map<string, { id: string; line: number }>();
  const bySpelling = new Map<string, { id: string; line: number; text: string }>();
  for (const { line, row } of data.gazetteer) {
    // A code already refused for its own row would only repeat that message.
    if (row.fips !== null && !badFips.has(line)) {
      const first = byFips.get(row.fips);
      if (first)
        issues.push({
          file,
          line,
          column: column(gazetteerTable, 'fips'),
          message: `FIPS ${row.fips} is already the code of ${first.id} (line ${first.line}); a place has one row, and other spellings of it go in that row's aliases`,
        });
      else byFips.set(row.fips, { id: row.id, line });
    }
    for (const spelling of new Map(spellingsOf(row).map((s) => [`${s.state}\u0000${s.key}`, s]))) {
      const [key, { text, state }] = spelling;
      const first = bySpelling.get(key);
      if (first && first.id !== row.id) {
        const where = text === row.name ? 'name' : 'aliases';
        issues.push({
          file,
          line,
          column: column(gazetteerTable, where),
          message: `"${text}" would name two jurisdictions of ${state}: ${first.id} (line ${first.line}, as "${first.text}") and ${row.id}; a spelling names one jurisdiction of a state, so the ingest can resolve it. Keep it on one row only.`,
        });
      } else if (!first) bySpelling.set(key, { id: row.id, line, text });
    }
  }
}

/** The per-row rules of the gazetteer; returns the lines whose FIPS code was refused. */
function checkGazetteer(data: LocatedDataset, issues: Issue[]): Set<number> {
  const file = gazetteerTable.path;
  const counties = atlasCounties();
  const badFips = new Set<number>();
  const at = (line: number, field: string, message: string) => {
    if (field === 'fips') badFips.add(line);
    issues.push({ file, line, column: column(gazetteerTable, field), message });
  };
  for (const { line, row } of data.gazetteer) {
    const state = stateByUsps(row.state);
    if (!row.id.startsWith(`${row.state.toLowerCase()}-`)) {
      at(line, 'id', `id "${row.id}" must start with the state code "${row.state.toLowerCase()}-"`);
    }
    if (row.kind === 'county') {
      if (row.fips === null) {
        at(
          line,
          'fips',
          `${row.name}, ${row.state} is a county: its five-digit FIPS code is required`,
        );
      } else {
        const county = counties.get(row.fips);
        if (row.fips.length !== 5 || !county) {
          at(line, 'fips', `FIPS ${row.fips} is not a county in the us-atlas county list`);
        } else if (state && !row.fips.startsWith(state.fips)) {
          at(
            line,
            'fips',
            `FIPS ${row.fips} (${county.name}) is not in ${row.state}, whose FIPS prefix is ${state.fips}`,
          );
        } else if (!sameCountyName(row.name, county.name)) {
          at(line, 'fips', `FIPS ${row.fips} is ${county.name}, not ${row.name}`);
        }
      }
      if (row.map_fips !== null)
        at(
          line,
          'map_fips',
          'map_fips is for jurisdictions that are not counties; a county is placed by its own fips',
        );
    } else if (row.kind === 'state') {
      if (row.fips !== null && row.fips !== state?.fips) {
        at(line, 'fips', `FIPS ${row.fips} is not the code of ${row.state} (${state?.fips})`);
      }
    } else if (row.fips !== null) {
      at(
        line,
        'fips',
        `only counties and states carry a FIPS code here; use map_fips for the county a ${row.kind} lies in`,
      );
    }
    if (row.map_fips !== null && row.kind !== 'county') {
      const county = counties.get(row.map_fips);
      if (!county)
        at(
          line,
          'map_fips',
          `map_fips ${row.map_fips} is not a county in the us-atlas county list`,
        );
      else if (state && !row.map_fips.startsWith(state.fips))
        at(line, 'map_fips', `map_fips ${row.map_fips} (${county.name}) is not in ${row.state}`);
    }
  }
  return badFips;
}

function checkWeek(
  week: LocatedWeek,
  data: LocatedDataset,
  isKnown: (id: string) => boolean,
  issues: Issue[],
): void {
  const meta = week.meta;
  const jurisdictionsFile = `${week.folder}/jurisdictions.csv`;
  const declinedFile = `${week.folder}/declined.csv`;
  const reportFile = `${week.folder}/report.json`;
  const jt = reportJurisdictionsTable;

  for (const { line, row } of week.jurisdictions) {
    if (!isKnown(row.jurisdiction)) {
      issues.push({
        file: jurisdictionsFile,
        line,
        column: column(jt, 'jurisdiction'),
        message: `unknown jurisdiction id "${row.jurisdiction}"; add it to jurisdictions.csv (the gazetteer) first`,
      });
    }
    if (row.issued !== null && row.issued_source === null) {
      issues.push({
        file: jurisdictionsFile,
        line,
        column: column(jt, 'issued_source'),
        message: 'issued_source is required when issued is given',
      });
    }
    if (row.declined !== null && row.declined_source === null) {
      issues.push({
        file: jurisdictionsFile,
        line,
        column: column(jt, 'declined_source'),
        message: 'declined_source is required when declined is given',
      });
    }
    const nationwide = meta?.figures.detainers_issued.value;
    if (row.issued !== null && nationwide != null && row.issued > nationwide) {
      issues.push({
        file: jurisdictionsFile,
        line,
        column: column(jt, 'issued'),
        message: `issued ${row.issued} is more than the ${nationwide} detainers issued nationwide`,
      });
    }
  }

  // The ranks are the order Section I prints its rows in, so each is given once, ties included.
  const ranks = new Map<number, string>();
  for (const { line, row } of week.jurisdictions) {
    if (row.issued_rank === null) continue;
    const first = ranks.get(row.issued_rank);
    if (first)
      issues.push({
        file: jurisdictionsFile,
        line,
        column: column(jt, 'issued_rank'),
        message: `issued_rank ${row.issued_rank} is already ${first}'s; Section I ranks are its rows' printed order, one row each (rows tied on their count keep the order printed)`,
      });
    else ranks.set(row.issued_rank, row.jurisdiction);
  }

  const named = new Map(week.jurisdictions.map(({ row }) => [row.jurisdiction, row]));
  const rowsPerJurisdiction = new Map<string, number>();
  for (const { line, row } of week.declined ?? []) {
    const at = (field: string, message: string) =>
      issues.push({ file: declinedFile, line, column: column(declinedTable, field), message });
    if (!isKnown(row.jurisdiction))
      at(
        'jurisdiction',
        `unknown jurisdiction id "${row.jurisdiction}"; add it to jurisdictions.csv (the gazetteer) first`,
      );
    else if (!named.has(row.jurisdiction) && !isUnread(data, jurisdictionsFile, row.jurisdiction))
      at(
        'jurisdiction',
        `${row.jurisdiction} has declined rows but no row in ${week.folder}/jurisdictions.csv`,
      );
    rowsPerJurisdiction.set(row.jurisdiction, (rowsPerJurisdiction.get(row.jurisdiction) ?? 0) + 1);
    const end = periodEnd(week.start);
    if (row.declined_date !== null && (row.declined_date < week.start || row.declined_date > end)) {
      at(
        'declined_date',
        `declined_date ${row.declined_date} is outside the report period ${week.start} to ${end}`,
      );
    }
    if (row.issued_date !== null && row.issued_date > end) {
      at(
        'issued_date',
        `issued_date ${row.issued_date} is after the end of the report period (${end})`,
      );
    }
    if (
      row.issued_date !== null &&
      row.declined_date !== null &&
      row.declined_date < row.issued_date
    ) {
      at(
        'declined_date',
        `declined_date ${row.declined_date} is before issued_date ${row.issued_date}`,
      );
    }
  }

  // Totals are compared only when every row was read; otherwise the sums would mislead.
  if (!meta || week.hasUnreadRows) return;
  const report = (path: (string | number)[], message: string) =>
    issues.push({ file: reportFile, ...week.locateInReport(path), message });
  if (meta.period_start !== week.start) {
    report(
      ['period_start'],
      `period_start ${meta.period_start} does not match the folder name ${week.start}; a report folder is named by its period start`,
    );
  }
  if (meta.period_end !== periodEnd(meta.period_start)) {
    report(
      ['period_end'],
      `period_end ${meta.period_end} must be ${PERIOD_DAYS - 1} days after period_start (${periodEnd(meta.period_start)}): a report covers seven days`,
    );
  }
  if (meta.published < meta.period_end) {
    report(
      ['published'],
      `published ${meta.published} is before the end of the period (${meta.period_end})`,
    );
  }

  const complete = meta.coverage === 'complete';
  const declinedTotal = meta.figures.declined_total.value;
  const declinedCounts = week.jurisdictions.map(({ row }) => row.declined);
  const knownDeclined = declinedCounts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
  if (complete) {
    if (declinedTotal === null)
      report(
        ['figures', 'declined_total', 'value'],
        'coverage is complete, so figures.declined_total is required',
      );
    const blank = week.jurisdictions.find(({ row }) => row.declined === null);
    if (blank)
      issues.push({
        file: jurisdictionsFile,
        line: blank.line,
        column: column(jt, 'declined'),
        message:
          'coverage is complete, so every declined count must be given; mark the report partial if some are unknown',
      });
    else if (declinedTotal !== null && knownDeclined !== declinedTotal) {
      report(
        ['figures', 'declined_total', 'value'],
        `figures.declined_total is ${declinedTotal}, but the declined counts in jurisdictions.csv add up to ${knownDeclined}; with coverage complete they must be equal`,
      );
    }
  } else if (declinedTotal !== null && knownDeclined > declinedTotal) {
    report(
      ['figures', 'declined_total', 'value'],
      `figures.declined_total is ${declinedTotal}, but the declined counts in jurisdictions.csv add up to more: ${knownDeclined}`,
    );
  }

  const sectionTotal = meta.figures.section_i_total.value;
  const ranked = week.jurisdictions.filter(({ row }) => row.issued_rank !== null);
  const rankedIssued = ranked.reduce((sum, { row }) => sum + (row.issued ?? 0), 0);
  if (sectionTotal !== null && ranked.length > 0) {
    const mismatch = complete ? rankedIssued !== sectionTotal : rankedIssued > sectionTotal;
    if (mismatch) {
      report(
        ['figures', 'section_i_total', 'value'],
        `figures.section_i_total is ${sectionTotal}, but the ranked Section I counts in jurisdictions.csv add up to ${rankedIssued}`,
      );
    }
  }

  if (week.declined) {
    for (const { line, row } of week.jurisdictions) {
      const rows = rowsPerJurisdiction.get(row.jurisdiction) ?? 0;
      if (row.declined === null) continue;
      if (complete ? rows !== row.declined : rows > row.declined) {
        issues.push({
          file: jurisdictionsFile,
          line,
          column: column(jt, 'declined'),
          message: `declined is ${row.declined}, but declined.csv has ${rows} row(s) for ${row.jurisdiction}`,
        });
      }
    }
  }
}

/** The kept PDF and report.json's `original` describe each other: one is there with the other. */
function checkOriginal(week: LocatedWeek, source: DataSource, issues: Issue[]): void {
  const name = originalPdfSpec.path.slice(originalPdfSpec.path.lastIndexOf('/') + 1);
  const pdfFile = `${week.folder}/${name}`;
  const original = week.meta?.original ?? null;
  const bytes = source.read(pdfFile);
  const report = (path: (string | number)[], message: string) =>
    issues.push({ file: `${week.folder}/report.json`, ...week.locateInReport(path), message });
  if (!original) {
    if (bytes && week.meta) {
      report(
        [],
        `${pdfFile} is there, but report.json has no "original" describing it; run the ingest with --format pdf --complete to record it, or remove the file`,
      );
    }
    return;
  }
  if (!bytes) {
    report(
      ['original'],
      `original says the PDF is kept as ${pdfFile}, but there is no such file; restore it from git (a published PDF is never removed)`,
    );
    return;
  }
  if (!hasPdfSignature(bytes)) {
    issues.push({
      file: pdfFile,
      line: 1,
      column: 1,
      message: `this is not a PDF: a PDF file has "${PDF_SIGNATURE}" in its first ${SIGNATURE_WINDOW} bytes`,
    });
  }
  if (bytes.length !== original.bytes) {
    report(
      ['original', 'bytes'],
      `original.bytes is ${original.bytes}, but ${pdfFile} has ${bytes.length} bytes`,
    );
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== original.sha256) {
    report(
      ['original', 'sha256'],
      `original.sha256 is ${original.sha256}, but ${pdfFile} has the SHA-256 digest ${digest}; the file is not the PDF that was recorded`,
    );
  }
}

function checkCorrections(data: LocatedDataset, issues: Issue[]): void {
  const file = correctionsTable.path;
  const weeks = new Map(data.weeks.map((w) => [w.start, w]));
  for (const { line, row } of data.corrections) {
    const at = (field: string, message: string) =>
      issues.push({ file, line, column: column(correctionsTable, field), message });
    const week = weeks.get(row.report);
    if (!week) {
      at('report', `no report starts on ${row.report}`);
      continue;
    }
    if (week.meta && row.date < week.meta.published)
      at('date', `date ${row.date} is before the report was published (${week.meta.published})`);
    // A transcription that takes a whole row out, or a withdrawal of a row the archive never
    // transcribed, names a row the data does not hold; the entry is the row's record.
    const wholeRow =
      row.field === null && (row.kind === 'withdrawal' || row.kind === 'transcription');
    let published: string | number | boolean | null | undefined;
    /** The named column of a row, into `published`; false (reported) where the table has none. */
    const readCell = (table: TableSpec, file: string, target: AnyRow): boolean => {
      if (row.field === null) return true;
      if (!table.fields.some((f) => f.name === row.field)) {
        at('field', `${file} has no column "${row.field}"`);
        return false;
      }
      published = target[row.field] as string | number | null;
      return true;
    };
    if (row.table === 'report') {
      if (row.field === null) {
        at(
          'field',
          `for the report table, field names a value of report.json: its JSON path (e.g. figures.detainers_issued.value, caveats.0.text) or a headline figure's name (${REPORT_FIGURES.map((f) => f.name).join(', ')})`,
        );
        continue;
      }
      if (!week.meta) continue;
      const path = reportPath(row.field);
      published = valueAtPath(week.meta, path);
      // A transcription may have taken the value out (a caveat that was not in the report).
      if (published === undefined && row.kind !== 'transcription') {
        at('field', `report.json of ${row.report} has no value at ${path.join('.')}`);
        continue;
      }
    } else if (row.table === 'jurisdictions') {
      if (row.jurisdiction === null) {
        at('jurisdiction', 'jurisdiction is required for a correction to a jurisdiction row');
        continue;
      }
      const target = week.jurisdictions.find((j) => j.row.jurisdiction === row.jurisdiction);
      if (!target) {
        const file = `${week.folder}/jurisdictions.csv`;
        if (!wholeRow && !isUnread(data, file, row.jurisdiction))
          at('jurisdiction', `the report of ${row.report} has no row for ${row.jurisdiction}`);
        continue;
      }
      if (!readCell(reportJurisdictionsTable, 'jurisdictions.csv', target.row)) continue;
    } else if (row.table === 'policies') {
      if (row.jurisdiction === null) {
        at('jurisdiction', 'jurisdiction is required for a correction to a Section III row');
        continue;
      }
      const target = data.policies.find(
        (p) => p.row.jurisdiction === row.jurisdiction && p.row.first_report === row.report,
      );
      if (!target) {
        if (!wholeRow && !isUnread(data, policiesTable.path, row.jurisdiction))
          at(
            'jurisdiction',
            `policies.csv has no row for ${row.jurisdiction} first listed in the report of ${row.report}`,
          );
        continue;
      }
      if (!readCell(policiesTable, 'policies.csv', target.row)) continue;
    } else {
      if (row.row === null) {
        at('row', 'row is required for a correction to a declined.csv row');
        continue;
      }
      const target = week.declined?.find((d) => d.row.row === row.row);
      if (!target) {
        const file = `${week.folder}/declined.csv`;
        // A withdrawn row the archive never transcribed must still be one the report printed.
        const printed = week.meta?.figures.declined_total.value ?? null;
        if (row.kind === 'withdrawal' && printed !== null && row.row > printed) {
          at(
            'row',
            `the report of ${row.report} lists ${printed} declined detainers, so it has no row ${row.row}`,
          );
        } else if (!wholeRow && !isUnread(data, file, String(row.row)))
          at('row', `the report of ${row.report} has no declined.csv row ${row.row}`);
        continue;
      }
      if (row.jurisdiction !== null && row.jurisdiction !== target.row.jurisdiction) {
        at(
          'jurisdiction',
          `declined.csv row ${row.row} is ${target.row.jurisdiction}, not ${row.jurisdiction}`,
        );
      }
      if (!readCell(declinedTable, 'declined.csv', target.row)) continue;
    }
    // The data keeps the published value, except where the archive fixed its own transcription.
    const inData = asCell(published);
    const fixed = row.kind === 'transcription';
    const expected = fixed ? row.stated_value : row.published_value;
    if (row.field !== null && expected !== inData) {
      const name = fixed ? 'stated_value' : 'published_value';
      at(name, `${name} "${expected ?? ''}" does not match the data, which has "${inData ?? ''}"`);
    }
    // A transcription may blank a value the report does not give; a correction always gives one.
    if (row.kind === 'correction' && row.stated_value === null) {
      at(
        'stated_value',
        'a correction gives the corrected value in stated_value; use kind "withdrawal" when the publisher gave none',
      );
    }
  }
}

/** Every cross-file rule of the contract; readDataset has checked each file on its own. */
export function validateDataset(data: LocatedDataset, source: DataSource): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set(data.gazetteer.map(({ row }) => row.id));
  // An unreadable gazetteer has already been reported once; every id would read as unknown.
  const isKnown = (id: string) => ids.has(id) || isUnread(data, gazetteerTable.path, id);
  checkGazetteerDuplicates(data, checkGazetteer(data, issues), issues);

  for (const week of data.weeks) {
    if (!isRealDate(week.start)) {
      issues.push({
        file: `${week.folder}/report.json`,
        line: 1,
        column: 1,
        message: `report folder "${week.start}" must be named by its period start as YYYY-MM-DD`,
      });
      continue;
    }
    checkWeek(week, data, isKnown, issues);
    checkOriginal(week, source, issues);
  }
  const starts = data.weeks
    .map((w) => w.start)
    .filter(isRealDate)
    .sort();
  for (let i = 1; i < starts.length; i++) {
    if (starts[i]! < addDays(starts[i - 1]!, PERIOD_DAYS)) {
      issues.push({
        file: `reports/${starts[i]}/report.json`,
        line: 1,
        column: 1,
        message: `the period starting ${starts[i]} overlaps the report of ${starts[i - 1]} (${starts[i - 1]} to ${periodEnd(starts[i - 1]!)})`,
      });
    }
  }

  for (const { line, row } of data.policies) {
    const at = (field: string, message: string) =>
      issues.push({
        file: policiesTable.path,
        line,
        column: column(policiesTable, field),
        message,
      });
    if (!isKnown(row.jurisdiction))
      at(
        'jurisdiction',
        `unknown jurisdiction id "${row.jurisdiction}"; add it to jurisdictions.csv (the gazetteer) first`,
      );
    if (!data.weeks.some((w) => w.start === row.first_report))
      at('first_report', `no report starts on ${row.first_report}`);
  }
  for (const { line, row } of data.corrections) {
    if (row.jurisdiction !== null && !isKnown(row.jurisdiction)) {
      issues.push({
        file: correctionsTable.path,
        line,
        column: column(correctionsTable, 'jurisdiction'),
        message: `unknown jurisdiction id "${row.jurisdiction}"; add it to jurisdictions.csv (the gazetteer) first`,
      });
    }
  }
  checkCorrections(data, issues);

  for (const [path, expected] of Object.entries(generatedFiles(data))) {
    const bytes = source.read(path);
    if (!bytes || new TextDecoder().decode(bytes) !== expected) {
      issues.push({
        file: path,
        line: 1,
        column: 1,
        message: `${path} is ${bytes ? 'out of date' : 'missing'}; run \`npm run datapackage\` to regenerate it from the schema`,
      });
    }
  }
  return issues;
}
