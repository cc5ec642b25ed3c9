/**
 * The report's three tables: their columns, how a row of each is checked and turned into
 * data, and the totals the report prints for them.
 */
import type { PrintedFigure, SectionIIIRow, SectionIIRow, SectionIRow } from './ddor-report.ts';
import { PdfReportError } from './errors.ts';
import type { Line } from './lines.ts';
import { parseSlashedDate } from './period.ts';
import { flowOf } from './sections.ts';
import { extractTable } from './table.ts';
import type { TableResult, TableSpec } from './table.ts';
import { COUNT_PATTERN, parseCount } from './text.ts';

const DATE_IN_TEXT = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/;
const WHOLE_DATE = /^\d{1,2}\/\d{1,2}\/\d{4}$/;
const YEAR = /\b(?:19|20)\d{2}\b/;

export const SECTION_I_TABLE: TableSpec<'rank' | 'name' | 'issued'> = {
  columns: [
    { key: 'rank', headings: ['Rank'], optional: true },
    { key: 'name', headings: ['County, State', 'Jurisdiction', 'County'] },
    { key: 'issued', headings: ['Issued Detainers', 'Detainers Issued', 'Issued'] },
  ],
  keys: ['issued', 'rank'],
  rowLike: (text) => /\d\s*$/.test(text),
  complete: { issued: (t) => /^\d[\d,]*$/.test(t), rank: (t) => /^#?\d+\.?$/.test(t) },
};

export const SECTION_II_TABLE: TableSpec<
  'state' | 'county' | 'facility' | 'citizenship' | 'issued' | 'declined' | 'activity'
> = {
  columns: [
    { key: 'state', headings: ['State'] },
    { key: 'county', headings: ['County'] },
    { key: 'facility', headings: ['Facility'] },
    { key: 'citizenship', headings: ['Citizenship'] },
    { key: 'issued', headings: ['Detainer Issued', 'Date Issued', 'Issued'] },
    { key: 'declined', headings: ['Detainer Declined', 'Date Declined', 'Declined'] },
    { key: 'activity', headings: ['Notable Criminal Activity', 'Criminal Activity'] },
  ],
  keys: ['issued', 'declined'],
  rowLike: (text) => DATE_IN_TEXT.test(text),
  complete: { issued: (t) => WHOLE_DATE.test(t), declined: (t) => WHOLE_DATE.test(t) },
};

export const SECTION_III_TABLE: TableSpec<'listedAs' | 'enacted' | 'policy' | 'criteria'> = {
  columns: [
    { key: 'listedAs', headings: ['Jurisdiction (AOR)', 'Jurisdiction'] },
    { key: 'enacted', headings: ['Date Enacted'] },
    { key: 'policy', headings: ['Policy'] },
    {
      key: 'criteria',
      headings: ['Criteria for Honoring Detainer', 'Criteria for Honoring Detainers', 'Criteria'],
    },
  ],
  keys: ['enacted'],
  rowLike: (text) => YEAR.test(text),
  // "February 2017", "2008": an enactment date has a year (a wrapped one ends with it).
  complete: { enacted: (t) => YEAR.test(t) },
};

export const TABLES = [SECTION_I_TABLE, SECTION_II_TABLE, SECTION_III_TABLE] as const;

const headingList = (spec: TableSpec<string>) => {
  const names = spec.columns.filter((c) => !c.optional).map((c) => c.headings[0]!);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
};

function tableOf<K extends string>(
  lines: readonly Line[],
  spec: TableSpec<K>,
  section: string,
  page: number,
): TableResult<K> {
  const table = extractTable(lines, spec);
  if (!table) {
    throw new PdfReportError(
      page,
      `${section} starts here, but its table header (${headingList(spec)}) was not found`,
    );
  }
  const orphan = table.orphans[0];
  if (orphan) {
    throw new PdfReportError(
      orphan.page,
      `the ${section} table has text but no row with a ${spec.keys.map((k) => spec.columns.find((c) => c.key === k)!.headings[0]).join(' or ')} value: "${table.orphans.map((o) => o.text).join(' ')}"`,
    );
  }
  return table;
}

/** Warnings a table leaves: headings the parser does not know, notes between its rows. */
export function tableWarnings(section: string, table: TableResult<string>): string[] {
  return [
    ...table.unknownColumns.map(
      (c) =>
        `page ${c.page}: ${section} has a column "${c.heading}" the parser does not know; its text was left out`,
    ),
    ...table.notes.map(
      (l) => `page ${l.page}: text inside the ${section} table was left out: "${l.text}"`,
    ),
  ];
}

/** The first count matched by any of `patterns` in the lines' running text. */
function printedCount(lines: readonly Line[], patterns: readonly RegExp[]): PrintedFigure | null {
  const flow = flowOf(lines);
  const hits = patterns
    .map((p) => p.exec(flow.text))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a.index - b.index);
  const hit = hits[0];
  const value = hit ? parseCount(hit[1]!) : null;
  return hit && value !== null ? { value, page: flow.pageAt(hit.index) } : null;
}

const totalOf = (line: Line | null): PrintedFigure | null => {
  const value = line
    ? parseCount(new RegExp(`(${COUNT_PATTERN})\\s*$`).exec(line.text)?.[1] ?? '')
    : null;
  return line && value !== null ? { value, page: line.page } : null;
};

