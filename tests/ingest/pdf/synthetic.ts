/**
 * Hand-made pages (as readPdf returns them), for layout cases no fixture producer makes: words
 * split across strings, cells merged into one string, centred cells, odd spaces. Each item is
 * one string of the PDF (a run), its glyphs spread over its width by Helvetica's widths.
 */
import type { Glyph, PdfDocument, PdfPage } from '../../../src/lib/ingest/pdf/document.ts';

const HELVETICA: Record<string, number> = {
  ' ': 278,
  i: 222,
  l: 222,
  j: 222,
  f: 278,
  t: 278,
  r: 333,
  I: 278,
  '.': 278,
  ',': 278,
  '/': 278,
  '-': 333,
  m: 833,
  w: 722,
  M: 833,
  W: 944,
};
const unit = (c: string) => HELVETICA[c] ?? (/[A-Z]/.test(c) ? 667 : 556);

/** A rough Helvetica width, so items are about as wide as a real producer's. */
export const widthOf = (text: string, size: number) =>
  ([...text].reduce((sum, c) => sum + unit(c), 0) * size) / 1000;

/** One string drawn at (x, y): its glyphs, `width` spread over them (default: its own width). */
export interface Item {
  text: string;
  x: number;
  y: number;
  size: number;
  width: number;
  font: string;
  /** Items with the same run were written as one string (their own index otherwise). */
  run?: number;
}

export function item(
  text: string,
  x: number,
  y: number,
  size = 10,
  width = widthOf(text, size),
): Item {
  return { text, x, y, width, size, font: 'body' };
}

function glyphsOf(items: readonly Item[]): Glyph[] {
  return items.flatMap((it, index) => {
    const run = it.run ?? 1000 + index;
    const chars = [...it.text];
    const natural = chars.reduce((sum, c) => sum + unit(c), 0) || 1;
    let at = it.x;
    return chars.map((text) => {
      const advance = (unit(text) * it.width) / natural;
      const glyph = { text, x0: at, x1: at + advance, y: it.y, size: it.size, font: it.font, run };
      at += advance;
      return glyph;
    });
  });
}

export function page(number: number, items: Item[], width = 612, height = 792): PdfPage {
  return {
    number,
    width,
    height,
    glyphs: glyphsOf(items),
    hidden: [],
    rules: [],
    fills: [],
    images: 0,
    cutOff: [],
    clipsWholeText: false,
  };
}

export function pdfText(pages: PdfPage[]): PdfDocument {
  return {
    pages,
    pageCount: pages.length,
    info: {
      title: null,
      producer: 'synthetic',
      creationDate: '2017-03-17T12:00:00-04:00',
      modDate: null,
    },
  };
}

/** Lines of text, one item per line, from y down by `step`. */
export const textLines = (lines: string[], x: number, y: number, step = 13, size = 10) =>
  lines.map((text, i) => item(text, x, y + i * step, size));

/** No rules or fills: a page as the tables see it when nothing is drawn. */
export const noGraphics = () => ({ rules: [], fills: [] });
