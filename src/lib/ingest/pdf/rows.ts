/**
 * Table fragments → rows. Each row has exactly one anchor line: the line that holds its key
 * cells (a date, a count), one-line values every row has. Other cells may wrap onto several
 * lines, above or below the anchor, and a row may be split by a page break. Which row a line
 * belongs to is told, in this order, by the rules or stripes drawn between rows, then by how the
 * table aligns its cells (top, middle or bottom: read from the table itself, from the white
 * space between rows, from where its first and last rows start and end, and from whether each
 * row's cells come out whole). When that leaves two readings that differ, the table is refused
 * rather than read one way by chance.
 */
import type { Fragment } from './columns.ts';
import { joinWrapped } from './text.ts';

export type RowAlign = 'top' | 'middle' | 'bottom';

/** Where a row is on a page: the baselines of its first and last lines there. */
export interface RowExtent {
  page: number;
  top: number;
  bottom: number;
  size: number;
}

export interface AssembledRow {
  page: number;
  /** One string per column, wrapped lines joined; '' for an empty cell. */
  cells: string[];
}

export interface RowOptions {
  /** What a whole cell of a column looks like; a row whose cell is not whole reads wrong. */
  complete?: (column: number, text: string) => boolean;
  /** Per page, the y of rules or stripe edges that run across the table: row boundaries. */
  separators?: ReadonlyMap<number, readonly number[]>;
  /** How the cells are aligned, when a layout template says so. */
  align?: RowAlign;
}

export type RowsResult =
  | {
      rows: AssembledRow[];
      /** How rows were told apart, for --explain. */
      method: 'rules' | RowAlign | 'one line each';
      /** Per row, the y of its first and last line and their pages. */
      extents: RowExtent[];
      /** Lines before the first row that belong to none. */
      orphans: Fragment[];
    }
  | { ambiguous: RowAmbiguity };

/** Why rows could be read more than one way: two alignments that fit, or a split row. */
export type RowAmbiguity =
  | { page: number; kind: 'alignment'; readings: [RowAlign, RowAlign] }
  | { page: number; kind: 'split row' };

interface RowLine {
  page: number;
  y: number;
  size: number;
  fragments: Fragment[];
  anchor: boolean;
}

/** A row's key cells: the line they start on and the line a wrapped one ends on. */
interface Anchor {
  start: number;
  end: number;
}

function rowLines(fragments: readonly Fragment[], keys: ReadonlySet<number>): RowLine[] {
  const sorted = [...fragments].sort(
    (a, b) => a.page - b.page || a.y - b.y || a.word.x0 - b.word.x0,
  );
  const lines: RowLine[] = [];
  for (const f of sorted) {
    const line = lines.at(-1);
    if (
      line &&
      line.page === f.page &&
      Math.abs(f.y - line.y) <= 0.3 * Math.max(f.size, line.size)
    ) {
      line.fragments.push(f);
    } else lines.push({ page: f.page, y: f.y, size: f.size, fragments: [f], anchor: false });
  }
  for (const line of lines) line.anchor = line.fragments.some((f) => keys.has(f.column));
  return lines;
}

const cellText = (fragments: readonly Fragment[]) =>
  [...fragments]
    .sort((a, b) => a.word.x0 - b.word.x0)
    .map((f) => f.word.text)
    .join(' ');

const keyText = (line: RowLine, column: number) =>
  cellText(line.fragments.filter((f) => f.column === column));

/**
 * A key cell can wrap too ("September" / "2015" in a narrow column): a key line directly
 * below another, whose key text only makes a complete value joined to the one above, carries
 * on that cell instead of starting a row.
 */
function joinWrappedKeys(
  lines: readonly RowLine[],
  keys: readonly number[],
  complete: (column: number, text: string) => boolean,
): Anchor[] {
  const anchors: Anchor[] = [];
  let above: { line: RowLine; texts: Map<number, string> } | null = null;
  lines.forEach((line, i) => {
    if (!line.anchor) return;
    const texts = new Map(
      keys.map((k) => [k, keyText(line, k)] as const).filter(([, t]) => t !== ''),
    );
    const continues =
      above !== null &&
      above.line.page === line.page &&
      line.y - above.line.y <= 1.6 * Math.max(line.size, above.line.size) &&
      [...texts].every(([k, text]) => {
        const upper = above!.texts.get(k);
        return (
          upper !== undefined && !complete(k, upper) && complete(k, joinWrapped([upper, text]))
        );
      });
    if (continues) {
      line.anchor = false;
      for (const [k, text] of texts) above!.texts.set(k, joinWrapped([above!.texts.get(k)!, text]));
      above!.line = line;
      anchors.at(-1)!.end = i;
    } else {
      above = { line, texts };
      anchors.push({ start: i, end: i });
    }
  });
  return anchors;
}

