/**
 * The report's three tables: their columns, how a row of each is checked and turned into
 * data, and the totals the report prints for them.
 */
import { toUsps } from '../../contract/states.ts';
import type { PrintedFigure, SectionIIIRow, SectionIIRow, SectionIRow } from './ddor-report.ts';
import { PdfReportError } from './errors.ts';
import type { Line } from './lines.ts';
import { parseTableDate, TABLE_DATE } from './period.ts';
import { flowOf } from './sections.ts';
import { extractTable } from './table.ts';
import type { PageGraphics, TableLayout, TableResult, PrintedTableSpec } from './table.ts';
import { COUNT_PATTERN, parseCount } from './text.ts';

const DATE_IN_TEXT = new RegExp(`(?:^|\\s)(?:${TABLE_DATE.source})(?:\\s|$)`);
/** A date's first line where a narrow column wraps it: "2019-11-", "10/16/". */
const DATE_START = /(?:^|\s)(?:\d{4}-\d{2}-|\d{1,2}\/\d{1,2}\/)(?:\s|$)/;
const WHOLE_DATE = new RegExp(`^(?:${TABLE_DATE.source})$`);
const YEAR = /\b(?:19|20)\d{2}\b/;

/** "Clark County, NV", "CLARK, NEVADA", "Los Angeles County California": ends in a state. */
export function endsWithState(text: string): boolean {
  const trimmed = text.trim();
  const comma = trimmed.lastIndexOf(',');
  if (comma > 0) return toUsps(trimmed.slice(comma + 1)) !== null;
  const words = trimmed.split(/\s+/);
  for (let n = 1; n <= 3 && n < words.length; n++) {
    if (toUsps(words.slice(-n).join(' '))) return true;
  }
  return false;
}

const isState = (text: string) => toUsps(text) !== null;

export const SECTION_I_TABLE: PrintedTableSpec<'rank' | 'name' | 'issued'> = {
  columns: [
    { key: 'rank', headings: ['Rank', 'No.', '#'], optional: true },
    {
      key: 'name',
      headings: ['County, State', 'Jurisdiction', 'County', 'Jurisdiction (County, State)'],
    },
    {
      key: 'issued',
      headings: [
        'Issued Detainers',
        'Detainers Issued',
        'Number of Detainers Issued',
        'Issued',
        'Detainers',
      ],
    },
  ],
  keys: ['issued', 'rank'],
  rowLike: (text) => /\d\s*$/.test(text),
  complete: {
    issued: (t) => /^\d[\d,]*$/.test(t),
    rank: (t) => /^#?\d+\.?$/.test(t),
    name: endsWithState,
  },
};

/** Section I printed with the state and the county in columns of their own. */
export const SECTION_I_SPLIT_TABLE: PrintedTableSpec<'rank' | 'state' | 'county' | 'issued'> = {
  columns: [
    { key: 'rank', headings: ['Rank', 'No.', '#'], optional: true },
    { key: 'state', headings: ['State'] },
    { key: 'county', headings: ['County', 'Jurisdiction'] },
    { key: 'issued', headings: SECTION_I_TABLE.columns[2]!.headings },
  ],
  keys: ['issued', 'rank'],
  rowLike: (text) => /\d\s*$/.test(text),
  complete: {
    issued: (t) => /^\d[\d,]*$/.test(t),
    rank: (t) => /^#?\d+\.?$/.test(t),
    state: isState,
  },
};

export const SECTION_II_TABLE: PrintedTableSpec<
  'state' | 'county' | 'facility' | 'citizenship' | 'issued' | 'declined' | 'activity'
