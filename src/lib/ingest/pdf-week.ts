/**
 * A report read from its PDF (pdf/) turned into the contract's week: report.json,
 * jurisdictions.csv, declined.csv and the PDF itself, with the report's Section III compared
 * with policies.csv. Every value's source is the PDF's address. Names resolve through the
 * gazetteer, and every name that does not resolve is listed at once, with its page.
 */
import { createHash } from 'node:crypto';
import { tableFileText } from '../contract/csv.ts';
import { jsonFileText } from '../contract/datapackage.ts';
import {
  declinedTable,
  originalPdfSpec,
  REPORT_FIGURES,
  reportJurisdictionsTable,
  SECTION_NUMERALS,
} from '../contract/schema.ts';
import type {
  DeclinedRow,
  Figure,
  GazetteerRow,
  OriginalPdf,
  PolicyRow,
  ReportFigureName,
  ReportJurisdictionRow,
  ReportMeta,
} from '../contract/schema.ts';
import { spellingKey } from '../contract/spellings.ts';
import { toUsps } from '../contract/states.ts';
import { IngestError } from './errors.ts';
import { describeNameProblem, resolveJurisdiction } from './names.ts';
import type { DdorReport, SectionIIIRow } from './pdf/index.ts';

/** When the report was published, and what says so. */
export interface Publication {
  date: string;
  source: string;
  /** How the date was found, when it is not a date the publisher printed beside the report. */
  note: string | null;
}

export interface PdfWeekInput {
  report: DdorReport;
  pdf: Uint8Array;
  /** The PDF's address as published: the source of every value. */
  url: string;
  /** The day the PDF was fetched or read. */
  retrieved: string;
  publication: Publication;
  gazetteer: readonly GazetteerRow[];
  /** data/policies.csv as it is. */
  policies: readonly PolicyRow[];
  /** How messages name the PDF. */
  label: string;
}

/** A Section III row of this report, resolved, with the page it is printed on. */
export interface ListedPolicy {
  row: PolicyRow;
  page: number;
}

