/**
 * Reads one table out of a run of lines (a section of the report): finds its header, follows
 * it over page breaks (header repeated or not), stops where the table stops, and returns its
 * rows with each cell's text.
 */
import { assembleRows } from './rows.ts';
import { columnBoundaries, placeInColumns } from './columns.ts';
import type { Line } from './lines.ts';
import { matchHeader } from './table-header.ts';
import type { ColumnSpec, HeaderColumn, HeaderMatch } from './table-header.ts';

export interface TableSpec<K extends string> {
  columns: readonly ColumnSpec<K>[];
  /** One-line values every row has; a line with one of them starts (anchors) a row. */
  keys: readonly K[];
  /** Text only a row of this table holds (a date, a count), for telling rows from notes. */
  rowLike?: (text: string) => boolean;
  /** What a whole value of a key looks like, so a key cell that wraps is read as one. */
  complete?: Partial<Record<K, (text: string) => boolean>>;
}

export interface TableRow<K extends string> {
  page: number;
  cells: Record<K, string>;
  /** The whole row as printed, cells joined by " | ", for messages. */
  text: string;
}

export interface TableResult<K extends string> {
  header: HeaderMatch;
  rows: TableRow<K>[];
  /** A "Total" line that closed the table, if any. */
  total: Line | null;
  /** Lines of the section before the header and after the table. */
  before: Line[];
  after: Line[];
  /** Headings the spec does not know, with the page of the header they were in. */
  unknownColumns: { heading: string; page: number }[];
  /** Lines between rows that are no part of the table (a note at the foot of a page). */
  notes: Line[];
  /** Text in the table's area that could not be placed in a row. */
  orphans: { page: number; text: string }[];
}

const TOTAL_LINE = /^(?:grand\s+)?totals?\b/i;
/** A gap this many font sizes tall is not between two rows of a table. */
const TABLE_GAP = 4;
/** Lines at the top of a page searched for a repeated header. */
const HEADER_SEARCH = 3;
/** Share of the table's width a paragraph line runs over; a row's text is split by gutters. */
const PROSE_SPAN = 0.7;

interface Segment {
  header: HeaderMatch;
  lines: Line[];
}

/**
 * A paragraph line: one run of text (pieces no further apart than a wide word space) across
 * most of the table's width. A table line is broken up by the gutters between its cells.
 */
function isProse(line: Line, columns: readonly HeaderColumn[]): boolean {
  const width = columns.at(-1)!.x1 - columns[0]!.x0;
  let runStart = line.pieces[0]!.x0;
  let runEnd = line.pieces[0]!.x1;
  let widest = 0;
  for (const piece of line.pieces) {
    if (piece.x0 - runEnd > 0.5 * piece.size) runStart = piece.x0;
    runEnd = Math.max(runEnd, piece.x1);
    widest = Math.max(widest, runEnd - runStart);
  }
  return widest > PROSE_SPAN * width;
}

const sameLayout = (a: HeaderMatch, b: HeaderMatch) =>
  a.columns.length === b.columns.length &&
  a.columns.every(
    (c, i) =>
      c.key === b.columns[i]!.key &&
      Math.abs(c.x0 - b.columns[i]!.x0) <= 1.5 &&
      Math.abs(c.x1 - b.columns[i]!.x1) <= 1.5,
  );

/**
 * Pages whose headers sit in the same places share one set of column boundaries, found from
 * all their rows: a column may be empty on one page (a state printed once for a long group)
 * but not in the whole table.
 */
function layouts(segments: readonly Segment[]): Segment[] {
  const groups: Segment[] = [];
  for (const segment of segments) {
    const group = groups.find((g) => sameLayout(g.header, segment.header));
    if (group) group.lines.push(...segment.lines);
    else groups.push({ header: segment.header, lines: [...segment.lines] });
  }
  return groups;
}

function findRepeatedHeader(lines: readonly Line[], at: number, spec: TableSpec<string>) {
  for (let i = at; i < lines.length && i < at + HEADER_SEARCH; i++) {
    if (lines[i]!.page !== lines[at]!.page) break;
    const header = matchHeader(lines, i, spec.columns);
    if (header) return header;
  }
  return null;
}