/**
 * The table's leading: the usual step from one line of a cell to the next, measured within
 * each column (lines of different columns may sit half a line apart when cells are centred).
 */
function leadingOf(fragments: readonly Fragment[]): number {
  const steps: number[] = [];
  const byColumn = new Map<number, Fragment[]>();
  for (const f of fragments) byColumn.set(f.column, [...(byColumn.get(f.column) ?? []), f]);
  for (const column of byColumn.values()) {
    const ys = [...new Set(column.map((f) => `${f.page}:${f.y.toFixed(1)}`))]
      .map((key) => key.split(':').map(Number) as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < ys.length; i++) {
      const step = ys[i]![1] - ys[i - 1]![1];
      if (ys[i]![0] === ys[i - 1]![0] && step > 0.5) steps.push(step);
    }
  }
  steps.sort((x, y) => x - y);
  // The smallest step: rows are never closer than the lines of a cell, and wrapped cells may be
  // few among single-line rows. Steps under an em are text set half a line apart, not lines.
  const sizes = fragments.map((f) => f.size).sort((a, b) => a - b);
  const em = sizes[Math.floor(sizes.length / 2)] ?? 10;
  return steps.find((step) => step >= 0.9 * em) ?? em * 1.2;
}

/** Index of the band (between separators) a line falls in on its page. */
function bandOf(line: RowLine, separators: readonly number[]): number {
  const middle = line.y - 0.35 * line.size;
  return separators.filter((y) => y < middle).length;
}

/**
 * Extra space, in ems, that makes a step between lines wider than the leading. Lines of one
 * cell follow each other at exactly the leading; a cell's padding (a point above and below)
 * adds about 0.2 em between rows, and baselines drift by hundredths of a point.
 */
const WIDE_GAP = 0.12;

/** Whether the step from line i-1 to line i is wider than the leading: a row ends there. */
const wideGapBefore = (lines: readonly RowLine[], i: number, leading: number) => {
  const [a, b] = [lines[i - 1]!, lines[i]!];
  return a.page === b.page && b.y - a.y - leading > WIDE_GAP * Math.max(a.size, b.size);
};

/**
 * Lines of one cell follow each other at the leading: a cell with a blank line inside it is
 * two cells read as one. Counts such gaps in the rows' columns, page by page.
 */
function blankLinesInCells(lines: readonly RowLine[], members: readonly number[], leading: number) {
  let count = 0;
  const ys = new Map<string, number[]>();
  for (const i of members) {
    for (const f of lines[i]!.fragments) {
      const key = `${f.page}:${f.column}`;
      const list = ys.get(key) ?? [];
      if (!list.some((y) => Math.abs(y - lines[i]!.y) < 0.5)) list.push(lines[i]!.y);
      ys.set(key, list);
    }
  }
  for (const list of ys.values()) {
    list.sort((a, b) => a - b);
    for (let k = 1; k < list.length; k++) if (list[k]! - list[k - 1]! > 1.5 * leading) count++;
  }
  return count;
}

/**
 * Where the upper row ends between its key and the next row's: of the places the alignment
 * allows, the one that leaves no blank line inside a cell of either row (a row split by a page
 * break is laid out from its top, whatever the alignment), else the alignment's own.
 */
function contiguousCut(
  lines: readonly RowLine[],
  owner: readonly number[],
  row: number,
  next: Anchor,
  upper: number,
  preferred: number,
  leading: number,
): { cut: number; ties: number[] } {
  const lower = next.start;
  if (lower - upper <= 1) return { cut: preferred, ties: [preferred] };
  const above = range(0, upper + 1).filter((i) => owner[i] === row);
  // The rest of a split row is laid out from the top of the next page: each of its columns
  // carries on from the first line there, not from lower down.
  const lateStarts = (part: readonly number[]) => {
    const first = part[0];
    if (first === undefined || lines[first]!.page === lines[upper]!.page) return 0;
    const starts = new Map<number, number>();
    for (const i of part) {
      for (const f of lines[i]!.fragments)
        if (!starts.has(f.column)) starts.set(f.column, lines[i]!.y);
    }
    return [...starts.values()].filter((y) => y > lines[first]!.y + 0.5).length;
  };
  const cost = (cut: number) =>
    blankLinesInCells(lines, [...above, ...range(upper + 1, cut)], leading) +
    lateStarts(range(upper + 1, cut)) +
    blankLinesInCells(lines, range(cut, next.end + 1), leading);
  const costs = range(upper + 1, lower + 1).map((cut) => ({ cut, cost: cost(cut) }));
  const least = Math.min(...costs.map((c) => c.cost));
  const best = costs.filter((c) => c.cost === least);
  const cut = best.some((c) => c.cut === preferred) ? preferred : best[0]!.cut;
  return { cut, ties: best.map((c) => c.cut) };
}

