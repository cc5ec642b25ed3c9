/**
 * The same hand-placed plan drawn with pdfkit, which can encrypt: a user password (the PDF
 * cannot be opened without it) or only an owner password with permission restrictions (it
 * opens, but copying is "not allowed", like ICE's week-1 PDF).
 */
import PDFDocument from 'pdfkit';
import { planDdor } from './plan.ts';
import type { FontWeight, Plan } from './plan.ts';
import { DEFAULT_HAND_LAYOUT } from './pdf-lib.ts';
import type { PdfLibOptions } from './pdf-lib.ts';
import type { DdorTruth } from './truth.ts';

export interface PdfKitOptions extends PdfLibOptions {
  userPassword?: string;
  ownerPassword?: string;
}

export function pdfKitDdor(
  truth: DdorTruth,
  options: PdfKitOptions = {},
): Promise<{ bytes: Uint8Array; plan: Plan }> {
  const family = options.family ?? 'helvetica';
  const fontName: Record<FontWeight, string> =
    family === 'times'
      ? { regular: 'Times-Roman', bold: 'Times-Bold' }
      : { regular: 'Helvetica', bold: 'Helvetica-Bold' };
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: {
      Title: truth.titleLines.join(' '),
      Producer: 'pdfkit fixture',
      CreationDate: options.created ?? new Date(Date.UTC(2017, 2, 17, 16)),
    },
    pdfVersion: '1.7',
    ...(options.userPassword ? { userPassword: options.userPassword } : {}),
    ...(options.ownerPassword ? { ownerPassword: options.ownerPassword } : {}),
    ...(options.userPassword || options.ownerPassword
      ? {
          permissions: {
            printing: 'lowResolution' as const,
            copying: false,
            modifying: false,
            annotating: false,
          },
        }
      : {}),
  });
  const measure = (text: string, weight: FontWeight, size: number) =>
    doc.font(fontName[weight]).fontSize(size).widthOfString(text);
  const plan = planDdor(truth, { ...DEFAULT_HAND_LAYOUT, ...options }, measure);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  for (let p = 1; p <= plan.pageCount; p++) {
    doc.addPage({ size: [plan.width, plan.height], margin: 0 });
    for (const run of plan.runs.filter((r) => r.page === p)) {
      doc
        .font(fontName[run.weight])
        .fontSize(run.size)
        .text(run.text, run.x, run.y, { lineBreak: false, baseline: 'alphabetic' });
    }
  }
  doc.end();
  return done.then((bytes) => ({ bytes, plan }));
}
