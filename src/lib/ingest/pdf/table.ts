/**
 * Reads one table out of a run of lines (a section of the report): finds its header, follows
 * it over page breaks (header repeated or not), stops where the table stops, and returns its
 * rows with each cell's text, and what it found where, for --explain.
 *
 * Columns come from vertical rules where the page draws them (lattice), else from the
 * white-space gutters under the header (stream); rows from horizontal rules or stripes where
 * the page draws them, else from each row's key cells and the table's alignment (rows.ts).
 */
import { columnBoundaries, columnRules, placeInColumns } from './columns.ts';
import type { Fill, Glyph, Rule } from './document.ts';
import type { Line } from './lines.ts';
import { assembleRows } from './rows.ts';
import type { RowAlign, RowAmbiguity } from './rows.ts';
import { matchHeader } from './table-header.ts';
import type { ColumnSpec, HeaderColumn, HeaderMatch } from './table-header.ts';

export interface PrintedTableSpec<K extends string> {
  columns: readonly ColumnSpec<K>[];
  /** One-line values every row has; a line with one of them starts (anchors) a row. */
  keys: readonly K[];
  /** Text only a row of this table holds (a date, a count), for telling rows from notes. */
  rowLike?: (text: string) => boolean;
  /** What a whole value of a column looks like: a key that wraps, a cell read whole. */
  complete?: Partial<Record<K, (text: string) => boolean>>;
}

/** What a layout template fixes for a table: its columns' boundaries, its cells' alignment. */
export interface TableLayout {
  /** x of each boundary between neighbouring columns, left to right, one fewer than columns. */
  boundaries?: readonly number[];
  align?: RowAlign;
}

export interface TableRow<K extends string> {
  page: number;
  cells: Record<K, string>;
  /** The whole row as printed, cells joined by " | ", for messages. */
  text: string;
}

/** Where the reader found the table on one page, for --explain. */
export interface TableTrace {
  page: number;
  /** The table's area. */
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Column boundaries, and whether they came from rules. */
  boundaries: number[];
  ruled: boolean;
  /** Row boundaries: the rules or stripe edges between rows, else halfway between rows. */
  rowEdges: number[];
}

export interface PageGraphics {
  rules: readonly Rule[];
  fills: readonly Fill[];
  /** Glyphs cut through at a clipping edge, the rest of their text dropped by the producer. */
  cutOff?: readonly Glyph[];
}

export interface TableResult<K extends string> {
  header: HeaderMatch;
  rows: TableRow<K>[];
  /** How rows were told apart. */
  method: string;
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
  /** When rows could be read more than one way: where, and why. */
  ambiguous: RowAmbiguity | null;
  trace: TableTrace[];
}

const TOTAL_LINE = /^(?:grand\s+)?totals?\b/i;
/** A gap this many font sizes tall is not between two rows of a table. */
const TABLE_GAP = 4;
/** Lines at the top of a page searched for a repeated header. */
const HEADER_SEARCH = 4;
/** Share of the table's width a paragraph line runs over; a row's text is split by gutters. */
const PROSE_SPAN = 0.7;
/** A rule or stripe edge is a row separator when it runs across this share of the table. */
const SEPARATOR_SPAN = 0.5;

interface Segment {
  header: HeaderMatch;
  lines: Line[];
}

/**
 * A paragraph line: one run of text (words no further apart than a wide word space) across
 * most of the table's width. A table line is broken up by the gutters between its cells.
 */