/**
 * `owner[i]`: the row (index into `anchors`) line i belongs to, under one alignment. Lines
 * before the first anchor are -1 under 'top' (they start no row). Between two rows' keys, a
 * single gap wider than the leading is where one ends and the next begins, whatever the
 * alignment (a row split by a page break is laid out from its top by most producers);
 * otherwise the alignment says where.
 */
function ownersFor(
  align: RowAlign,
  lines: readonly RowLine[],
  anchors: readonly Anchor[],
  leading: number,
): { owner: number[]; unsure: number | null } {
  let unsure: number | null = null;
  const deferred: { row: number; upper: number; ties: number[] }[] = [];
  const owner = new Array<number>(lines.length).fill(-1);
  anchors.forEach(({ start, end }, row) => {
    for (let i = start; i <= end; i++) owner[i] = row;
  });
  for (let i = 0; i < anchors[0]!.start; i++) owner[i] = align === 'top' ? -1 : 0;
  for (let i = anchors.at(-1)!.end + 1; i < lines.length; i++) owner[i] = anchors.length - 1;
  const first = lines[anchors[0]!.start]!;
  let aboveOfRow = lines[0]!.page === first.page ? first.y - lines[0]!.y : 0;
  for (let row = 0; row + 1 < anchors.length; row++) {
    const upper = anchors[row]!.end;
    const lower = anchors[row + 1]!.start;
    const wide = range(upper + 1, lower + 1).filter((c) => wideGapBefore(lines, c, leading));
    // A row split by a page break is laid out from its top: what follows its key on its page
    // is its own, whatever the alignment.
    const breakAt = range(upper + 1, lower + 1).find((i) => lines[i]!.page !== lines[upper]!.page);
    const from = breakAt ?? upper + 1;
    let cut = lower; // index of the first line of the lower row
    if (wide.length === 1 && wide[0]! >= from) cut = wide[0]!;
    else if (align === 'bottom') cut = from;
    else if (align === 'middle') {
      // The upper row reaches as far below its key as above it.
      if (breakAt !== undefined) cut = breakAt;
      else {
        let best = upper + 1;
        let error = Infinity;
        for (let c = upper + 1; c <= lower; c++) {
          const below = lines[c - 1]!.y - lines[upper]!.y;
          const e = Math.abs(below - aboveOfRow);
          if (e < error - 0.01) [error, best] = [e, c];
        }
        cut = best;
      }
    }
    for (let i = upper + 1; i < from; i++) owner[i] = row;
    // A row split by a page break, in a table not aligned to the top, whose rest on the next
    // page cannot be told from the next row's first lines: no reading of it is sure. A row is
    // split when, bottom-aligned, it goes on below its key, or, centred, it is not balanced about
    // its key (producers lay a split row out from its top, or cut it at the page's foot).
    const reachBelow = breakAt === undefined ? 0 : lines[breakAt - 1]!.y - lines[upper]!.y;
    const split =
      breakAt !== undefined &&
      breakAt > upper + 1 &&
      (align === 'bottom' ||
        (align === 'middle' && Math.abs(reachBelow - aboveOfRow) > 0.6 * leading));
    if (breakAt === undefined || split || align === 'top') {
      const chosen = contiguousCut(lines, owner, row, anchors[row + 1]!, from - 1, cut, leading);
      cut = chosen.cut;
      if (split && chosen.ties.length > 1 && wide.length !== 1) {
        // Centred, the next row reaches as far above its key as below: settled once it is known.
        if (align === 'middle') deferred.push({ row, upper, ties: chosen.ties });
        else unsure ??= lines[lower]!.page;
      }
    }
    for (let i = upper + 1; i < lower; i++) owner[i] = i < cut ? row : row + 1;
    const next = lines[lower]!;
    aboveOfRow = lines[cut]!.page === next.page ? next.y - lines[cut]!.y : 0;
  }
  // A deferred split: the next row, centred, must be able to reach as far below its key as the
  // rest of the split row leaves it above. Exactly one way must fit.
  for (const { row, upper, ties } of deferred) {
    const next = anchors[row + 1]!;
    const key = lines[next.start]!;
    const following = anchors[row + 2]?.start ?? lines.length;
    const reaches = [
      0,
      ...range(next.end + 1, following)
        .filter((i) => lines[i]!.page === key.page)
        .map((i) => lines[i]!.y - lines[next.end]!.y),
    ];
    const fitting = ties.filter((cut) => {
      const above = lines[cut]!.page === key.page ? key.y - lines[cut]!.y : 0;
      return reaches.some((below) => Math.abs(below - above) < 0.6 * leading);
    });
    if (fitting.length !== 1) {
      unsure ??= key.page;
      continue;
    }
    for (let i = upper + 1; i < next.start; i++) owner[i] = i < fitting[0]! ? row : row + 1;
  }
  return { owner, unsure };
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

function rowsOf(
  lines: readonly RowLine[],
  owner: readonly number[],
  rowCount: number,
  columnCount: number,
): { rows: AssembledRow[]; extents: RowExtent[] } {
  const rows: AssembledRow[] = [];
  const extents: RowExtent[] = [];
  for (let row = 0; row < rowCount; row++) {
    const members = lines.filter((_, i) => owner[i] === row);
    const cells = Array.from({ length: columnCount }, (_, column) =>
      joinWrapped(
        members
          .map((line) => cellText(line.fragments.filter((f) => f.column === column)))
          .filter((text) => text !== ''),
      ),
    );
    const anchor = members.find((l) => l.anchor) ?? members[0]!;
    rows.push({ page: anchor.page, cells });
    // A row's first and last lines on each page it is on (a split row is on two).
    for (const page of new Set(members.map((l) => l.page))) {
      const own = members.filter((l) => l.page === page);
      extents.push({ page, top: own[0]!.y, bottom: own.at(-1)!.y, size: own[0]!.size });
    }
  }
  return { rows, extents };
}

/** How badly a reading fits what the table shows; lower is better. */
function misfit(
  align: RowAlign,
  lines: readonly RowLine[],
  anchors: readonly Anchor[],
  owner: readonly number[],
  leading: number,
  rows: readonly AssembledRow[],
  complete: (column: number, text: string) => boolean,
): number {
  let cost = 0;
  // Text before the first row's key belongs to no row when cells are top-aligned.
  cost += owner.filter((o) => o === -1).length;
  // A gap wider than the leading is where one row ends; a row that spans one reads wrong.
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    if (a.page !== b.page || owner[i - 1] === -1) continue;
    const gap = b.y - a.y;
    const wide = gap - leading > 0.25 * Math.max(a.size, b.size);
    if (wide && owner[i - 1] === owner[i]) cost += 1;
  }
  // Where most rows end at a wide gap (padded cells), a row ending without one reads wrong.
  const boundaries = range(1, lines.length).filter(
    (i) => owner[i - 1]! >= 0 && owner[i] !== owner[i - 1] && lines[i]!.page === lines[i - 1]!.page,
  );
  const atWide = boundaries.filter((i) => wideGapBefore(lines, i, leading)).length;
  if (atWide >= 0.6 * boundaries.length) cost += boundaries.length - atWide;
  // Where a row's lines sit beside its key cells: top-aligned cells start on the key's first
  // line and go down in whole lines, bottom-aligned ones end on its last line, centred ones
  // reach as far above it as below (half lines apart where a cell has one line more or less
  // than its neighbour).
  anchors.forEach(({ start, end }, row) => {
    const members = range(0, lines.length).filter(
      (i) => owner[i] === row && lines[i]!.page === lines[start]!.page,
    );
    const [top, bottom] = [lines[start]!.y, lines[end]!.y];
    const above = members.map((i) => (lines[i]!.y - top) / leading);
    const below = members.map((i) => (lines[i]!.y - bottom) / leading);
    const whole = (steps: number[]) => steps.every((d) => Math.abs(d - Math.round(d)) < 0.25);
    const reach = (bottom - top) / leading;
    const fits =
      align === 'top'
        ? whole(above) && above.every((d) => d > -0.25)
        : align === 'bottom'
          ? whole(below) && below.every((d) => d < 0.25)
          : Math.abs(Math.max(0, ...below) + Math.min(0, ...above)) < 0.6 + 0 * reach;
    if (!fits) cost += 1;
  });
  // Cells that come out whole.
  for (const row of rows) {
    row.cells.forEach((text, column) => {
      if (text !== '' && !complete(column, text)) cost += 2;
    });
  }
  return cost;
}

