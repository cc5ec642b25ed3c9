/**
 * PDF bytes → PdfDocument, with PDF.js, in the calling thread. readPdf (read-pdf.ts) runs this
 * in a worker thread it can stop; use that, not this, on files from outside.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { AnnotationMode, getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfDocument, PdfInfo, PdfPage } from './document.ts';
import { PdfReportError } from './errors.ts';
import { interpretPage } from './interpret.ts';
import type { FontFacts, Matrix } from './interpret.ts';
import {
  hasPdfSignature,
  PDF_SIGNATURE,
  pdfHead,
  SIGNATURE_WINDOW,
} from '../../contract/pdf-signature.ts';
import { PdfLimitError } from './limits.ts';
import type { PdfLimits } from './limits.ts';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const asset = (folder: string) => join(pdfjsRoot, folder) + '/';

const ascii = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Refuses, before PDF.js sees it, what is plainly not a whole PDF file. */
export function checkEnvelope(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new PdfReportError(null, 'not a readable PDF: the file is empty');
  if (!hasPdfSignature(bytes)) {
    const head = pdfHead(bytes);
    const start = head.slice(0, 40).replace(/[^\x20-\x7e]/g, '.');
    const html = /^\s*</.test(head) ? ' (it looks like an HTML page, e.g. an error page)' : '';
    throw new PdfReportError(
      null,
      `not a readable PDF: it has no PDF header ("${PDF_SIGNATURE}") in its first ${SIGNATURE_WINDOW} bytes; it starts "${start}"${html}`,
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

function fontOf(page: PDFPageProxy, name: string): FontFacts | null {
  for (const objects of [page.commonObjs, page.objs]) {
    try {
      if (objects.has(name)) return objects.get(name) as FontFacts;
    } catch {
      // Not resolved in this store: try the other.
    }
  }
  return null;
}

/** How long a page's fonts may take to load before the page is read without them. */
const FONT_WAIT_MS = 10_000;

/** The fonts a page's operator list sets, by PDF.js's name for them. */
function fontNames(fnArray: readonly number[], argsArray: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[];
    if (fn === OPS.setFont) names.add(args[0] as string);
    if (fn === OPS.setGState) {
      for (const [key, value] of args[0] as [string, unknown][]) {
        if (key === 'Font') names.add((value as [string, number])[0]);
      }
    }
  });
  return names;
}

/**
 * Waits until PDF.js has loaded every font the page sets. It resolves a font after the
 * operator list that uses it, once the font is bound, which takes longer on a busy machine;
 * read before then, glyphs would get default widths, and a page would read differently from
 * one run to the next.
 */
async function fontsLoaded(page: PDFPageProxy, names: ReadonlySet<string>): Promise<void> {
  const loaded = (name: string) =>
    new Promise<void>((resolve) => {
      const store = name.startsWith('g_') ? page.commonObjs : page.objs;
      store.get(
        name,
        () => resolve(),
        () => resolve(),
      );
    });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all([...names].map(loaded)),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, FONT_WAIT_MS))),
  ]);
  clearTimeout(timer);
}

async function readPage(
  doc: PDFDocumentProxy,
  number: number,
  glyphBudget: { used: number; limits: PdfLimits },
): Promise<PdfPage> {
  let page: PDFPageProxy;
  let operators: Awaited<ReturnType<PDFPageProxy['getOperatorList']>>;
  try {
    page = await doc.getPage(number);
    operators = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
  } catch (error) {
    throw new PdfReportError(number, `not a readable PDF: ${(error as Error).message}`);
  }
  await fontsLoaded(page, fontNames(operators.fnArray, operators.argsArray));
  const viewport = page.getViewport({ scale: 1 });
  const start = glyphBudget.used;
  const interpreted = interpretPage(operators.fnArray, operators.argsArray, {
    viewport: viewport.transform as Matrix,
    width: viewport.width,
    height: viewport.height,
    font: (name) => fontOf(page, name),
    onGlyphs: (count) => {
      if (start + count > glyphBudget.limits.maxGlyphs) {
        throw new PdfLimitError(
          'maxGlyphs',
          glyphBudget.limits.maxGlyphs,
          `page ${number} brings the PDF to more than ${glyphBudget.limits.maxGlyphs} glyphs`,
        );
      }
    },
  });
  glyphBudget.used += interpreted.glyphs.length + interpreted.hidden.length;
  page.cleanup();
  return { number, width: viewport.width, height: viewport.height, ...interpreted };
}

/** Opens the document, refusing an encrypted or unreadable one and too many pages. */
async function open(bytes: Uint8Array, limits: PdfLimits) {
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
    disableFontFace: true,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    const { name, message } = error as Error;
    if (name === 'PasswordException') {
      throw new PdfReportError(
        null,
        'the PDF is encrypted; it needs a password to open, which the ingest does not have. Fetch the copy ICE publishes, which opens without one',
      );
    }
    throw new PdfReportError(null, `not a readable PDF: ${message}`);
  }
  if (doc.numPages > limits.maxPages) {
    await task.destroy();
    throw new PdfLimitError('maxPages', limits.maxPages, `the PDF has ${doc.numPages} pages`);
  }
  return { task, doc };
}

/** Each page drawn as a PNG at `scale`, for pictures of what the reader found. */
export async function renderDocument(
  bytes: Uint8Array,
  limits: PdfLimits,
  scale: number,
): Promise<Uint8Array[]> {
  const { task, doc } = await open(bytes, limits);
  try {
    const pictures: Uint8Array[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: context as unknown as CanvasRenderingContext2D,
        viewport,
        annotationMode: AnnotationMode.DISABLE,
      }).promise;
      pictures.push(new Uint8Array(await canvas.encode('png')));
      page.cleanup();
    }
    return pictures;
  } finally {
    await task.destroy();
  }
}

/**
 * Reads every page. Refuses (PdfReportError): an empty, non-PDF, truncated or corrupt file
 * ("not a readable PDF: …"); a PDF that needs a password to open; more pages or glyphs than
 * the limits allow; and a scanned PDF: page 1 without text, or any page that shows an image
 * but has no text ("…needs OCR…"). A PDF that opens without a password but restricts copying or
 * printing (an owner password) is read as usual. A blank page is allowed after page 1.
 */
export async function extractDocument(bytes: Uint8Array, limits: PdfLimits): Promise<PdfDocument> {
  const { task, doc } = await open(bytes, limits);
  try {
    const pages: PdfPage[] = [];
    const budget = { used: 0, limits };
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(doc, n, budget));
    for (const page of pages) {
      if (page.glyphs.some((g) => g.text.trim() !== '')) continue;
      if (page.number === 1 || page.images > 0) {
        throw new PdfReportError(
          page.number,
          `this page has no text${page.images > 0 ? ', only an image' : ''}: the PDF looks scanned and needs OCR; it is not read by guessing`,
        );
      }
    }
    const { info: rawInfo } = await doc.getMetadata().catch(() => ({ info: {} }));
    const info = (rawInfo ?? {}) as Record<string, unknown>;
    const pdfInfo: PdfInfo = {
      title: infoText(info, 'Title'),
      producer: infoText(info, 'Producer'),
      creationDate: parsePdfDate(infoText(info, 'CreationDate')),
      modDate: parsePdfDate(infoText(info, 'ModDate')),
    };
    return { pages, pageCount: doc.numPages, info: pdfInfo };
  } finally {
    await task.destroy();
  }
}
