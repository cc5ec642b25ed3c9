/**
 * Column bands: where one column ends and the next begins, and which column each word of a
 * table line belongs to. A ruled table (lattice) gives its boundaries as vertical rules; an
 * unruled one (stream) gives them as white-space gutters between the header's headings that no
 * word of the rows crosses. Derived afresh for each page's header, so no producer's x positions
 * are assumed.
 */
import type { Rule } from './document.ts';
import type { Line, Word } from './lines.ts';
import { splitAtSeams, splitWordAt } from './lines.ts';
import type { HeaderColumn } from './table-header.ts';

/** A word in a table cell: which column, and where on the page. */
export interface Fragment {
  column: number;
  page: number;
  y: number;
  size: number;
  word: Word;
}

/** A space between words is about a quarter of an em. */
const WORD_SPACE = 0.25;

interface Candidate {
  x: number;
  width: number;
}

/** Open stretches of [lo, hi] that no word covers. */
function gutters(words: readonly Word[], lo: number, hi: number): Candidate[] {
  const spans = words
    .map((w) => [Math.max(lo, w.x0), Math.min(hi, w.x1)] as const)
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

/**
 * With no open gutter (a crowded table, cells touching), the place where most words start
 * and fewest cross: the left edge of a column whose text runs right up to its neighbour's.
 */
function leastCrossed(words: readonly Word[], lo: number, hi: number): Candidate {
  const starts = [...new Set(words.map((w) => w.x0))].filter((x) => x > lo && x <= hi + 0.5);
  let best = { x: (lo + hi) / 2, score: -Infinity };
  for (const start of starts) {
    const at = start - 0.25;
    const aligned = words.filter((w) => Math.abs(w.x0 - start) <= 0.5).length;
    const crossing = words.filter((w) => w.x0 < at - 0.5 && w.x1 > at + 0.5).length;
    // Text that starts where the next column's heading starts is that column's (left-aligned).
    const underHeading = Math.abs(start - hi) <= 0.5 ? 5 : 0;
    const score = aligned - 2 * crossing + underHeading;
    if (score > best.score) best = { x: at, score };
  }
  return { x: best.x, width: 0 };
}

/**
 * Vertical rules that run down the table's rows: at each x (within a point or two), the rule
 * segments (often one per row) together cover at least half of [top, bottom]. Left to right.
 */
export function columnRules(rules: readonly Rule[], top: number, bottom: number): number[] {
  const span = Math.max(1, bottom - top);
  const vertical = rules
    .filter((r) => r.orientation === 'v' && r.y1 > top && r.y0 < bottom)
    .sort((a, b) => a.x0 - b.x0);
  const xs: number[] = [];
  for (let i = 0; i < vertical.length;) {
    let j = i;
    while (j < vertical.length && vertical[j]!.x0 - vertical[i]!.x0 <= 2) j++;
    const group = vertical.slice(i, j).sort((a, b) => a.y0 - b.y0);
    let covered = 0;
    let at = top;
    for (const r of group) {
      const [a, b] = [Math.max(at, r.y0, top), Math.min(r.y1, bottom)];
      if (b > a) covered += b - a;
      at = Math.max(at, r.y1);
    }
    if (covered >= 0.5 * span) xs.push(group.reduce((sum, r) => sum + r.x0, 0) / group.length);
    i = j;
  }
  return xs;
}

/**
 * The boundary between each pair of neighbouring columns. A vertical rule between two headings
 * is the boundary. Otherwise the boundary is a gutter no word crosses, somewhere between the two
 * headings (a column's text can start left of a centred heading, or run right of a short
 * left-aligned one). When there are several, the choice keeps columns in order and gives every
 * column under a heading some text, then takes the gutter that cells line up against, then the
 * wider one.
 */
export function columnBoundaries(
  columns: readonly HeaderColumn[],
  body: readonly Line[],
  rulesX: readonly number[] = [],
): number[] {
  // Text past a cell's clipping edge runs over the gutter by definition: it says nothing of it.
  // Cells that touch show as words written as two strings: their seam is a column's edge.
  const words = body
    .flatMap((line) => line.words.flatMap(splitAtSeams))
    .filter((word) => !word.overflow);
  const sizes = words.map((w) => w.size).sort((a, b) => a - b);
  const em = sizes[Math.floor(sizes.length / 2)] ?? 10;
  const options: Candidate[][] = columns.slice(1).map((right, i) => {
    const left = columns[i]!;
    // Headings that run into each other leave the gutter to be found around where they meet.
    const [lo, hi] =
      left.x1 < right.x0 ? [left.x1, right.x0] : [right.x0 - em, Math.min(left.x1 + em, right.x1)];
    const ruled = rulesX.filter((x) => x >= lo - 1 && x <= hi + 1);
    if (ruled.length) return [{ x: ruled.reduce((a, b) => a + b, 0) / ruled.length, width: 0 }];
    const near = words.filter((w) => w.x1 > lo && w.x0 < hi + 0.5);
    // Open gutters, and the best place where cells touch (no gutter at all): line-up decides.
    const open = gutters(near, lo, hi);
    const touching = leastCrossed(near, lo, hi);
    return open.some((c) => Math.abs(c.x - touching.x) < 1) ? open : [...open, touching];
  });
  const score = (from: number, to: number) =>
    words.some((w) => w.x0 >= from && w.x0 < to) ? 1000 : 0;
  // Cells line up against a gutter: the first words right of it start at one x on line after
  // line (left-aligned text), or the last words left of it end at one x (right-aligned text).
  const lineWords = body.map((line) =>
    line.words.flatMap(splitAtSeams).filter((word) => !word.overflow),
  );
  const largestCluster = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; i < xs.length; i++) {
      while (xs[i]! - xs[j]! > 0.6) j++;
      best = Math.max(best, i - j + 1);
    }
    return best;
  };
  // Where the two columns' text may lie: up to the neighbouring boundaries when known (a
  // second pass), else up to the headings either side of them.
  let limits: number[] | null = null;
  const aligned = ({ x, width }: Candidate, i: number) => {
    const beyondRight = limits?.[i + 1] ?? columns[i + 2]?.x0 ?? Infinity;
    const beforeLeft = limits?.[i - 1] ?? columns[i - 1]?.x1 ?? -Infinity;
    const [from, to] = [x - width / 2, x + width / 2];
    const starts: number[] = [];
    const ends: number[] = [];
    for (const words of lineWords) {
      // Only words of the two columns: text further out belongs to other columns.
      const after = words.find((w) => w.x0 >= to - 0.5);
      if (after && after.x0 < beyondRight) starts.push(after.x0);
      const before = words.findLast((w) => w.x1 <= from + 0.5);
      if (before && before.x1 > beforeLeft) ends.push(before.x1);
    }
    // Lines that do not line up count against a gutter: a word space lines up a few.
    const score = (xs: number[]) => {
      const cluster = largestCluster(xs);
      return cluster - 2 * (xs.length - cluster);
    };
    return Math.min(500, Math.max(score(starts), score(ends)));
  };
  // A gap no wider than the space between words in the table's own text is rarely a gutter.
  const spaces = lineWords
    .flatMap((words) => words.slice(1).map((w, k) => w.x0 - words[k]!.x1))
    .filter((gap) => gap > 0 && gap < em)
    .sort((a, b) => a - b);
  const wordSpace = spaces[Math.floor(spaces.length / 2)] ?? WORD_SPACE * em;
  const narrowness = ({ width }: Candidate) => (width <= 1.5 * wordSpace ? -3 : 0);
  const choose = (): number[] => {
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
            const total =
              before +
              score(prev.x, choice.x) +
              aligned(choice, i) +
              narrowness(choice) +
              0.01 * choice.width;
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
  };
  // Once the columns are roughly known, each gutter is judged by its own two columns only.
  limits = choose();
  const boundaries = choose();
  return boundaries;
}

