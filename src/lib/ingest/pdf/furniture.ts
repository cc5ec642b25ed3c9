/**
 * Page furniture: page numbers, running headers and footers. They are not the report's text
 * and would otherwise land in the middle of a table that runs over pages. A line is furniture
 * when it sits at the top or bottom edge of its page (nothing but furniture between it and the
 * edge) and either carries the page's number ("Page 3 of 35", "3", "- 3 -", anywhere in the
 * line, beside a label, a date or a title) or repeats, digits aside, at the same height on
 * other pages.
 */
import type { Line } from './lines.ts';

/** Share of the page height, at the top and at the bottom, where furniture may sit. */
const MARGIN_ZONE = 0.15;
/** Lines at each edge that may be furniture. */
const EDGE_LINES = 3;
/** Repeated lines: on at least this share of the pages (and on two or more). */
const MOST_PAGES = 0.5;
/** Repeated lines: at the same height within this many points. */
const SAME_HEIGHT = 2.5;

/** Page-number forms, anywhere in a line; the first group is the page number. */
const PAGE_NUMBERS = [
  /\bpage\s*(\d{1,4})(?:\s*(?:of|\/)\s*\d{1,4})?\b/i,
  /\bp(?:g|age)?\.\s*(\d{1,4})\b/i,
  /(?:^|\s)(\d{1,4})\s*(?:of|\/)\s*\d{1,4}(?:\s|$)/i,
  /^[-\u2013\u2014]?\s*(\d{1,4})\s*[-\u2013\u2014]?$/,
];

/** The repeated text with its digits blanked: "Page 3 of 35" and "Page 4 of 35" are one. */
const repeatKey = (line: Line) =>
  line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

function pageNumberIn(line: Line): number | null {
  for (const pattern of PAGE_NUMBERS) {
    const match = pattern.exec(line.text.trim());
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * The lines at one edge of a page, outermost first, that are in its margin zone, each with the
 * line next to it towards the body.
 */
function edge(
  lines: readonly Line[],
  side: 'top' | 'bottom',
): { line: Line; inward: Line | undefined }[] {
  const ordered = side === 'top' ? lines : [...lines].reverse();
  return ordered
    .slice(0, EDGE_LINES)
    .map((line, i) => ({ line, inward: ordered[i + 1] }))
    .filter(({ line: l }) =>
      side === 'top' ? l.y < l.pageHeight * MARGIN_ZONE : l.y > l.pageHeight * (1 - MARGIN_ZONE),
    );
}

/**
 * A running header or footer is set apart from the body by more white space than lines of
 * text leave between them. The space is measured between the two lines' letters (cap height
 * about 0.75 of the size, descenders 0.25), so a large title under a small header is judged by
 * the gap a reader sees, not by the distance of their baselines.
 */
function setApart(line: Line, inward: Line | undefined): boolean {
  if (inward === undefined) return false;
  const [upper, lower] = line.y < inward.y ? [line, inward] : [inward, line];
  const space = lower.y - 0.75 * lower.size - (upper.y + 0.25 * upper.size);
  return space > 0.6 * Math.max(line.size, inward.size);
}

export interface FurnitureOptions {
  /** Lines that repeat for a reason (a table header printed on every page) are not furniture. */
  keep: (line: Line) => boolean;
}

/**
 * The furniture lines of a document (pages of lines, top to bottom). Page numbers count only
 * when they follow the pages: the number printed minus the page's own is the same on most
 * pages that print one (a report may number from its cover, or from 0).
 */
export function findFurniture(pages: readonly Line[][], options: FurnitureOptions): Set<Line> {
  const pageCount = pages.length;
  const candidates = pages.flatMap((lines) =>
    (['top', 'bottom'] as const).map((side) => ({ side, lines: edge(lines, side) })),
  );

  const offsets = new Map<number, number>();
  for (const { lines } of candidates) {
    for (const { line } of lines) {
      const printed = pageNumberIn(line);
      if (printed !== null)
        offsets.set(printed - line.page, (offsets.get(printed - line.page) ?? 0) + 1);
    }
  }
  const [offset, votes] = [...offsets].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const numbered = (line: Line) =>
    pageNumberIn(line) === line.page + offset && (votes >= 2 || pageCount === 1);

  const repeats = new Map<string, Line[]>();
  for (const { lines } of candidates) {
    for (const { line } of lines) {
      repeats.set(repeatKey(line), [...(repeats.get(repeatKey(line)) ?? []), line]);
    }
  }
  const repeated = (line: Line) => {
    const pagesAtHeight = new Set(
      (repeats.get(repeatKey(line)) ?? [])
        .filter((other) => Math.abs(other.y - line.y) <= SAME_HEIGHT)
        .map((other) => other.page),
    );
    return pageCount >= 2 && pagesAtHeight.size >= Math.max(2, MOST_PAGES * pageCount);
  };

  const furniture = new Set<Line>();
  for (const { lines } of candidates) {
    // Outermost first: a line is furniture only if everything between it and the edge is.
    const block: { line: Line; inward: Line | undefined }[] = [];
    for (const entry of lines) {
      if (options.keep(entry.line) || !(numbered(entry.line) || repeated(entry.line))) break;
      block.push(entry);
    }
    // Lines of a table that repeat at the same height on several pages (rows of one layout
    // ending alike) are not set apart from the body as a running header or footer is.
    while (block.length) {
      const inner = block.at(-1)!;
      if (numbered(inner.line) || setApart(inner.line, inner.inward)) break;
      block.pop();
    }
    for (const { line } of block) furniture.add(line);
  }
  return furniture;
}