function isProse(line: Line, columns: readonly HeaderColumn[]): boolean {
  const width = columns.at(-1)!.x1 - columns[0]!.x0;
  let runStart = line.words[0]!.x0;
  let runEnd = line.words[0]!.x1;
  let widest = 0;
  for (const word of line.words) {
    if (word.x0 - runEnd > 0.6 * word.size) runStart = word.x0;
    runEnd = Math.max(runEnd, word.x1);
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

function findRepeatedHeader(lines: readonly Line[], at: number, spec: PrintedTableSpec<string>) {
  for (let i = at; i < lines.length && i < at + HEADER_SEARCH; i++) {
    if (lines[i]!.page !== lines[at]!.page) break;
    const header = matchHeader(lines, i, spec.columns);
    if (header) return header;
  }
  return null;
}

/** Horizontal rules and stripe edges across the table on one page, top to bottom. */
function separatorsOf(graphics: PageGraphics, x0: number, x1: number, top: number, bottom: number) {
  const width = Math.max(1, x1 - x0);
  const edges: { y: number; from: number; to: number }[] = [];
  for (const rule of graphics.rules) {
    if (rule.orientation === 'h') edges.push({ y: rule.y0, from: rule.x0, to: rule.x1 });
  }
  for (const fill of graphics.fills) {
    edges.push(
      { y: fill.y0, from: fill.x0, to: fill.x1 },
      { y: fill.y1, from: fill.x0, to: fill.x1 },
    );
  }
  const inside = edges.filter((e) => e.y >= top - 1 && e.y <= bottom + 1).sort((a, b) => a.y - b.y);
  const ys: number[] = [];
  for (let i = 0; i < inside.length;) {
    let j = i;
    while (j < inside.length && inside[j]!.y - inside[i]!.y <= 1) j++;
    const group = inside.slice(i, j);
    // Coverage of [x0, x1] by the group's segments (segments of one rule may be per cell).
    const spans = group
      .map((e) => [Math.max(x0, e.from), Math.min(x1, e.to)] as const)
      .filter(([a, b]) => b > a)
      .sort((p, q) => p[0] - q[0]);
    let covered = 0;
    let at = x0;
    for (const [a, b] of spans) {
      if (b > at) covered += b - Math.max(a, at);
      at = Math.max(at, b);
    }
    if (covered >= SEPARATOR_SPAN * width) ys.push(group[0]!.y);
    i = j;
  }
  return ys;
}

/**
 * The table in `lines`: null when no line starts its header. Rows run on over page breaks
 * (past a header printed again at the top of a page, or without one) until a "Total" line or
 * the end of `lines`. Paragraph lines, and lines below a large gap, close the table unless a
 * row follows them (then they were a note inside it, kept as a note).
 */
export function extractTable<K extends string>(
  lines: readonly Line[],
  spec: PrintedTableSpec<K>,
  graphicsOf: (page: number) => PageGraphics,
  layout: TableLayout = {},
): TableResult<K> | null {
  let header: HeaderMatch | null = null;
  for (let at = 0; at < lines.length && !header; at++)
    header = matchHeader(lines, at, spec.columns);
  if (!header) return null;
  const start = header.start;
  const segments: Segment[] = [{ header, lines: [] }];
  const notes: Line[] = [];
  let pending: Line[] = [];
  const suspects = new Set<Line>();
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
    // Cells a narrow gutter apart can run together like a paragraph; a row still has the
    // values only rows hold, and a line of a wrapped row sits at the leading between others.
    const next = lines[i + 1];
    const step = 1.45 * line.size;
    const tight =
      last !== null &&
      line.page === last.page &&
      line.y - last.y <= step &&
      next !== undefined &&
      next.page === line.page &&
      next.y - line.y <= step;
    const prose = isProse(line, columns) && !(rowLike && line.words.length >= 3) && !tight;
    if (prose || (afterGap && !rowLike) || (pending.length > 0 && !rowLike)) {
      pending.push(line);
      last = line;
      continue;
    }
    // Lines held back (a paragraph-like line, or lines after a gap) with a row after them are
    // the table's, unless they run across its columns (a note between rows): settled below,
    // once the columns are known.
    for (const held of pending) suspects.add(held);
    segments.at(-1)!.lines.push(...pending, line);
    pending = [];
    last = line;
  }
  const after = [...pending, ...lines.slice(i)];

  // Pages whose headers sit in the same places share the gutters found from all their rows: a
  // column may be empty on one page (a state printed once for a long group) but not in all.
  const bodyOfLayout = (segment: Segment) =>
    segments.filter((s) => sameLayout(s.header, segment.header)).flatMap((s) => s.lines);
  const trace: TableTrace[] = [];
  const separators = new Map<number, number[]>();
  const fragments = segments.flatMap((segment) => {
    const { columns } = segment.header;
    if (segment.lines.length === 0) return [];
    const page = segment.lines[0]!.page;
    const graphics = graphicsOf(page);
    const x0 = Math.min(columns[0]!.x0, ...segment.lines.map((l) => l.x0));
    const x1 = Math.max(columns.at(-1)!.x1, ...segment.lines.map((l) => l.x1));
    const headerTop =
      segment.header.page === page
        ? lines[segment.header.start]!.y - 1.2 * lines[segment.header.start]!.size
        : segment.lines[0]!.y - 1.5 * segment.lines[0]!.size;
    const top = headerTop;
    const bottom = segment.lines.at(-1)!.y + 0.6 * segment.lines.at(-1)!.size;
    const rulesX = columnRules(graphics.rules, top, bottom);
    const certain = (body: readonly Line[]) => body.filter((l) => !suspects.has(l));
    const boundaries =
      layout.boundaries && layout.boundaries.length === columns.length - 1
        ? [...layout.boundaries]
        : columnBoundaries(columns, certain(bodyOfLayout(segment)), rulesX);
    // A held-back line whose words run over a gutter is a note between rows, not a row's line.
    const crosses = (line: Line) =>
      line.words.some((w) => boundaries.some((b) => w.x0 < b - 0.5 && w.x1 > b + 0.5));
    for (const line of segment.lines.filter((l) => suspects.has(l) && crosses(l))) {
      notes.push(line);
    }
    segment.lines = segment.lines.filter((l) => !suspects.has(l) || !crosses(l));
    const bodyTop =
      segment.header.page === page
        ? lines[segment.header.start + segment.header.lineCount - 1]!.y
        : top;
    const rows = separatorsOf(graphics, x0, x1, bodyTop, bottom);
    separators.set(page, [...(separators.get(page) ?? []), ...rows]);
    trace.push({
      page,
      x0,
      x1,
      top,
      bottom,
      boundaries,
      ruled:
        rulesX.length > 0 && boundaries.some((b) => rulesX.some((x) => Math.abs(x - b) < 0.01)),
      rowEdges: rows,
    });
    // Columns are matched by key, so layouts may space (or even order) them differently.
    const toSpec = columns.map((c) => spec.columns.findIndex((s) => s.key === c.key));
    return placeInColumns(segment.lines, boundaries)
      .map((f) => ({ ...f, column: toSpec[f.column] ?? -1 }))
      .filter((f) => f.column >= 0);
  });
  const keyIndexes = spec.keys.map((k) => spec.columns.findIndex((c) => c.key === k));
  const complete = (column: number, text: string) =>
    spec.complete?.[spec.columns[column]!.key]?.(text) ?? true;
  const assembled = assembleRows(fragments, spec.columns.length, keyIndexes, {
    complete,
    separators,
    ...(layout.align ? { align: layout.align } : {}),
  });
  const base = {
    header,
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
    notes,
    trace,
  };
  if ('ambiguous' in assembled) {
    return { ...base, rows: [], method: 'ambiguous', orphans: [], ambiguous: assembled.ambiguous };
  }
  // Rows told apart by alignment: their edges halfway between one row's last line and the next.
  for (const t of trace) {
    if (assembled.method === 'rules') continue;
    const extents = assembled.extents.filter((e) => e.page === t.page);
    t.rowEdges = extents
      .slice(1)
      .map((e, k) => (extents[k]!.bottom + 0.25 * e.size + e.top - 0.8 * e.size) / 2);
  }
  return {
    ...base,
    rows: assembled.rows.map((row) => ({
      page: row.page,
      cells: Object.fromEntries(
        spec.columns.map((c, at) => [c.key, row.cells[at] ?? '']),
      ) as Record<K, string>,
      text: row.cells.filter(Boolean).join(' | '),
    })),
    method: assembled.method,
    orphans: assembled.orphans.map((f) => ({ page: f.page, text: f.word.text })),
    ambiguous: null,
  };
}
