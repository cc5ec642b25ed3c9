/**
 * The "ice" source format: the report's tables as they come out of ICE's PDF (exported with
 * Tabula or by hand), with ICE's own headings, `M/D/YYYY` dates and place names, plus a small
 * JSON with what the report's summary says. Normalised here into the contract's week files.
 */
import { parseCsv, tableFileText } from '../contract/csv.ts';
import { isRealDate } from '../contract/dates.ts';
import type { Issue } from '../contract/issues.ts';
import { formatIssue } from '../contract/issues.ts';
import { parseJsonDocument } from '../contract/json-shape.ts';
import type { JsonPath } from '../contract/json-shape.ts';
import {
  declinedTable,
  REPORT_FIGURES,
  reportJurisdictionsTable,
  SECTION_NUMERALS,
} from '../contract/schema.ts';
import { jsonFileText } from '../contract/datapackage.ts';
import type { GazetteerRow, ReportFigureName } from '../contract/schema.ts';
import { isWebAddress } from '../contract/web-address.ts';
import { IngestError } from './errors.ts';
import { toUsps } from '../contract/states.ts';
import { describeNameProblem, resolveJurisdiction } from './names.ts';

export const ICE_FILES = {
  summary: 'summary.json',
  sectionI: 'section-i.csv',
  sectionII: 'section-ii.csv',
} as const;

/** Section I headings as the report prints them (domain.md §1.3). */
export const SECTION_I_HEADINGS = ['County, State', 'Issued Detainers'] as const;

/** Section II headings, reconstructed from press descriptions of the table (domain.md §1.4). */
export const SECTION_II_HEADINGS = [
  'State',
  'County',
  'Facility',
  'Citizenship',
  'Detainer Issued',
  'Detainer Declined',
  'Notable Criminal Activity',
] as const;

/** Figures the summary JSON must give: without them a week has no headline. */
const REQUIRED_TOTALS: readonly ReportFigureName[] = ['detainers_issued', 'declined_total'];

export interface IceExport {
  summary: string;
  sectionI: string;
  sectionII: string;
}

/** `2/1/2017` or `02/01/2017` → `2017-02-01`; null when it is not a real date in that form. */
export function parseIceDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, month, day, year] = match;
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** Line breaks and runs of spaces in a cell come from the PDF's layout, not from the report. */
const cleanCell = (cell: string) => cell.replace(/\s+/g, ' ').trim();
const headingKey = (heading: string) => cleanCell(heading).toLowerCase();

interface IceRow<H extends string> {
  line: number;
  cell: (heading: H) => string;
  column: (heading: H) => number;
}

/**
 * Reads an exported table by its headings (in any order). A table that runs over several PDF
 * pages repeats its header on each page; those repeats and blank rows are skipped.
 */
function readIceTable<H extends string>(
  file: string,
  text: string,
  headings: readonly H[],
  issues: Issue[],
): IceRow<H>[] {
  const csv = parseCsv(file, text);
  issues.push(...csv.issues);
  const expected = headings.map((h) => `"${h}"`).join(', ');
  if (!csv.header) {
    issues.push({
      file,
      line: 1,
      column: 1,
      message: `the table is empty; expected the headings ${expected}`,
    });
    return [];
  }
  const found = csv.header.cells.map(headingKey);
  const index = new Map<H, number>();
  for (const heading of headings) {
    const at = found.indexOf(headingKey(heading));
    if (at === -1) {
      issues.push({
        file,
        line: csv.header.line,
        column: 1,
        message: `no column "${heading}"; the table's headings must be ${expected}, found ${csv.header.cells.map((c) => `"${cleanCell(c)}"`).join(', ')}`,
      });
    } else index.set(heading, at);
  }
  found.forEach((key, at) => {
    if (key !== '' && !headings.some((h) => headingKey(h) === key)) {
      issues.push({
        file,
        line: csv.header!.line,
        column: at + 1,
        message: `unexpected column "${csv.header!.cells[at]}"; the table's headings are ${expected}`,
      });
    }
  });
  if (index.size !== headings.length) return [];
  const isHeader = (cells: string[]) => cells.map(headingKey).join('\0') === found.join('\0');
  return csv.records
    .filter((r) => !isHeader(r.cells) && r.cells.some((c) => cleanCell(c) !== ''))
    .map((record) => ({
      line: record.line,
      cell: (heading) => cleanCell(record.cells[index.get(heading)!] ?? ''),
      column: (heading) => index.get(heading)! + 1,
    }));
}

interface Summary {
  title: string;
  periodStart: string;
  periodEnd: string;
  published: string;
  source: string;
  totals: Partial<Record<ReportFigureName, number>>;
  sectionTitles: Record<string, string> | null;
  caveats: string[];
}

