/**
 * PDF bytes → positioned text, with PDF.js. Everything after this module works on plain data
 * (pages of text items), so the layout code can be tested without PDFs.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { getDocument, OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PdfReportError } from './errors.ts';
import { cleanPrinted } from './text.ts';

/** One run of text. Coordinates in points from the page's top-left corner. */
export interface TextItem {
  text: string;
  /** Left edge of the text. */
  x: number;
  /** The baseline, measured down from the top edge. */
  y: number;
  width: number;
  /** The font size. */
  height: number;
  /** PDF.js's name for the font; tells a bold heading from body text, nothing more. */
  font: string;
}

export interface PageText {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
}

export interface PdfInfo {
  title: string | null;
  producer: string | null;
  /** ISO 8601 as written in the PDF, with its time zone when it gives one; null if absent or unreadable. */
  creationDate: string | null;
  modDate: string | null;
}

export interface PdfText {
  pages: PageText[];
  pageCount: number;
  info: PdfInfo;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const asset = (folder: string) => join(pdfjsRoot, folder) + '/';

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
]);

const ascii = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Refuses, before PDF.js sees it, what is plainly not a whole PDF file. */
function checkEnvelope(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new PdfReportError(null, 'not a readable PDF: the file is empty');
  const head = ascii(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) {
    const start = head.slice(0, 40).replace(/[^\x20-\x7e]/g, '.');
    const html = /^\s*</.test(head) ? ' (it looks like an HTML page, e.g. an error page)' : '';
    throw new PdfReportError(
      null,
      `not a readable PDF: it does not start with a PDF header ("%PDF-"); it starts "${start}"${html}`,
    );
  }
  // A PDF ends with %%EOF (viewers accept it within the last kilobyte or so). Without it the
  // file was cut short, and PDF.js would quietly reconstruct whatever pages survived.
  if (!ascii(bytes.subarray(Math.max(0, bytes.length - 2048))).includes('%%EOF')) {
    throw new PdfReportError(
      null,
      `not a readable PDF: it ends without the "%%EOF" marker, so it is truncated (${bytes.length} bytes); download it again`,
    );
  }
}

/** "D:20170317120000-04'00'" → "2017-03-17T12:00:00-04:00"; null when it is not such a date. */
export function parsePdfDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(
    raw.trim(),
  );
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  const tz = !zone
    ? ''
    : zone === 'Z'
      ? 'Z'
      : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${tz}`;
}

const infoText = (info: Record<string, unknown>, key: string): string | null => {
  const value = info[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

async function readPage(doc: PDFDocumentProxy, number: number): Promise<PageText> {
  let page: PDFPageProxy;
  let content: Awaited<ReturnType<PDFPageProxy['getTextContent']>>;
  try {
    page = await doc.getPage(number);
    content = await page.getTextContent();
  } catch (error) {
    throw new PdfReportError(number, `not a readable PDF: ${(error as Error).message}`);
  }
  // The viewport maps PDF space (origin bottom-left, maybe rotated or offset by a crop box)
  // to what a reader sees, origin top-left.
  const viewport = page.getViewport({ scale: 1 });
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const text = cleanPrinted(item.str);
    if (text.trim() === '') continue;
    const [a, b, , d, x, y] = Util.transform(viewport.transform, item.transform) as number[];
    // Only text that runs left to right: a diagonal watermark or a vertical margin label is
    // not part of any line.
    if (!(a! > 0) || Math.abs(b!) > 0.01 * a!) continue;
    items.push({
      text,
      x: x!,
      y: y!,
      width: item.width,
      height: Math.abs(d!) || a!,
      font: item.fontName,
    });
  }
  return { number, width: viewport.width, height: viewport.height, items };
}

async function showsImage(doc: PDFDocumentProxy, number: number): Promise<boolean> {
  try {
    const ops = await (await doc.getPage(number)).getOperatorList();
    return ops.fnArray.some((op) => IMAGE_OPS.has(op));
  } catch {
    return false;
  }
}

/**
 * Reads every page's text. Refuses (PdfReportError): an empty, non-PDF, truncated or corrupt
 * file ("not a readable PDF: …"); a PDF that needs a password to open ("the PDF is encrypted;
 * …"); and a scanned PDF: page 1 without text, or any page that shows an image but has no text
 * ("page N has no text: the PDF looks scanned and needs OCR; …"). A PDF that opens without a
 * password but restricts copying or printing (an owner password) is read as usual. A blank
 * page (no text, no image) is allowed after page 1.
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  checkEnvelope(bytes);
  const task = getDocument({
    // PDF.js takes ownership of the buffer it is given; hand it a copy.
    data: new Uint8Array(bytes),
    verbosity: 0,
    standardFontDataUrl: asset('standard_fonts'),
    cMapUrl: asset('cmaps'),
    cMapPacked: true,
    iccUrl: asset('iccs'),
    wasmUrl: asset('wasm'),
    stopAtErrors: true,
  });
  try {
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (error) {
      const { name, message } = error as Error;
      if (name === 'PasswordException') {
        throw new PdfReportError(
          null,
          'the PDF is encrypted; it needs a password to open, which the ingest does not have. Fetch the copy ICE publishes, which opens without one',
        );
      }
      throw new PdfReportError(null, `not a readable PDF: ${message}`);
    }
    const pages: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(doc, n));
    for (const page of pages) {
      if (page.items.length > 0) continue;
      const image = await showsImage(doc, page.number);
      if (page.number === 1 || image) {
        throw new PdfReportError(
          page.number,
          `this page has no text${image ? ', only an image' : ''}: the PDF looks scanned and needs OCR; it is not read by guessing`,
        );
      }
    }
    const { info: rawInfo } = await doc.getMetadata().catch(() => ({ info: {} }));
    const info = (rawInfo ?? {}) as Record<string, unknown>;
    return {
      pages,
      pageCount: doc.numPages,
      info: {
        title: infoText(info, 'Title'),
        producer: infoText(info, 'Producer'),
        creationDate: parsePdfDate(infoText(info, 'CreationDate')),
        modDate: parsePdfDate(infoText(info, 'ModDate')),
      },
    };
  } finally {
    await task.destroy();
  }
}
