/**
 * Column bands: where one column ends and the next begins, and which column each piece of a
 * table line belongs to. Derived afresh for every header found, from the header's headings and
 * the text under them, so no producer's x positions are assumed.
 */
import type { Line, Piece, Word } from './lines.ts';
import { splitPieceAt, wordsOf } from './lines.ts';
import type { HeaderColumn } from './table-header.ts';

/** A piece of text in a table cell: which column, and where on the page. */
export interface Fragment {
  column: number;
  page: number;
  y: number;
  size: number;
  piece: Piece;
}

interface Candidate {
  x: number;
  width: number;
}

/** Open stretches of [lo, hi] that no word covers (word extents are estimates: allow 0.5pt). */
function gutters(words: readonly Word[], lo: number, hi: number): Candidate[] {
  const spans = words
    .map((w) => [Math.max(lo, w.x0 + 0.5), Math.min(hi, w.x1 - 0.5)] as const)
    .filter(([a, b]) => b > a)
    .sort((p, q) => p[0] - q[0]);
  const open: Candidate[] = [];
  let at = lo;
  for (const [a, b] of spans) {
    if (a > at) open.push({ x: (at + a) / 2, width: a - at });
    at = Math.max(at, b);
  }
  if (hi > at) open.push({ x: (at + hi) / 2, width: hi - at });
  return open;
}

/** With no open gutter (a crowded table), the place the fewest words cross. */
function leastCrossed(words: readonly Word[], lo: number, hi: number): Candidate {
  const edges = [...new Set([lo, hi, ...words.flatMap((w) => [w.x0, w.x1])])]
    .filter((x) => x >= lo && x <= hi)
    .sort((a, b) => a - b);
  let best = { x: (lo + hi) / 2, width: 0, count: Infinity };
  for (let e = 0; e + 1 < edges.length; e++) {
    const x = (edges[e]! + edges[e + 1]!) / 2;
    const count = words.filter((w) => w.x0 < x && w.x1 > x).length;
    if (count < best.count) best = { x, width: 0, count };
  }
  return { x: best.x, width: best.width };
}

/**
 * The boundary between each pair of neighbouring columns. A column's text can start left of a
 * centred heading, or run right of a short left-aligned one, so a boundary is not midway
 * between headings: it is a gutter that no word crosses, somewhere between the two headings.
 * When there are several, the choice keeps columns in order and gives every column under a
 * heading some text (a column's text lies between its neighbours' headings, never beyond
 * them), then takes the gutter that cells line up against, then the wider one.
 */
export function columnBoundaries(
  columns: readonly HeaderColumn[],
  body: readonly Line[],
): number[] {
  // A piece joined from touching items may be two cells run together, covering the gutter
  // between them: leave such pieces out, unless a producer splits most of its text that way.
  const pieces = body.flatMap((line) => line.pieces);
  const seamless = pieces.filter((p) => !p.joints?.length);
  const words: Word[] = (seamless.length >= 0.5 * pieces.length ? seamless : pieces).flatMap(
    wordsOf,
  );
  const options: Candidate[][] = columns.slice(1).map((right, i) => {
    const left = columns[i]!;
    const [lo, hi] = [left.x1, right.x0];
    if (hi <= lo) return [{ x: (lo + hi) / 2, width: 0 }];
    const near = words.filter((w) => w.x1 > lo && w.x0 < hi);
    const open = gutters(near, lo, hi);
    return open.length ? open : [leastCrossed(near, lo, hi)];
  });
  // A column with text under it scores most; then a gutter where the next column's text
  // starts (or the last column's right-aligned text ends): item edges are exact, word
  // positions inside an item only estimated; then, least, the gutter's width.
  const score = (from: number, to: number) =>
    words.some((w) => w.x0 >= from && w.x0 < to) ? 1000 : 0;
  const aligned = ({ x, width }: Candidate) =>
    Math.min(
      500,
      pieces.filter(
        (p) =>
          Math.abs(p.x0 - (x + width / 2)) <= 0.3 * p.size ||
          Math.abs(p.x1 - (x - width / 2)) <= 0.3 * p.size,
      ).length,
    );
  // best[i][k]: the best score of columns 0..i with boundary i at options[i][k].
  const best: { total: number; from: number }[][] = [];
  options.forEach((choices, i) => {
    best.push(
      choices.map((choice) => {
        let top = { total: -Infinity, from: -1 };
        const previous = i === 0 ? [{ x: -Infinity }] : options[i - 1]!;
        previous.forEach((prev, j) => {
          if (prev.x >= choice.x) return;
          const before = i === 0 ? 0 : best[i - 1]![j]!.total;
          const total = before + score(prev.x, choice.x) + aligned(choice) + 0.01 * choice.width;
          if (total > top.total) top = { total, from: j };
        });
        return top;
      }),
    );
  });
  const last = options.length - 1;
  if (last < 0) return [];
  let k = 0;
  let top = -Infinity;
  options[last]!.forEach((choice, at) => {
    const total = best[last]![at]!.total + score(choice.x, Infinity);
    if (total > top) [top, k] = [total, at];
  });
  const boundaries: number[] = new Array<number>(options.length);
  for (let i = last; i >= 0; i--) {
    boundaries[i] = options[i]![k]!.x;
    k = best[i]![k]!.from;
  }
  return boundaries;
}

const columnAt = (x: number, boundaries: readonly number[]) => {
  const index = boundaries.findIndex((b) => x < b);
  return index === -1 ? boundaries.length : index;
};

/**
 * Splits a piece that runs over a column boundary into the cells it covers: producers merge
 * neighbouring cells into one text item when the gutter is narrow, with only a space between
 * them (or none, when the cells touch). The split is between words, or at the seam of two
 * joined items; a piece that crosses inside a word is left whole, in the column it starts in.
 */
function splitAtBoundaries(piece: Piece, boundaries: readonly number[]): Piece[] {
  const boundary = boundaries[columnAt(piece.x0, boundaries)];
  if (boundary === undefined || piece.x1 <= boundary + 0.3 * piece.size) return [piece];
  const parts = splitPieceAt(piece, boundary);
  if (!parts) return [piece];
  return [parts[0], ...splitAtBoundaries(parts[1], boundaries)];
}

/** Every piece of the body lines, placed in the column its left edge falls in. */
export function placeInColumns(body: readonly Line[], boundaries: readonly number[]): Fragment[] {
  return body.flatMap((line) =>
    line.pieces
      .flatMap((piece) => splitAtBoundaries(piece, boundaries))
      .map((piece) => ({
        column: columnAt(piece.x0, boundaries),
        page: line.page,
        y: line.y,
        size: piece.size,
        piece,
      })),
  );
}