function readSummary(file: string, text: string, issues: Issue[]): Summary | null {
  const document = parseJsonDocument(text);
  if ('message' in document) {
    issues.push({ file, ...document });
    return null;
  }
  const at = (path: JsonPath, message: string) =>
    issues.push({ file, ...document.locate(path), message });
  const json: unknown = JSON.parse(text);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    at([], 'must be a JSON object');
    return null;
  }
  const object = json as Record<string, unknown>;
  const before = issues.length;
  const requiredText = (key: string): string => {
    const value = object[key];
    if (typeof value !== 'string' || value.trim() === '') at([key], `${key} is required (text)`);
    return typeof value === 'string' ? value.trim() : '';
  };
  const date = (key: string): string => {
    const value = requiredText(key);
    const iso = parseIceDate(value);
    if (value && !iso)
      at([key], `${key} must be a date as M/D/YYYY, as the report prints it; got "${value}"`);
    return iso ?? '';
  };
  const summary: Summary = {
    title: requiredText('title'),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    published: date('published'),
    source: requiredText('source'),
    totals: {},
    sectionTitles: null,
    caveats: [],
  };
  if (summary.source && !isWebAddress(summary.source)) {
    at(['source'], `source must be the web address of the report, got "${summary.source}"`);
  }
  const figureNames = new Set<string>(REPORT_FIGURES.map((f) => f.name));
  const totals = object['totals'];
  if (typeof totals !== 'object' || totals === null || Array.isArray(totals)) {
    at(['totals'], `totals is required: an object with ${REQUIRED_TOTALS.join(' and ')}`);
  } else {
    for (const [key, value] of Object.entries(totals)) {
      if (!figureNames.has(key)) {
        at(
          ['totals', key],
          `unknown total "${key}"; the totals are ${[...figureNames].join(', ')}`,
        );
      } else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        at(['totals', key], `totals.${key} must be a whole number ≥ 0`);
      } else summary.totals[key as ReportFigureName] = value;
    }
    for (const name of REQUIRED_TOTALS) {
      if (!(name in totals)) at(['totals'], `totals.${name} is required`);
    }
  }
  const titles = object['section_titles'];
  if (titles !== undefined) {
    const valid =
      typeof titles === 'object' &&
      titles !== null &&
      Object.entries(titles).every(
        ([key, value]) =>
          (SECTION_NUMERALS as readonly string[]).includes(key) && typeof value === 'string',
      );
    if (valid) summary.sectionTitles = titles as Record<string, string>;
    else at(['section_titles'], `section_titles must map ${SECTION_NUMERALS.join(', ')} to text`);
  }
  const caveats = object['caveats'];
  if (caveats !== undefined) {
    if (Array.isArray(caveats) && caveats.every((c) => typeof c === 'string')) {
      summary.caveats = caveats.map(cleanCell);
    } else at(['caveats'], 'caveats must be a list of the caveats as printed (text)');
  }
  return issues.length > before ? null : summary;
}