> = {
  columns: [
    { key: 'state', headings: ['State'] },
    { key: 'county', headings: ['County', 'Jurisdiction'] },
    { key: 'facility', headings: ['Facility', 'Facility Name', 'Jail', 'Detention Facility'] },
    {
      key: 'citizenship',
      headings: ['Citizenship', 'Country of Citizenship', 'Nationality', 'Country'],
    },
    {
      key: 'issued',
      headings: [
        'Detainer Issued',
        'Date Issued',
        'Detainer Issued Date',
        'Date Detainer Issued',
        'Issued Date',
        'Issued',
      ],
    },
    {
      key: 'declined',
      headings: [
        'Detainer Declined',
        'Date Declined',
        'Detainer Declined Date',
        'Date Detainer Declined',
        'Declined Date',
        'Declined',
      ],
    },
    {
      key: 'activity',
      headings: [
        'Notable Criminal Activity',
        'Criminal Activity',
        'Notable Criminal History',
        'Criminal History',
      ],
    },
  ],
  keys: ['issued', 'declined'],
  rowLike: (text) => DATE_IN_TEXT.test(text) || DATE_START.test(text),
  complete: {
    issued: (t) => WHOLE_DATE.test(t),
    declined: (t) => WHOLE_DATE.test(t),
    state: isState,
  },
};

