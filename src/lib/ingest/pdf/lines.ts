/**
 * Text items → lines of pieces. A piece is a stretch of text a reader would see as one run:
 * items split mid-word are joined again, and an item holding two runs apart (two or more
 * spaces, as some producers put between table cells) is split.
 */
import type { PageText, TextItem } from './read-pdf.ts';
import { cleanPrinted, collapse } from './text.ts';

export interface Piece {
  text: string;
  x0: number;
  x1: number;
  /** Baseline, from the top of the page. */
  y: number;
  size: number;
  font: string;
  /** Where text items were joined into this piece (seams, e.g. between touching cells). */
  joints?: Joint[] | undefined;
}

/** Text on one baseline of one page, left to right. */
export interface Line {
  page: number;
  y: number;
  size: number;
  x0: number;
  x1: number;
  pieces: Piece[];
  /** The pieces joined with single spaces. */
  text: string;
  /** The page's height, for telling its top and bottom margins from its body. */
  pageHeight: number;
}

/** A word with its estimated extent, for matching headings and finding column gutters. */
export interface Word {
  text: string;
  x0: number;
  x1: number;
}

/** Items closer than this (in ems) are one word: producers split words for kerning or fonts. */
const SAME_WORD_GAP = 0.12;

/**
 * Helvetica's advance widths for printable ASCII (per 1000 em), to spread an item's width over
 * its characters: PDF.js gives an item's width, not its glyphs'. Any proportional font is
 * closer to this than to equal widths; other characters count as an average letter.
 */
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
  611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 278, 278, 278, 469, 556, 222, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
  222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const OTHER_WIDTHS: Record<string, number> = {
  '\u2018': 222,
  '\u2019': 222,
  '\u201C': 333,
  '\u201D': 333,
  '\u2013': 556,
  '\u2014': 1000,
};
const charWidth = (c: string) => WIDTHS[c.charCodeAt(0) - 32] ?? OTHER_WIDTHS[c] ?? 556;

/** Where a piece joins two text items: the second's first character, and its x. */
export interface Joint {
  at: number;
  x: number;
}

/**
 * x of each character boundary of `chars` laid over [x0, x1] (one more than there are
 * characters), in proportion to their widths. A space may stand for a somewhat wider gap:
 * PDF.js writes one space for a gap of up to about half an em, and starts a new item for more,
 * so estimates inside an item are off by a few points at most.
 */
function spread(chars: readonly string[], x0: number, x1: number): number[] {
  const natural = chars.reduce((sum, c) => sum + charWidth(c), 0) || 1;
  const edges = [x0];
  let at = 0;
  for (const c of chars) {
    at += charWidth(c);
    edges.push(x0 + ((x1 - x0) * at) / natural);
  }
  return edges;
}

/** Character edges of a piece, item by item where it was joined from several. */
function charEdges(piece: Piece): number[] {
  const chars = [...piece.text];
  const marks = [
    { at: 0, x: piece.x0 },
    ...(piece.joints ?? []),
    { at: chars.length, x: piece.x1 },
  ];
  const edges: number[] = [piece.x0];
  for (let k = 0; k + 1 < marks.length; k++) {
    const [from, to] = [marks[k]!, marks[k + 1]!];
    edges.push(...spread(chars.slice(from.at, to.at), from.x, to.x).slice(1));
  }
  return edges;
}

interface Slice extends Word {
  /** Code-point range of the slice (trimmed) in the piece's text. */
  from: number;
  to: number;
}

/** The stretches of a piece between `separator`s, with their estimated extents. */
function slices(piece: Piece, separator: RegExp): Slice[] {
  const chars = [...piece.text];
  const edges = charEdges(piece);
  const words: Slice[] = [];
  let start = 0;
  const flush = (end: number) => {
    const part = chars.slice(start, end);
    const lead = part.findIndex((c) => c.trim() !== '');
    if (lead === -1) return;
    const trail = [...part].reverse().findIndex((c) => c.trim() !== '');
    const [from, to] = [start + lead, end - trail];
    words.push({ text: collapse(part.join('')), x0: edges[from]!, x1: edges[to]!, from, to });
  };
  const joined = chars.join('');
  for (const match of joined.matchAll(new RegExp(separator.source, 'gu'))) {
    const at = [...joined.slice(0, match.index)].length;
    flush(at);
    start = at + [...match[0]].length;
  }
  flush(chars.length);
  return words;
}

/** The words of a piece with their estimated positions. */
export const wordsOf = (piece: Piece): Word[] => slices(piece, /\s+/);

/** Characters `from`–`to` of a piece, as a piece of their own. */
function partOf(piece: Piece, from: number, to: number, edges = charEdges(piece)): Piece {
  const joints = (piece.joints ?? [])
    .filter((j) => j.at > from && j.at < to)
    .map((j) => ({ at: j.at - from, x: j.x }));
  return {
    ...piece,
    text: [...piece.text].slice(from, to).join(''),
    x0: edges[from]!,
    x1: edges[to]!,
    ...(joints.length ? { joints } : { joints: undefined }),
  };
}

