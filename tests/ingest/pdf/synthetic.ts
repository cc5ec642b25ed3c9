/**
 * Hand-made PDF text (as readPdf returns it), for layout cases no fixture producer makes:
 * items split mid-word, cells merged into one item, centred cells, odd spaces.
 */
import type { PageText, PdfText, TextItem } from '../../../src/lib/ingest/pdf/read-pdf.ts';

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
/** A rough Helvetica width, so items are about as wide as a real producer's. */
export const widthOf = (text: string, size: number) =>
  ([...text].reduce((sum, c) => sum + (HELVETICA[c] ?? (/[A-Z]/.test(c) ? 667 : 556)), 0) * size) /
  1000;

/** A text item; `width` defaults to the text's own width (give more when it spans gaps). */
export function item(
  text: string,
  x: number,
  y: number,
  size = 10,
  width = widthOf(text, size),
): TextItem {
  return { text, x, y, width, height: size, font: 'body' };
}

export function page(number: number, items: TextItem[], width = 612, height = 792): PageText {
  return { number, width, height, items };
}

export function pdfText(pages: PageText[]): PdfText {
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
