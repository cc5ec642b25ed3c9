/**
 * Page furniture: page numbers and running headers or footers. They are not part of the
 * report's text and would otherwise land in the middle of a table that runs over pages.
 */
import type { Line } from './lines.ts';

/** "3", "Page 3", "Page 3 of 35", "3 of 35", "3/35", "- 3 -", "— 3 —". */
const PAGE_NUMBER =
  /^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]$/i;

/** Share of the page height, at the top and at the bottom, where furniture lives. */
const MARGIN_ZONE = 0.12;
/** Lines nearest the edge that are considered: furniture sits outside the body. */
const EDGE_LINES = 3;
/** A running header is one found on this share of pages, at the same height. */
const MOST_PAGES = 0.6;

function edgeLines(lines: readonly Line[]): Line[] {
  const inZone = (l: Line) =>
    l.y < l.pageHeight * MARGIN_ZONE || l.y > l.pageHeight * (1 - MARGIN_ZONE);
  return [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)].filter(inZone);
}

/**
 * The repeated text with its page number (or the page count) blanked out, so "Page 3 of 35"
 * on page 3 and "Page 4 of 35" on page 4 are the same furniture, while a table row that
 * happens to hold the digit 3 is not turned into a pattern.
 */
function repeatKey(line: Line, pageCount: number): string {
  return (
    line.text
      .toLowerCase()
      // Only free-standing numbers: the "3" of "Page 3", not of a date like 03/17/2017.
      .replace(/(?<![\d/.:-])\d+(?![\d/.:-])/g, (digits) =>
        Number(digits) === line.page || Number(digits) === pageCount ? '#' : digits,
      )
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Removes page numbers (a line that is only a page number, at the top or bottom of its page)
 * and running headers and footers (the same text at the same height, near an edge, on most
 * pages of a document of three or more pages). `keep` protects lines that repeat for a reason,
 * such as a table header printed again on every page.
 */
export function removeFurniture(pages: readonly Line[][], keep: (line: Line) => boolean): Line[][] {
  const pageCount = pages.length;
  const furniture = new Set<Line>();
  for (const lines of pages) {
    for (const line of edgeLines(lines)) {
      if (PAGE_NUMBER.test(line.text.trim()) && !keep(line)) furniture.add(line);
    }
  }
  if (pageCount >= 3) {
    const seen = new Map<string, { y: number; page: number; line: Line }[]>();
    for (const lines of pages) {
      for (const line of edgeLines(lines)) {
        const key = repeatKey(line, pageCount);
        seen.set(key, [...(seen.get(key) ?? []), { y: line.y, page: line.page, line }]);
      }
    }
    for (const places of seen.values()) {
      for (const place of places) {
        const pagesAtHeight = new Set(
          places.filter((p) => Math.abs(p.y - place.y) <= 2).map((p) => p.page),
        );
        if (pagesAtHeight.size >= Math.max(3, MOST_PAGES * pageCount) && !keep(place.line)) {
          furniture.add(place.line);
        }
      }
    }
  }
  return pages.map((lines) => lines.filter((line) => !furniture.has(line)));
}