/**
 * The table in `lines`: null when no line starts its header. Rows run on over page breaks
 * (past a header printed again at the top of a page, or without one) until a "Total" line or
 * the end of `lines`. Paragraph lines, and lines below a large gap, close the table unless a
 * row follows them (then they were a note inside it, kept as a note).
 */
export function extractTable<K extends string>(
  lines: readonly Line[],
  spec: TableSpec<K>,
): TableResult<K> | null {
  let header: HeaderMatch | null = null;
  for (let at = 0; at < lines.length && !header; at++)
    header = matchHeader(lines, at, spec.columns);
  if (!header) return null;
  const start = header.start;
  const segments: Segment[] = [{ header, lines: [] }];
  const notes: Line[] = [];
  let pending: Line[] = [];
  let total: Line | null = null;
  // The header's last line: a header at the foot of a page may be printed again overleaf.
  let last: Line | null = lines[start + header.lineCount - 1]!;
  let i = start + header.lineCount;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (last && line.page !== last.page) {
      const repeated = findRepeatedHeader(lines, i, spec);
      if (repeated || segments.at(-1)!.lines.length > 0) {
        segments.push({ header: repeated ?? segments.at(-1)!.header, lines: [] });
      }
      if (repeated) {
        // Lines above a repeated header (not page furniture) are no part of any row.
        notes.push(...lines.slice(i, repeated.start));
        i = repeated.start + repeated.lineCount - 1;
        last = lines[i]!;
        continue;
      }
    }
    if (TOTAL_LINE.test(line.text)) {
      total = line;
      i++;
      break;
    }
    const columns = segments.at(-1)!.header.columns;
    const afterGap =
      last !== null && line.page === last.page && line.y - last.y > TABLE_GAP * line.size;
    const rowLike = spec.rowLike?.(line.text) ?? false;
    // Cells a narrow gutter apart can run together like a paragraph; a row still has its
    // cells' separate items and the values only rows hold.
    const prose = isProse(line, columns) && !(rowLike && line.pieces.length >= 3);
    if (prose || (afterGap && !rowLike) || (pending.length > 0 && !rowLike)) {
      pending.push(line);
      last = line;
      continue;
    }
    notes.push(...pending);
    pending = [];
    segments.at(-1)!.lines.push(line);
    last = line;
  }
  const after = [...pending, ...lines.slice(i)];
  const fragments = layouts(segments).flatMap(({ header: { columns }, lines: body }) => {
    // Columns are matched by key, so layouts may space (or even order) them differently.
    const toSpec = columns.map((c) => spec.columns.findIndex((s) => s.key === c.key));
    return placeInColumns(body, columnBoundaries(columns, body))
      .map((f) => ({ ...f, column: toSpec[f.column] ?? -1 }))
      .filter((f) => f.column >= 0);
  });
  const keyIndexes = spec.keys.map((k) => spec.columns.findIndex((c) => c.key === k));
  const complete = (column: number, text: string) =>
    spec.complete?.[spec.columns[column]!.key]?.(text) ?? true;
  const { rows, orphans } = assembleRows(fragments, spec.columns.length, keyIndexes, complete);
  return {
    header,
    rows: rows.map((row) => ({
      page: row.page,
      cells: Object.fromEntries(
        spec.columns.map((c, at) => [c.key, row.cells[at] ?? '']),
      ) as Record<K, string>,
      text: row.cells.filter(Boolean).join(' | '),
    })),
    total,
    before: lines.slice(0, start),
    after,
    // Each unknown heading once, with the first page it is on.
    unknownColumns: [
      ...new Map(
        segments
          .flatMap((s) =>
            s.header.columns
              .filter((c) => c.key === null)
              .map((c) => ({ heading: c.heading, page: s.header.page })),
          )
          .reverse()
          .map((c) => [c.heading, c] as const),
      ).values(),
    ].reverse(),
    orphans: orphans.map((f) => ({ page: f.page, text: f.piece.text })),
    notes,
  };
}
