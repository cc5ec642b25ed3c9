/**
 * Table fragments → rows. A row is anchored by its key cells (a date, a count): one-line values
 * every row has. The other cells may wrap onto several lines, above or below the anchor
 * (vertically centred cells), and a row may be split by a page break.
 */
import type { Fragment } from './columns.ts';
import { joinPieces } from './lines.ts';
import { joinWrapped } from './text.ts';

export interface AssembledRow {
  page: number;
  /** One string per column, wrapped lines joined; '' for an empty cell. */
  cells: string[];
}

interface RowLine {
  page: number;
  y: number;
  size: number;
  fragments: Fragment[];
  anchor: boolean;
}

function rowLines(fragments: readonly Fragment[], keys: ReadonlySet<number>): RowLine[] {
  const sorted = [...fragments].sort(
    (a, b) => a.page - b.page || a.y - b.y || a.piece.x0 - b.piece.x0,
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

const keyText = (line: RowLine, column: number) =>
  joinPieces(line.fragments.filter((f) => f.column === column).map((f) => f.piece));

/**
 * A key cell can wrap too ("September" / "2015" in a narrow column): a key line directly
 * below another, whose key text only makes a complete value joined to the one above, carries
 * on that cell instead of starting a row.
 */
function joinWrappedKeys(
  lines: readonly RowLine[],
  keys: readonly number[],
  complete: (column: number, text: string) => boolean,
): void {
  let above: { line: RowLine; texts: Map<number, string> } | null = null;
  for (const line of lines) {
    if (!line.anchor) continue;
    const texts = new Map(
      keys.map((k) => [k, keyText(line, k)] as const).filter(([, t]) => t !== ''),
    );
    const continues =
      above !== null &&
      above.line.page === line.page &&
      line.y - above.line.y <= 1.5 * Math.max(line.size, above.line.size) &&
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
    } else above = { line, texts };
  }
}

/**
 * Where the row above ends between two anchors on one page: at the widest gap between lines
 * (rows are padded; the lines of a cell are not), the lowest one when gaps tie, as when a
 * table has no padding and its cells are top-aligned. Returns the index of the first line of
 * the lower row.
 */
function splitBetween(lines: readonly RowLine[], upper: number, lower: number): number {
  let best = lower;
  let widest = -Infinity;
  for (let i = upper + 1; i <= lower; i++) {
    const gap = lines[i]!.y - lines[i - 1]!.y;
    const tolerance = 0.2 * lines[i]!.size;
    if (gap > widest + tolerance) {
      widest = gap;
      best = i;
    } else if (gap >= widest - tolerance) {
      best = i;
      widest = Math.max(widest, gap);
    }
  }
  return best;
}

/**
 * Which row (index into `anchors`) each line belongs to. Top-aligned: the anchor above it.
 * Centred: between two anchors on a page, the side of the widest gap; at a page's top or
 * bottom, a row may be split by the page break, so the lines there are split at a gap wider
 * than any gap inside a row, or else stay with the anchor on their page.
 */
function ownersOf(
  lines: readonly RowLine[],
  anchors: readonly number[],
  splits: ReadonlyMap<number, number>,
  centred: boolean,
): number[] {
  const rowOf = new Map(anchors.map((line, row) => [line, row]));
  const owner = new Array<number>(lines.length).fill(-1);
  const page = (i: number) => lines[i]!.page;
  let current = 0;
  for (let i = 0; i < lines.length; i++) {
    const prev = anchors.findLast((x) => x < i);
    const next = anchors.find((x) => x > i);
    if (rowOf.has(i)) owner[i] = current = rowOf.get(i)!;
    else if (prev === undefined) owner[i] = 0;
    else if (!centred) owner[i] = current;
    else if (next !== undefined && page(prev) === page(i) && page(next) === page(i)) {
      owner[i] = i >= (splits.get(prev) ?? next) ? current + 1 : current;
    }
  }
  if (!centred) return owner;
  let inside = 0;
  for (let i = 1; i < lines.length; i++) {
    if (owner[i]! >= 0 && owner[i] === owner[i - 1] && page(i) === page(i - 1)) {
      inside = Math.max(inside, lines[i]!.y - lines[i - 1]!.y);
    }
  }
  for (let start = 0; start < lines.length; start++) {
    if (owner[start]! >= 0) continue;
    let end = start;
    while (end + 1 < lines.length && owner[end + 1]! < 0 && page(end + 1) === page(start)) end++;
    const below = end + 1 < lines.length && page(end + 1) === page(start) ? end + 1 : null;
    const above = start > 0 && page(start - 1) === page(start) ? start - 1 : null;
    // The run lies between the row before it and the row after it, whichever page they are on.
    const before = anchors.findLast((x) => x < start)!;
    const after = anchors.find((x) => x > end);
    const [earlier, later] = [rowOf.get(before)!, after === undefined ? null : rowOf.get(after)!];
    const span = [above ?? start, ...range(start, end), ...(below === null ? [] : [below])];
    let cut = -1;
    let widest = inside + 0.2 * lines[start]!.size;
    for (let k = 1; k < span.length; k++) {
      const gap = lines[span[k]!]!.y - lines[span[k - 1]!]!.y;
      if (gap > widest) [widest, cut] = [gap, span[k]!];
    }
    for (let i = start; i <= end; i++) {
      const lowerPart = cut >= 0 && i >= cut;
      // At a page top the lines go with this page's first row unless a gap sets some apart.
      if (above === null && below !== null)
        owner[i] = lowerPart || cut < 0 ? rowOf.get(below)! : earlier;
      else owner[i] = lowerPart && later !== null ? later : earlier;
    }
    start = end;
  }
  return owner;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k);

/**
 * Groups fragments into rows, one per anchor line (a line with text in a key column).
 * The table's vertical alignment is read from the rows themselves: when most rows have no
 * text above their anchor (top-aligned, the usual case) every line belongs to the anchor
 * above it, so a row split by a page break continues at the top of the next page; otherwise
 * (centred cells) each line goes to the nearer side of the widest gap between two anchors.
 * Returns the rows, and the text of lines that belong to no row (before the first anchor of a
 * table that has none).
 */
export function assembleRows(
  fragments: readonly Fragment[],
  columnCount: number,
  keyColumns: readonly number[],
  complete: (column: number, text: string) => boolean = () => true,
): { rows: AssembledRow[]; orphans: Fragment[] } {
  const lines = rowLines(fragments, new Set(keyColumns));
  joinWrappedKeys(lines, keyColumns, complete);
  const anchors = lines.flatMap((line, i) => (line.anchor ? [i] : []));
  if (anchors.length === 0) return { rows: [], orphans: [...fragments] };

  const splits = new Map<number, number>();
  let centred = 0;
  let topAligned = 0;
  for (let a = 0; a + 1 < anchors.length; a++) {
    const upper = anchors[a]!;
    const lower = anchors[a + 1]!;
    if (lines[upper]!.page !== lines[lower]!.page || lower - upper < 2) continue;
    const split = splitBetween(lines, upper, lower);
    splits.set(upper, split);
    if (split === lower) topAligned++;
    else centred++;
  }
  const isCentred = centred > topAligned;

  const owner = ownersOf(lines, anchors, splits, isCentred);

  const rows: AssembledRow[] = anchors.map((i) => ({
    page: lines[i]!.page,
    cells: new Array<string>(columnCount).fill(''),
  }));
  const perCell = new Map<string, string[]>();
  lines.forEach((line, i) => {
    for (let column = 0; column < columnCount; column++) {
      const pieces = line.fragments.filter((f) => f.column === column).map((f) => f.piece);
      if (pieces.length === 0) continue;
      const key = `${owner[i]}:${column}`;
      perCell.set(key, [...(perCell.get(key) ?? []), joinPieces(pieces)]);
    }
  });
  for (const [key, texts] of perCell) {
    const [row, column] = key.split(':').map(Number);
    rows[row!]!.cells[column!] = joinWrapped(texts);
  }
  return { rows, orphans: [] };
}