/** The column a word starting at x is in; one starting on a boundary (a rule) is right of it. */
export const columnAt = (x: number, boundaries: readonly number[]): number => {
  const index = boundaries.findIndex((b) => x + 0.5 < b);
  return index === -1 ? boundaries.length : index;
};

/**
 * Splits a word that runs over a column boundary where a string of its own starts (two cells
 * written as separate strings that touch); a word written as one string that overflows its
 * cell stays whole, in the column it starts in.
 */
function splitAtBoundaries(word: Word, boundaries: readonly number[]): Word[] {
  const boundary = boundaries[columnAt(word.x0, boundaries)];
  if (boundary === undefined || word.x1 <= boundary + 0.3 * word.size) return [word];
  const parts = splitWordAt(word, boundary);
  if (!parts) return [word];
  return [parts[0], ...splitAtBoundaries(parts[1], boundaries)];
}

/**
 * Every word of the body lines, placed in the column its left edge falls in; but a string that
 * runs on past its cell, over a neighbour's text or past the cell's clipping edge, stays in the
 * column it starts in (a row written as one string, its cells a space apart, is split). A
 * string is one run of the PDF, or everything drawn in one clipping box.
 */
export function placeInColumns(body: readonly Line[], boundaries: readonly number[]): Fragment[] {
  return body.flatMap((line) => {
    const words = line.words.flatMap((word) => splitAtBoundaries(word, boundaries));
    const stringOf = (word: Word) =>
      word.box !== undefined ? `box ${word.box}` : `run ${word.marks[0]!.run}`;
    const home = new Map<string, number>();
    for (const word of words) {
      const key = stringOf(word);
      home.set(key, Math.min(home.get(key) ?? Infinity, columnAt(word.x0, boundaries)));
    }
    const overflowing = new Set<string>();
    for (const word of words) {
      const key = stringOf(word);
      if (columnAt(word.x0, boundaries) === home.get(key)) continue;
      // Text past its clipping edge is the intruder wherever it overlaps a cell's own text.
      const collides = words.some(
        (other) =>
          stringOf(other) !== key &&
          !other.overflow &&
          other.x0 < word.x1 - 0.1 &&
          other.x1 > word.x0 + 0.1,
      );
      if (word.overflow || collides) overflowing.add(key);
    }
    return words.map((word) => ({
      column: overflowing.has(stringOf(word))
        ? home.get(stringOf(word))!
        : columnAt(word.x0, boundaries),
      page: line.page,
      y: word.y,
      size: word.size,
      word,
    }));
  });
}
