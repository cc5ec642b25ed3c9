/**
 * What a page shows is what the reader reads: text a producer draws but nobody can see (an
 * invisible render mode, no opacity, white on white, under a later fill, outside its clipping
 * box, turned on its side) is set apart with the reason. A value its cell clips is read in
 * full, since the PDF holds all of it; one whose producer dropped the rest, so that the cell's
 * edge cuts through its last glyph, is marked as cut off. Each word is drawn by pdf-lib on its own line, so which
 * words come back as glyphs, hidden or cut off is read from the PDF, not from the drawing.
 */
import {
  clip,
  degrees,
  endPath,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setTextRenderingMode,
  StandardFonts,
  TextRenderingMode,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PdfPage } from '../../../src/lib/ingest/pdf/document.ts';
import { readPdf } from '../../../src/lib/ingest/pdf/read-pdf.ts';

const HEIGHT = 792;
const SIZE = 12;

/** The words drawn, each with how it is drawn and what the reader must make of it. */
const WORDS = {
  Shown: 'shown',
  Ghost: 'invisible render mode',
  Faded: 'transparent',
  Chalk: 'same colour as its background',
  Buried: 'covered by a later fill',
  Outside: 'outside its clipping area',
  Sideways: 'not upright',
  Clipped: 'shown',
  Truncat: 'cut off',
} as const;
type Word = keyof typeof WORDS;

async function hiddenWordsPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, HEIGHT]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lineY = (i: number) => HEIGHT - 100 - i * 40;
  const draw = (word: Word, i: number, extra: Parameters<typeof page.drawText>[1] = {}) =>
    page.drawText(word, { x: 72, y: lineY(i), size: SIZE, font, ...extra });
  const clipped = (i: number, x1: number, body: () => void) => {
    page.pushOperators(
      pushGraphicsState(),
      rectangle(72, lineY(i) - 4, x1 - 72, SIZE + 8),
      clip(),
      endPath(),
    );
    body();
    page.pushOperators(popGraphicsState());
  };

  draw('Shown', 0);
  page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
  draw('Ghost', 1);
  page.pushOperators(popGraphicsState());
  draw('Faded', 2, { opacity: 0 });
  draw('Chalk', 3, { color: rgb(1, 1, 1) });
  draw('Buried', 4);
  page.drawRectangle({
    x: 60,
    y: lineY(4) - 6,
    width: 200,
    height: SIZE + 12,
    color: rgb(0.2, 0.2, 0.2),
  });
  // Drawn wholly to the right of its clipping box.
  clipped(5, 140, () => draw('Outside', 5, { x: 300 }));
  draw('Sideways', 6, { x: 400, rotate: degrees(90) });
  // The box ends inside the "p": the rest is in the PDF, only not painted.
  const inside = (word: string, glyphs: number) =>
    72 +
    font.widthOfTextAtSize(word.slice(0, glyphs), SIZE) +
    0.5 * font.widthOfTextAtSize(word[glyphs]!, SIZE);
  clipped(7, inside('Clipped', 3), () => draw('Clipped', 7));
  // The box ends inside the last glyph, and nothing follows it: the producer cut the value short.
  clipped(8, inside('Truncat', 6), () => draw('Truncat', 8));
  // Paint: a pale zebra stripe marks a row; a white box is the paper's own colour.
  page.drawRectangle({ x: 300, y: 600, width: 200, height: 14, color: rgb(0.95, 0.95, 0.95) });
  page.drawRectangle({ x: 300, y: 560, width: 200, height: 14, color: rgb(1, 1, 1) });
  return pdf.save();
}

/** One value cut short as a browser cuts it: the glyphs past the cell's edge are not drawn. */
async function droppedPastEdgePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, HEIGHT]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const edge =
    72 + font.widthOfTextAtSize('Truncat', SIZE) - 0.5 * font.widthOfTextAtSize('t', SIZE);
  page.pushOperators(pushGraphicsState(), rectangle(72, 96, edge - 72, 24), clip(), endPath());
  page.drawText('Truncat', { x: 72, y: 100, size: SIZE, font });
  page.pushOperators(popGraphicsState());
  return pdf.save();
}

const text = (glyphs: readonly { text: string }[]) => glyphs.map((g) => g.text).join('');

describe('text drawn where nobody can see it', () => {
  let page: PdfPage;

  beforeAll(async () => {
    page = (await readPdf(await hiddenWordsPdf())).pages[0]!;
  });

  it('reads only the text that shows, and a value its cell clips in full', () => {
    expect(text(page.glyphs)).toBe('ShownClippedTruncat');
  });

  it('sets every hidden word apart, with why it does not show', () => {
    const reasons = new Map<string, string>();
    for (const glyph of page.hidden) {
      const word = (Object.keys(WORDS) as Word[]).find((w) => w.includes(glyph.text))!;
      reasons.set(word, reasons.get(word) ?? glyph.reason);
    }
    const hidden = (Object.keys(WORDS) as Word[]).filter(
      (word) => WORDS[word] !== 'shown' && WORDS[word] !== 'cut off',
    );
    for (const word of hidden) {
      const glyphs = page.hidden.filter((g) => g.reason === WORDS[word]);
      expect(text(glyphs), word).toContain(word);
    }
    expect([...new Set(page.hidden.map((g) => g.reason))].sort()).toEqual(
      hidden.map((word) => WORDS[word]).sort(),
    );
  });

  it('marks the glyph the cell edge cuts through as cut off', () => {
    expect(page.cutOff.map((g) => g.text)).toEqual(['t']);
  });

  it('sees that the producer writes whole values into cells that clip them', () => {
    // "Clipped" runs on past its box, glyphs wholly outside it: "Truncat" ended where it ends.
    expect(page.clipsWholeText).toBe(true);
  });

  it('keeps the palest stripe as a fill that bounds rows, and leaves out white boxes', () => {
    // Page coordinates run down from the top: pdf-lib's y is the box's bottom, from the foot.
    const box = (y: number) => ({ x0: 300, x1: 500, y0: HEIGHT - y - 14, y1: HEIGHT - y });
    const fills = page.fills.map(({ x0, x1, y0, y1 }) => ({ x0, x1, y0, y1 }));
    expect(fills).toContainEqual(box(600));
    expect(fills).not.toContainEqual(box(560));
  });
});

describe('a value whose producer dropped what its cell hides', () => {
  it('is marked cut off, with no sign that the producer writes whole values', async () => {
    const page = (await readPdf(await droppedPastEdgePdf())).pages[0]!;
    expect(page.cutOff.map((g) => g.text)).toEqual(['t']);
    expect(page.clipsWholeText).toBe(false);
  });
});