/** Rows from separators: each band between rules is a row (a band split by a page break joins). */
function rowsFromBands(
  lines: readonly RowLine[],
  separators: ReadonlyMap<number, readonly number[]>,
): number[] | null {
  const owner = new Array<number>(lines.length).fill(-1);
  let row = -1;
  let previous: { page: number; band: number; anchor: boolean } | null = null;
  const bandAnchors = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.page}:${bandOf(line, separators.get(line.page) ?? [])}`;
    if (line.anchor) bandAnchors.set(key, (bandAnchors.get(key) ?? 0) + 1);
  }
  // Rules that leave two anchors in one band do not separate rows.
  if ([...bandAnchors.values()].some((n) => n > 1)) return null;
  lines.forEach((line, i) => {
    const band = bandOf(line, separators.get(line.page) ?? []);
    const anchor = (bandAnchors.get(`${line.page}:${band}`) ?? 0) > 0;
    const sameBand = previous && previous.page === line.page && previous.band === band;
    // A band without its anchor across a page break is the rest of the row split by it.
    const continues =
      previous !== null && previous.page !== line.page && (!anchor || !previous.anchor);
    if (!sameBand && !continues) row++;
    owner[i] = Math.max(row, 0);
    previous = {
      page: line.page,
      band,
      anchor: sameBand || continues ? previous!.anchor || anchor : anchor,
    };
  });
  return owner;
}

/**
 * Groups fragments into rows. With separators (rules or stripes between rows) on every page
 * that has rows, each band between them is a row. Otherwise each anchor line starts a row, and
 * the other lines are placed under each alignment in turn; the alignment that fits the table
 * best is taken, and if another fits as well but reads differently, nothing is taken.
 */
export function assembleRows(
  fragments: readonly Fragment[],
  columnCount: number,
  keyColumns: readonly number[],
  options: RowOptions = {},
): RowsResult {
  const complete = options.complete ?? (() => true);
  const lines = rowLines(fragments, new Set(keyColumns));
  const anchors = joinWrappedKeys(lines, keyColumns, complete);
  if (anchors.length === 0) {
    return { rows: [], method: 'one line each', extents: [], orphans: [...fragments] };
  }
  const separators = options.separators;
  const ruledPages = new Set(lines.map((l) => l.page));
  if (separators && [...ruledPages].every((p) => (separators.get(p)?.length ?? 0) > 0)) {
    const owner = rowsFromBands(lines, separators);
    if (owner) {
      const rowCount = Math.max(...owner) + 1;
      const { rows, extents } = rowsOf(lines, owner, rowCount, columnCount);
      // Every band-row must have its anchor: a row without its key cells is not a row.
      if (rows.length === anchors.length) return { rows, method: 'rules', extents, orphans: [] };
    }
  }
  if (anchors.length === lines.length) {
    const owner = anchors.map((_, row) => row);
    const { rows, extents } = rowsOf(lines, owner, anchors.length, columnCount);
    return { rows, method: 'one line each', extents, orphans: [] };
  }
  const leading = leadingOf(fragments);
  const readings = (options.align ? [options.align] : (['top', 'middle', 'bottom'] as const)).map(
    (align) => {
      const { owner, unsure } = ownersFor(align, lines, anchors, leading);
      const { rows, extents } = rowsOf(lines, owner, anchors.length, columnCount);
      return {
        align,
        owner,
        unsure,
        rows,
        extents,
        cost: misfit(align, lines, anchors, owner, leading, rows, complete),
      };
    },
  );
  readings.sort((a, b) => a.cost - b.cost);
  const best = readings[0]!;
  const rival = readings.find(
    (r) => r !== best && r.cost <= best.cost + 0.5 && !sameRows(r.rows, best.rows),
  );
  if (best.unsure !== null) return { ambiguous: { page: best.unsure, kind: 'split row' } };
  if (rival) {
    const differs = best.rows.findIndex(
      (row, i) => row.cells.join('|') !== rival.rows[i]?.cells.join('|'),
    );
    return {
      ambiguous: {
        page: best.rows[Math.max(0, differs)]!.page,
        kind: 'alignment',
        readings: [best.align, rival.align],
      },
    };
  }
  const orphans = lines.filter((_, i) => best.owner[i] === -1).flatMap((line) => line.fragments);
  return { rows: best.rows, method: best.align, extents: best.extents, orphans };
}

const sameRows = (a: readonly AssembledRow[], b: readonly AssembledRow[]) =>
  a.length === b.length &&
  a.every((row, i) => row.cells.join('\u0000') === b[i]!.cells.join('\u0000'));