export const SECTION_III_TABLE: PrintedTableSpec<'listedAs' | 'enacted' | 'policy' | 'criteria'> = {
  columns: [
    { key: 'listedAs', headings: ['Jurisdiction (AOR)', 'Jurisdiction'] },
    { key: 'enacted', headings: ['Date Enacted', 'Enacted'] },
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

export const TABLES = [
  SECTION_I_TABLE,
  SECTION_I_SPLIT_TABLE,
  SECTION_II_TABLE,
  SECTION_III_TABLE,
] as const;

const headingList = (spec: PrintedTableSpec<string>) => {
  const names = spec.columns.filter((c) => !c.optional).map((c) => c.headings[0]!);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
};

/** What a section's reading needs besides its lines: the pages' drawings, a template. */
export interface TableContext {
  graphicsOf: (page: number) => PageGraphics;
  /** Whether the PDF's producer writes whole values into cells that clip them (see PdfPage). */
  clipsWholeText: boolean;
  layout?: TableLayout | undefined;
  /** Told of every table found, before it is checked, so a refusal can be explained. */
  record?: (table: TableResult<string>) => void;
}

function tableOf<K extends string>(
  lines: readonly Line[],
  spec: PrintedTableSpec<K>,
  section: string,
  page: number,
  context: TableContext,
): TableResult<K> {
  const table = extractTable(lines, spec, context.graphicsOf, context.layout);
  if (table) context.record?.(table as TableResult<string>);
  if (!table) {
    throw new PdfReportError(
      page,
      `${section} starts here, but its table header (${headingList(spec)}) was not found`,
    );
  }
  checkTable(table, spec, section, context);
  return table;
}

function checkTable<K extends string>(
  table: TableResult<K>,
  spec: PrintedTableSpec<K>,
  section: string,
  context: TableContext,
) {
  for (const area of table.trace) {
    const cut = (context.graphicsOf(area.page).cutOff ?? []).find(
      (g) => g.x0 < area.x1 && g.x1 > area.x0 && g.y >= area.top && g.y <= area.bottom + 2,
    );
    if (cut && !context.clipsWholeText) {
      throw new PdfReportError(
        area.page,
        `text in the ${section} table is cut off at the edge of its cell (at "${cut.text}", ${Math.round(cut.x0)} pt from the left, ${Math.round(cut.y)} pt from the top): the PDF does not hold the rest of the value, so the table is not read`,
      );
    }
  }
  const unsure = table.ambiguous;
  if (unsure?.kind === 'alignment') {
    const [a, b] = unsure.readings;
    throw new PdfReportError(
      unsure.page,
      `the ${section} table's rows can be read two ways: its cells wrap onto several lines, and neither rules, spacing nor its first and last rows show whether each row's cells are aligned to the ${a} or to the ${b} of the row; a layout template (--layout) can say which`,
    );
  }
  if (unsure?.kind === 'split row') {
    throw new PdfReportError(
      unsure.page,
      `a row of the ${section} table is split by the page break before this page, and neither rules nor spacing show where its rest ends and the next row begins`,
    );
  }
  const orphan = table.orphans[0];
  if (orphan) {
    throw new PdfReportError(
      orphan.page,
      `the ${section} table has text but no row with a ${spec.keys.map((k) => spec.columns.find((c) => c.key === k)!.headings[0]).join(' or ')} value: "${table.orphans.map((o) => o.text).join(' ')}"`,
    );
  }
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
const headingOf = <K extends string>(spec: PrintedTableSpec<K>, key: K) =>
  spec.columns.find((column) => column.key === key)!.headings[0]!;

interface SectionIRead {
  rows: SectionIRow[];
  printedTotal: PrintedFigure | null;
  table: TableResult<string>;
}

/** Section I's rows, from a table with one "County, State" column or separate ones. */
function sectionIRows(
  lines: readonly Line[],
  page: number,
  context: TableContext,
): {
  table: TableResult<string>;
  rows: { page: number; text: string; rank: string; name: string; issued: string }[];
} {
  const combined = extractTable(lines, SECTION_I_TABLE, context.graphicsOf, context.layout);
  const split = extractTable(lines, SECTION_I_SPLIT_TABLE, context.graphicsOf, context.layout);
  // "County, State" as one heading also spells "County" and "State": the split form only
  // where those are headings of their own, not the words of the combined one.
  const column = (table: TableResult<string> | null, key: string) =>
    table?.header.columns.find((c) => c.key === key);
  const name = column(combined as TableResult<string> | null, 'name');
  const parts = [
    column(split as TableResult<string> | null, 'state'),
    column(split as TableResult<string> | null, 'county'),
  ];
  const useSplit =
    split !== null &&
    (name === undefined ||
      !parts.every((part) => part && part.x0 >= name.x0 - 1 && part.x1 <= name.x1 + 1));
  if (useSplit) {
    context.record?.(split as TableResult<string>);
    checkTable(split, SECTION_I_SPLIT_TABLE, 'Section I', context);
    let state = '';
    return {
      table: split,
      rows: split.rows.map((row) => {
        if (row.cells.state) state = row.cells.state;
        const name = row.cells.county && state ? `${row.cells.county}, ${state}` : row.cells.county;
        return {
          page: row.page,
          text: row.text,
          rank: row.cells.rank,
          name,
          issued: row.cells.issued,
        };
      }),
    };
  }
  if (!combined) {
    throw new PdfReportError(
      page,
      `Section I starts here, but its table header (${headingList(SECTION_I_TABLE)}) was not found`,
    );
  }
  context.record?.(combined as TableResult<string>);
  checkTable(combined, SECTION_I_TABLE, 'Section I', context);
  const table = combined;
  return {
    table,
    rows: table.rows.map((row) => ({ page: row.page, text: row.text, ...row.cells })),
  };
}

/** Section I, with its printed total checked against its rows. */
export function readSectionI(
  lines: readonly Line[],
  page: number,
  context: TableContext,
): SectionIRead {
  const { table, rows: printed } = sectionIRows(lines, page, context);
  const rows: SectionIRow[] = printed.map((row, index) => {
    const issued = parseCount(row.issued);
    if (issued === null) {
      throw new PdfReportError(
        row.page,
        `Section I row "${row.text}": "${row.issued}" under ${headingOf(SECTION_I_TABLE, 'issued')} is not a count`,
      );
    }
    if (!row.name)
      throw new PdfReportError(
        row.page,
        `Section I row "${row.text}" has no ${headingOf(SECTION_I_TABLE, 'name')}`,
      );
    const rank = row.rank ? /^#?(\d+)\.?$/.exec(row.rank)?.[1] : String(index + 1);
    if (!rank)
      throw new PdfReportError(
        row.page,
        `Section I row "${row.text}": "${row.rank}" is not a rank`,
      );
    return { rank: Number(rank), printedName: row.name, issued, page: row.page };
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
export function readSectionII(
  lines: readonly Line[],
  page: number,
  prose: readonly Line[],
  context: TableContext,
) {
  const table = tableOf(lines, SECTION_II_TABLE, 'Section II', page, context);
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
      const iso = parseTableDate(printed);
      if (!iso) {
        throw new PdfReportError(
          row.page,
          `Section II row "${row.text}": "${printed}" under ${heading} is not a date (M/D/YYYY or YYYY-MM-DD)`,
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
export function readSectionIII(lines: readonly Line[], page: number, context: TableContext) {
  const table = tableOf(lines, SECTION_III_TABLE, 'Section III', page, context);
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