/** A column's name as messages give it: its first heading, the one ICE prints. */
const headingOf = <K extends string>(spec: TableSpec<K>, key: K) =>
  spec.columns.find((column) => column.key === key)!.headings[0]!;

/** Section I, with its printed total checked against its rows. */
export function readSectionI(lines: readonly Line[], page: number) {
  const table = tableOf(lines, SECTION_I_TABLE, 'Section I', page);
  const rows: SectionIRow[] = table.rows.map((row, index) => {
    const issued = parseCount(row.cells.issued);
    if (issued === null) {
      throw new PdfReportError(
        row.page,
        `Section I row "${row.text}": "${row.cells.issued}" under ${headingOf(SECTION_I_TABLE, 'issued')} is not a count`,
      );
    }
    if (!row.cells.name)
      throw new PdfReportError(
        row.page,
        `Section I row "${row.text}" has no ${headingOf(SECTION_I_TABLE, 'name')}`,
      );
    const rank = row.cells.rank ? /^#?(\d+)\.?$/.exec(row.cells.rank)?.[1] : String(index + 1);
    if (!rank)
      throw new PdfReportError(
        row.page,
        `Section I row "${row.text}": "${row.cells.rank}" is not a rank`,
      );
    return { rank: Number(rank), printedName: row.cells.name, issued, page: row.page };
  });
  const printedTotal =
    totalOf(table.total) ??
    printedCount(
      [...table.before, ...table.after],
      [
        new RegExp(
          `(${COUNT_PATTERN})\\s+(?:detainers\\s+)?(?:issued\\s+)?to\\s+these\\s+(?:\\w+\\s+)?jurisdictions`,
          'i',
        ),
      ],
    );
  const sum = rows.reduce((total, row) => total + row.issued, 0);
  if (printedTotal && printedTotal.value !== sum) {
    throw new PdfReportError(
      printedTotal.page,
      `Section I rows add up to ${sum}, but the report prints ${printedTotal.value}`,
    );
  }
  return { rows, printedTotal, table };
}

/** The ways the report may state its number of declined detainers. */
const DECLINED_TOTAL = [
  new RegExp(`(${COUNT_PATTERN})\\s+(?:recorded\\s+)?declined\\s+detainers?\\b`, 'i'),
  new RegExp(
    `(${COUNT_PATTERN})\\s+detainers?\\s+(?:that\\s+)?(?:were\\s+)?(?:recorded\\s+(?:as\\s+)?)?declined\\b`,
    'i',
  ),
  new RegExp(
    `total\\s+(?:number\\s+)?(?:of\\s+)?(?:recorded\\s+)?declined\\s+detainers?\\s*(?:was|were|is|:)?\\s*(${COUNT_PATTERN})\\b`,
    'i',
  ),
];

/**
 * Section II, in report order. A State or County printed once for a group is carried down to
 * the rows below it; nothing else is. `prose` are the report's other prose lines (its summary)
 * that may state the number of declined detainers.
 */
export function readSectionII(lines: readonly Line[], page: number, prose: readonly Line[]) {
  const table = tableOf(lines, SECTION_II_TABLE, 'Section II', page);
  let state: string | null = null;
  let county: string | null = null;
  const rows: SectionIIRow[] = table.rows.map((row) => {
    const { cells } = row;
    const newState = cells.state !== '' && cells.state !== state;
    if (cells.state) state = cells.state;
    if (cells.county) county = cells.county;
    else if (newState) county = null;
    const date = (printed: string, heading: string) => {
      if (printed === '') return null;
      const iso = parseSlashedDate(printed);
      if (!iso) {
        throw new PdfReportError(
          row.page,
          `Section II row "${row.text}": "${printed}" under ${heading} is not a date (M/D/YYYY)`,
        );
      }
      return iso;
    };
    return {
      state,
      county,
      facility: cells.facility || null,
      citizenship: cells.citizenship || null,
      issuedDate: date(cells.issued, headingOf(SECTION_II_TABLE, 'issued')),
      declinedDate: date(cells.declined, headingOf(SECTION_II_TABLE, 'declined')),
      criminalActivity: cells.activity || null,
      page: row.page,
    };
  });
  const printedTotal =
    totalOf(table.total) ??
    printedCount([...table.before, ...table.after], DECLINED_TOTAL) ??
    printedCount(prose, DECLINED_TOTAL);
  if (printedTotal && printedTotal.value !== rows.length) {
    throw new PdfReportError(
      printedTotal.page,
      `Section II lists ${rows.length} declined detainers, but the report prints ${printedTotal.value}`,
    );
  }
  return { rows, printedTotal, table };
}

/** Section III, in report order. */
export function readSectionIII(lines: readonly Line[], page: number) {
  const table = tableOf(lines, SECTION_III_TABLE, 'Section III', page);
  const rows: SectionIIIRow[] = table.rows.map((row) => {
    if (!row.cells.listedAs) {
      throw new PdfReportError(row.page, `Section III row "${row.text}" has no Jurisdiction (AOR)`);
    }
    return {
      listedAs: row.cells.listedAs,
      dateEnacted: row.cells.enacted || null,
      policy: row.cells.policy || null,
      criteria: row.cells.criteria || null,
      page: row.page,
    };
  });
  return { rows, table };
}