export interface PdfWeek {
  meta: ReportMeta;
  jurisdictions: ReportJurisdictionRow[];
  /** Every Section II row in the report's order; empty when the report has none. */
  declined: DeclinedRow[];
  /** The page each declined row is printed on, by index. */
  declinedPages: number[];
  /** Section III as printed, resolved; empty when the report has no Section III. */
  listedPolicies: ListedPolicy[];
  /** The sections the PDF has, and those it does not. */
  missingSections: string[];
  /** Figures the report does not print, counted from its tables, by name. */
  countedFigures: Set<ReportFigureName>;
  warnings: string[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What report.json records of a kept PDF. */
export function originalOf(pdf: Uint8Array, url: string, retrieved: string): OriginalPdf {
  return {
    file: 'report.pdf',
    sha256: sha256(pdf),
    bytes: pdf.length,
    retrieved,
    url,
  };
}

/** Text compared as the report means it: case, spacing and quote styles aside. */
export const sameText = (a: string | null, b: string | null) =>
  a !== null && b !== null && normalText(a) === normalText(b);

const normalText = (text: string) =>
  text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** "Ithaca, New York (Buffalo)" → the jurisdiction "Ithaca, New York" and the AOR. */
function splitAor(listedAs: string): { name: string; aor: string | null } {
  const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(listedAs);
  return match ? { name: match[1]!, aor: match[2]! } : { name: listedAs, aor: null };
}

/** Collects name problems with their pages, so one run lists every name to settle. */
class Names {
  readonly problems: string[] = [];
  private readonly cache = new Map<string, string | null>();
  private readonly gazetteer: readonly GazetteerRow[];

  constructor(gazetteer: readonly GazetteerRow[]) {
    this.gazetteer = gazetteer;
  }

  resolve(printed: string, state: string | null, page: number, where: string): string | null {
    const key = `${printed}\0${state}`;
    if (!this.cache.has(key)) {
      const result = resolveJurisdiction(printed, this.gazetteer, state);
      if ('problem' in result) {
        this.problems.push(`page ${page} (${where}): ${describeNameProblem(printed, result)}`);
        this.cache.set(key, null);
      } else this.cache.set(key, result.id);
    }
    return this.cache.get(key)!;
  }

  fail(message: string): void {
    this.problems.push(message);
  }
}

const figureOf = (value: number | null, source: string, note: string | null = null): Figure =>
  value === null ? { value: null, source: null, note } : { value, source, note };

/** The Section III rows, resolved: an earlier row with the same printed cell says who it is. */
function listedPoliciesOf(
  rows: readonly SectionIIIRow[],
  input: PdfWeekInput,
  names: Names,
): ListedPolicy[] {
  const byListing = new Map(
    input.policies
      .filter((row) => row.listed_as !== null)
      .map((row) => [spellingKey(row.listed_as!), row.jurisdiction]),
  );
  const week = input.report.period.start;
  const seen = new Map<string, number>();
  const listed: ListedPolicy[] = [];
  for (const printed of rows) {
    const known = byListing.get(spellingKey(printed.listedAs));
    const id =
      known ?? names.resolve(splitAor(printed.listedAs).name, null, printed.page, 'Section III');
    if (!id) continue;
    const first = seen.get(id);
    if (first !== undefined) {
      names.fail(
        `page ${printed.page} (Section III): "${printed.listedAs}" is ${id}, which the table already lists on page ${first}; policies.csv holds one row per jurisdiction and report. If the report lists two policies of one place, record the second by hand with a note.`,
      );
      continue;
    }
    seen.set(id, printed.page);
    listed.push({
      page: printed.page,
      row: {
        jurisdiction: id,
        listed_as: printed.listedAs,
        date_enacted: printed.dateEnacted,
        policy: printed.policy,
        criteria: printed.criteria,
        first_report: week,
        source: input.url,
        note: null,
      },
    });
  }
  return listed;
}

/**
 * The contract's week from a report read from its PDF. Throws an IngestError listing every
 * name the gazetteer cannot resolve (with candidates) and every state that is not one.
 */
export function pdfWeek(input: PdfWeekInput): PdfWeek {
  const { report, url } = input;
  const names = new Names(input.gazetteer);
  const week = report.period.start;

  const ranked: { id: string; issued: number; page: number }[] = [];
  for (const row of report.sectionI?.rows ?? []) {
    const id = names.resolve(row.printedName, null, row.page, 'Section I');
    if (!id) continue;
    const twice = ranked.find((r) => r.id === id);
    if (twice) {
      names.fail(
        `page ${row.page} (Section I): "${row.printedName}" is ${id}, already named on page ${twice.page}; Section I names a jurisdiction once`,
      );
      continue;
    }
    ranked.push({ id, issued: row.issued, page: row.page });
  }

  const declined: DeclinedRow[] = [];
  const declinedPages: number[] = [];
  const states = new Set<string>();
  for (const row of report.sectionII?.rows ?? []) {
    const state = row.state === null ? null : toUsps(row.state);
    if (!state) {
      names.fail(
        `page ${row.page} (Section II): the State cell "${row.state ?? ''}" is not a U.S. state or its USPS code`,
      );
      continue;
    }
    if (row.county === null) {
      names.fail(`page ${row.page} (Section II): a row has no County, and none above it to carry`);
      continue;
    }
    const id = names.resolve(row.county, state, row.page, 'Section II');
    if (!id) continue;
    states.add(state);
    declined.push({
      row: declined.length + 1,
      jurisdiction: id,
      facility: row.facility,
      citizenship: row.citizenship,
      issued_date: row.issuedDate,
      declined_date: row.declinedDate,
      criminal_activity: row.criminalActivity,
      source: url,
      note: null,
    });
    declinedPages.push(row.page);
  }
  const listedPolicies = report.sectionIII
    ? listedPoliciesOf(report.sectionIII.rows, input, names)
    : [];
  if (names.problems.length) {
    throw new IngestError(
      [
        `${input.label} (the report of the week of ${week}) names places this archive cannot resolve, so nothing was written (${names.problems.length}):`,
        ...names.problems,
      ].join('\n'),
    );
  }

  // Section II lists every recorded decline, so a jurisdiction it does not name had none.
  const sectionIIRead = report.sectionII !== null;
  const declinedPer = new Map<string, number>();
  for (const row of declined) {
    declinedPer.set(row.jurisdiction, (declinedPer.get(row.jurisdiction) ?? 0) + 1);
  }
  const declinedOf = (id: string) => (sectionIIRead ? (declinedPer.get(id) ?? 0) : null);
  const rankedIds = new Set(ranked.map((r) => r.id));
  const jurisdictions: ReportJurisdictionRow[] = [
    ...ranked.map((r, i) => ({
      jurisdiction: r.id,
      issued_rank: i + 1,
      issued: r.issued,
      issued_source: url,
      declined: declinedOf(r.id),
      declined_source: sectionIIRead ? url : null,
      note: null,
    })),
    ...[...declinedPer.keys()]
      .filter((id) => !rankedIds.has(id))
      .sort()
      .map((id) => ({
        jurisdiction: id,
        issued_rank: null,
        issued: null,
        issued_source: null,
        declined: declinedOf(id),
        declined_source: url,
        note: null,
      })),
  ];

  const countedFigures = new Set<ReportFigureName>();
  const counted = (name: ReportFigureName, value: number, how: string): Figure => {
    countedFigures.add(name);
    return figureOf(value, url, `Counted from ${how}; the report does not print this figure.`);
  };
  const sectionII = report.sectionII;
  const sectionI = report.sectionI;
  // A facility is a name within a jurisdiction: two counties' "County Jail" are two jails.
  const facilities = new Set(
    declined.flatMap((row) =>
      row.facility ? [`${row.jurisdiction}\u0000${normalText(row.facility)}`] : [],
    ),
  );
  const rowsOfII = `the ${declined.length} rows of Section II`;
  const figures: Record<ReportFigureName, Figure> = {
    detainers_issued: figureOf(report.detainersIssued?.value ?? null, url),
    declined_total: !sectionII
      ? figureOf(null, url)
      : sectionII.printedTotal
        ? figureOf(sectionII.printedTotal.value, url)
        : counted('declined_total', declined.length, rowsOfII),
    states_with_declines: sectionII
      ? counted('states_with_declines', states.size, `the State column of ${rowsOfII}`)
      : figureOf(null, url),
    facilities_with_declines:
      sectionII && declined.every((row) => row.facility !== null)
        ? counted(
            'facilities_with_declines',
            facilities.size,
            `the Facility column of ${rowsOfII}, each name counted once per jurisdiction, without regard to case`,
          )
        : figureOf(null, url),
    section_i_total: !sectionI
      ? figureOf(null, url)
      : sectionI.printedTotal
        ? figureOf(sectionI.printedTotal.value, url)
        : counted(
            'section_i_total',
            ranked.reduce((sum, r) => sum + r.issued, 0),
            `the ${ranked.length} rows of Section I`,
          ),
    section_iii_entries: report.sectionIII
      ? counted(
          'section_iii_entries',
          report.sectionIII.rows.length,
          `the ${report.sectionIII.rows.length} rows of Section III`,
        )
      : figureOf(null, url),
    pages: figureOf(report.pageCount, url),
  };

  const missingSections = SECTION_NUMERALS.filter(
    (numeral) =>
      ({ I: sectionI, II: sectionII, III: report.sectionIII, IV: report.sectionIV })[numeral] ===
      null,
  ).map((numeral) => `Section ${numeral}`);
  const complete = missingSections.length === 0;
  const sectionTitles = Object.fromEntries(
    SECTION_NUMERALS.flatMap((n) => {
      const title = report.sectionTitles[n];
      return title ? [[n, title]] : [];
    }),
  );
  const meta: ReportMeta = {
    period_start: week,
    period_end: report.period.end,
    title: report.title,
    published: input.publication.date,
    published_source: input.publication.source,
    published_note: input.publication.note,
    copies: [{ label: 'Report as published by ICE', url }],
    figures: Object.fromEntries(
      REPORT_FIGURES.map((f) => [f.name, figures[f.name]]),
    ) as ReportMeta['figures'],
    coverage: complete ? 'complete' : 'partial',
    coverage_note: complete
      ? null
      : `Read from the report's PDF, which has no ${missingSections.join(', ')} that the parser could find; what those sections hold is not in the archive.`,
    section_titles: sectionTitles,
    original: originalOf(input.pdf, url, input.retrieved),
    caveats: (report.sectionIV?.paragraphs ?? []).map((text) => ({ text, source: url })),
  };
  return {
    meta,
    jurisdictions,
    declined,
    declinedPages,
    listedPolicies,
    missingSections,
    countedFigures,
    warnings: report.warnings,
  };
}

/** The week's folder as files, the PDF byte for byte among them. */
export function weekFolderFiles(
  week: Pick<PdfWeek, 'meta' | 'jurisdictions' | 'declined'>,
  pdf: Uint8Array,
): Record<string, string | Uint8Array> {
  const pdfName = originalPdfSpec.path.slice(originalPdfSpec.path.lastIndexOf('/') + 1);
  return {
    'report.json': jsonFileText(week.meta),
    'jurisdictions.csv': tableFileText(reportJurisdictionsTable, week.jurisdictions),
    ...(week.declined.length
      ? { 'declined.csv': tableFileText(declinedTable, week.declined) }
      : {}),
    [pdfName]: pdf,
  };
}