/**
 * Splits a piece at an x position: between words when a word starts near or beyond it,
 * otherwise at a seam where two text items were joined (cells touching), otherwise not at all.
 */
export function splitPieceAt(piece: Piece, x: number): [Piece, Piece] | null {
  // A seam's position is exact: the first one at or past the boundary opens the next cell.
  const joint = (piece.joints ?? []).find((j) => j.x >= x - 0.25 * piece.size);
  // Word positions inside one item are estimates, off by a few points over a long run (more
  // in a font unlike Helvetica), so a word may start a little before the boundary.
  const word = slices(piece, /\s+/).find(
    (w, i) => i > 0 && w.x0 >= x - 0.25 * piece.size - 0.04 * (w.x0 - piece.x0),
  );
  const cut = joint?.at ?? word?.from;
  if (cut === undefined || cut <= 0) return null;
  const head = partOf(piece, 0, cut);
  const tail = partOf(piece, cut, [...piece.text].length);
  // The split decides where the cells meet, whatever the estimate says.
  head.x1 = Math.min(head.x1, x);
  tail.x0 = Math.max(tail.x0, x);
  const trimmed = (p: Piece) => ({ ...p, text: p.text.trim() });
  return head.text.trim() && tail.text.trim() ? [trimmed(head), trimmed(tail)] : null;
}

function toPieces(items: readonly TextItem[]): Piece[] {
  const runs: Piece[] = [];
  for (const item of items) {
    const last = runs.at(-1);
    const size = item.height;
    const x1 = item.x + item.width;
    if (last && item.x - last.x1 < SAME_WORD_GAP * Math.max(size, last.size)) {
      // Remember the seam: when two touching cells were joined, a column boundary runs here.
      last.joints = [...(last.joints ?? []), { at: [...last.text].length, x: item.x }];
      last.text += item.text;
      last.x1 = Math.max(last.x1, x1);
      last.size = Math.max(last.size, size);
    } else {
      runs.push({ text: item.text, x0: item.x, x1, y: item.y, size, font: item.font });
    }
  }
  return runs.flatMap((run) => {
    const edges = charEdges(run);
    return slices(run, /\s{2,}/).map((part) => partOf(run, part.from, part.to, edges));
  });
}

/** Producers that fake bold by drawing the same text twice, a hair apart, print it once. */
function withoutOverprint(items: readonly TextItem[]): TextItem[] {
  const kept: TextItem[] = [];
  for (const item of items) {
    const twin = kept.some(
      (k) => k.text === item.text && Math.abs(k.x - item.x) < 1 && Math.abs(k.y - item.y) < 1,
    );
    if (!twin) kept.push(item);
  }
  return kept;
}

/**
 * Groups a page's items into lines by baseline (within a third of the font size, so
 * superscripts and mixed sizes stay on their line, but text half a line lower does not),
 * top to bottom.
 */
export function pageLines(page: PageText): Line[] {
  const items = withoutOverprint(
    page.items
      .map((i) => ({ ...i, text: cleanPrinted(i.text) }))
      .filter((i) => i.text.trim() !== ''),
  ).sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const item of items) {
    const group = groups.at(-1);
    const first = group?.[0];
    if (group && first && Math.abs(item.y - first.y) <= 0.3 * Math.max(item.height, first.height)) {
      group.push(item);
    } else groups.push([item]);
  }
  return groups.flatMap((group) => {
    const pieces = toPieces([...group].sort((a, b) => a.x - b.x));
    if (pieces.length === 0) return [];
    const sizes = pieces.map((p) => p.size).sort((a, b) => a - b);
    return [
      {
        page: page.number,
        y: group[0]!.y,
        size: sizes[Math.floor(sizes.length / 2)]!,
        x0: Math.min(...pieces.map((p) => p.x0)),
        x1: Math.max(...pieces.map((p) => p.x1)),
        pieces,
        text: pieces.map((p) => p.text).join(' '),
        pageHeight: page.height,
      },
    ];
  });
}

/**
 * Joins pieces of one line (or one cell of a line) into text: a space between them unless they
 * touch, as a word split by the producer does.
 */
export function joinPieces(pieces: readonly Piece[]): string {
  let text = '';
  let last: Piece | undefined;
  for (const piece of [...pieces].sort((a, b) => a.x0 - b.x0)) {
    const touching = last && piece.x0 - last.x1 < SAME_WORD_GAP * Math.max(piece.size, last.size);
    text += last && !touching ? ` ${piece.text}` : piece.text;
    last = piece;
  }
  return collapse(text);
}