/** Parses a count as printed, with or without thousands separators. */
function parseCount(text: string): number | null {
  const digits = text.replace(/,/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

/**
 * Converts an ICE export into the contract's week files (`report.json`, `jurisdictions.csv`,
 * `declined.csv`), byte for byte the same for the same export. Every problem is collected and
 * thrown at once as an IngestError: bad headings, dates, counts, and names the gazetteer cannot
 * resolve (with their candidates).
 */
export function iceToContract(
  week: string,
  exported: IceExport,
  gazetteer: readonly GazetteerRow[],
  label: string,
): Record<string, string> {
  const issues: Issue[] = [];
  const summary = readSummary(ICE_FILES.summary, exported.summary, issues);
  const resolved = new Map<string, string | null>();
  const resolve = (
    file: string,
    line: number,
    column: number,
    printed: string,
    state: string | null,
  ) => {
    const key = `${printed}\0${state}`;
    if (!resolved.has(key)) {
      const result = resolveJurisdiction(printed, gazetteer, state);
      if ('problem' in result) {
        issues.push({ file, line, column, message: describeNameProblem(printed, result) });
      }
      resolved.set(key, 'id' in result ? result.id : null);
    }
    return resolved.get(key) ?? null;
  };

  const sectionIFile = ICE_FILES.sectionI;
  const [nameHeading, issuedHeading] = SECTION_I_HEADINGS;
  const ranked: { id: string | null; issued: number | null; line: number }[] = [];
  let printedTotal: { value: number | null; line: number } | null = null;
  for (const row of readIceTable(sectionIFile, exported.sectionI, SECTION_I_HEADINGS, issues)) {
    const printed = row.cell(nameHeading);
    const issued = parseCount(row.cell(issuedHeading));
    if (issued === null) {
      issues.push({
        file: sectionIFile,
        line: row.line,
        column: row.column(issuedHeading),
        message: `"${issuedHeading}" must be a whole number, got "${row.cell(issuedHeading)}"`,
      });
    }
    if (/^total$/i.test(printed)) {
      printedTotal = { value: issued, line: row.line };
      continue;
    }
    const id = resolve(sectionIFile, row.line, row.column(nameHeading), printed, null);
    const twice = id && ranked.find((r) => r.id === id);
    if (twice) {
      issues.push({
        file: sectionIFile,
        line: row.line,
        column: row.column(nameHeading),
        message: `${id} is already named on line ${twice.line}; Section I names a jurisdiction once`,
      });
    }
    ranked.push({ id, issued, line: row.line });
  }
  const rankedSum = ranked.reduce((sum, r) => sum + (r.issued ?? 0), 0);
  if (printedTotal && printedTotal.value !== null && printedTotal.value !== rankedSum) {
    issues.push({
      file: sectionIFile,
      line: printedTotal.line,
      column: 2,
      message: `the Total row says ${printedTotal.value}, but the rows above add up to ${rankedSum}`,
    });
  }

  const sectionIIFile = ICE_FILES.sectionII;
  const declined: Record<string, unknown>[] = [];
  for (const row of readIceTable(sectionIIFile, exported.sectionII, SECTION_II_HEADINGS, issues)) {
    const at = (heading: (typeof SECTION_II_HEADINGS)[number], message: string) =>
      issues.push({ file: sectionIIFile, line: row.line, column: row.column(heading), message });
    const state = toUsps(row.cell('State'));
    if (!state) at('State', `"${row.cell('State')}" is not a U.S. state or its USPS code`);
    const id = state
      ? resolve(sectionIIFile, row.line, row.column('County'), row.cell('County'), state)
      : null;
    const date = (heading: 'Detainer Issued' | 'Detainer Declined') => {
      const printed = row.cell(heading);
      if (printed === '') return null;
      const iso = parseIceDate(printed);
      if (!iso) at(heading, `"${heading}" must be a date as M/D/YYYY, got "${printed}"`);
      return iso;
    };
    declined.push({
      row: declined.length + 1,
      jurisdiction: id,
      facility: row.cell('Facility') || null,
      citizenship: row.cell('Citizenship') || null,
      issued_date: date('Detainer Issued'),
      declined_date: date('Detainer Declined'),
      criminal_activity: row.cell('Notable Criminal Activity') || null,
      source: summary?.source,
    });
  }

  if (summary) {
    if (summary.periodStart && summary.periodStart !== week) {
      issues.push({
        file: ICE_FILES.summary,
        line: 1,
        column: 1,
        message: `the export is the report of the week starting ${summary.periodStart}, not of the week requested (${week})`,
      });
    }
    const total = summary.totals.declined_total;
    if (total !== undefined && total !== declined.length) {
      issues.push({
        file: sectionIIFile,
        line: 1,
        column: 1,
        message: `Section II has ${declined.length} row(s), but the summary's declined_total is ${total}; the export may have lost rows (check every page)`,
      });
    }
  }
  if (issues.length || !summary) {
    throw new IngestError(
      [
        `The ICE export at ${label} has ${issues.length} problem(s):`,
        ...issues.map((issue) => formatIssue(issue)),
      ].join('\n'),
    );
  }

  const source = summary.source;
  const declinedPer = new Map<string, number>();
  for (const row of declined) {
    const id = row['jurisdiction'] as string;
    declinedPer.set(id, (declinedPer.get(id) ?? 0) + 1);
  }
  const rankedIds = ranked.map((r) => r.id!);
  const unranked = [...declinedPer.keys()].filter((id) => !rankedIds.includes(id)).sort();
  // Section II lists every recorded decline, so a jurisdiction it does not name had none.
  const jurisdictions = [
    ...ranked.map((r, i) => ({
      jurisdiction: r.id,
      issued_rank: i + 1,
      issued: r.issued,
      issued_source: source,
      declined: declinedPer.get(r.id!) ?? 0,
      declined_source: source,
    })),
    ...unranked.map((id) => ({
      jurisdiction: id,
      declined: declinedPer.get(id),
      declined_source: source,
    })),
  ];

  const figure = (name: ReportFigureName) => {
    const value = summary.totals[name];
    return value === undefined
      ? { value: null, source: null, note: null }
      : { value, source, note: null };
  };
  const report = {
    period_start: summary.periodStart,
    period_end: summary.periodEnd,
    title: summary.title,
    published: summary.published,
    published_source: source,
    copies: [{ label: 'Report as published by ICE', url: source }],
    figures: Object.fromEntries(REPORT_FIGURES.map((f) => [f.name, figure(f.name)])),
    coverage: 'complete',
    ...(summary.sectionTitles ? { section_titles: summary.sectionTitles } : {}),
    caveats: summary.caveats.map((text) => ({ text, source })),
  };
  return {
    'report.json': jsonFileText(report),
    'jurisdictions.csv': tableFileText(reportJurisdictionsTable, jurisdictions),
    ...(declined.length ? { 'declined.csv': tableFileText(declinedTable, declined) } : {}),
  };
}
