/**
 * A PDF as the layout code sees it: per page, every glyph where it is drawn, the rules and
 * filled boxes that can bound table cells, and what was drawn but cannot be seen. Coordinates
 * are points from the page's top-left corner, y growing downward, as a reader sees the page.
 * Everything here is plain data, so the layout code runs (and is tested) without PDFs.
 */

/** One character as drawn: its advance box on the baseline. */
export interface Glyph {
  /** Usually one character; a ligature glyph may carry several ("fi"). */
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  /** Font size on the page (the text's height). */
  size: number;
  /** The font's name as the PDF gives it; tells a bold heading from body text. */
  font: string;
  /**
   * Which text-showing operation of its page drew it, numbered in drawing order: glyphs of one
   * run were written together as one string, so they belong together even where a neighbour
   * overlaps them.
   */
  run: number;
  /** Drawn past the edge of its clipping box, carrying on text that shows there. */
  clipped?: boolean;
  /**
   * Which clipping box of its page it was drawn in (a cell that clips its text), if any:
   * glyphs of different boxes are never one word, however they overlap.
   */
  box?: number;
}

/** Why a glyph that is in the PDF is not on the page a reader sees. */
export type HiddenReason =
  | 'invisible render mode'
  | 'transparent'
  | 'same colour as its background'
  | 'covered by a later fill'
  | 'outside its clipping area'
  | 'not upright';

export interface HiddenGlyph extends Glyph {
  reason: HiddenReason;
}

/** A horizontal or vertical line segment that can separate rows or columns. */
export interface Rule {
  orientation: 'h' | 'v';
  /** For 'h': x0 < x1 and y0 = y1; for 'v': y0 < y1 and x0 = x1. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A filled rectangle: a cell background, a zebra stripe, a header band. */
export interface Fill {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** "#rrggbb". */
  color: string;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  /** Visible glyphs, in drawing order. */
  glyphs: Glyph[];
  /** Glyphs the PDF holds that a reader does not see; never read as text. */
  hidden: HiddenGlyph[];
  rules: Rule[];
  /** Filled rectangles other than white ones (which are the page itself). */
  fills: Fill[];
  /** Images drawn on the page: a page of only images is a scan. */
  images: number;
  /**
   * Glyphs cut through by the edge of their clipping box, their text going no further. Either
   * the producer dropped the rest (a browser drops the glyphs a clip hides wholly), and the PDF
   * does not hold the whole value, or the value happens to end there.
   */
  cutOff: Glyph[];
  /**
   * Whether some text on the page runs on, glyphs wholly past the edge of its clipping box:
   * its producer writes whole values and lets the clip hide the rest, so a value that ends in
   * a glyph the edge cuts through ends there.
   */
  clipsWholeText: boolean;
}

export interface PdfInfo {
  title: string | null;
  producer: string | null;
  /** ISO 8601 as written in the PDF, with its time zone when it gives one; null if absent. */
  creationDate: string | null;
  modDate: string | null;
}

export interface PdfDocument {
  pages: PdfPage[];
  pageCount: number;
  info: PdfInfo;
}
