/**
 * PDFs the parser must refuse, made on the spot: a scanned report (pages that are only an
 * image), a report with one scanned page among text pages, and a PDF that is some other
 * document.
 */
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A greyscale PNG, drawn by `shade(x, y)` (0 black … 255 white). */
export function png(
  width: number,
  height: number,
  shade: (x: number, y: number) => number,
): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = shade(x, y);
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** Something like a photographed page: grey lines of "text" on white. */
const scan = () =>
  png(170, 220, (x, y) => (y % 12 < 4 && x > 15 && x < 155 && (x * 7 + y) % 23 > 3 ? 60 : 245));

/** A PDF whose pages each carry only an image of a page, no text layer. */
export async function scannedPdf(pageCount = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(scan());
  for (let i = 0; i < pageCount; i++) {
    doc.addPage([612, 792]).drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
  }
  return doc.save();
}

/** `bytes` with a scanned page inserted so that it becomes page `pageNumber`. */
export async function withScannedPage(bytes: Uint8Array, pageNumber: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes);
  const image = await doc.embedPng(scan());
  const [width, height] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
  doc.insertPage(pageNumber - 1, [width, height]).drawImage(image, { x: 0, y: 0, width, height });
  return doc.save();
}

/** A text PDF that is not a DDOR (ICE publishes other reports on the same pages). */
export async function notDdorPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  const lines = [
    'U.S. Immigration and Customs Enforcement',
    'Fiscal Year 2017 ICE Enforcement and Removal Operations Report',
    'This report summarizes detainers issued and removals carried out during the fiscal year.',
  ];
  lines.forEach((text, i) => page.drawText(text, { x: 72, y: 700 - i * 20, size: 11, font }));
  return doc.save();
}
