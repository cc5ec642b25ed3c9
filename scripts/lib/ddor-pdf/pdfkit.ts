/**
 * The same hand-placed plan drawn with pdfkit, which kerns its text and can encrypt: a user
 * password (the PDF cannot be opened without it) or only an owner password with permission
 * restrictions (it opens, but copying is "not allowed", like ICE's week-1 PDF).
 */
import PDFDocument from 'pdfkit';
import { DEFAULT_HABIT, drawOps } from './habits.ts';
import type { DrawOp } from './habits.ts';
import { planDdor } from './plan.ts';
import type { FontWeight, Plan } from './plan.ts';
import { DEFAULT_HAND_LAYOUT } from './pdf-lib.ts';
import type { FontFamily, PdfLibOptions } from './pdf-lib.ts';
import type { DdorTruth } from './truth.ts';

export interface PdfKitOptions extends PdfLibOptions {
  userPassword?: string;
  ownerPassword?: string;
}

const FONTS: Record<FontFamily, Record<FontWeight, string>> = {
  times: { regular: 'Times-Roman', bold: 'Times-Bold' },
  helvetica: { regular: 'Helvetica', bold: 'Helvetica-Bold' },
  courier: { regular: 'Courier', bold: 'Courier-Bold' },
};

function draw(doc: PDFKit.PDFDocument, op: DrawOp, fontName: Record<FontWeight, string>) {
  if (op.kind === 'shape') {
    const { shape } = op;
    const gray = Math.round(shape.gray * 255);
    const color: [number, number, number] = [gray, gray, gray];
    if (op.stroke) {
      const horizontal = shape.x1 - shape.x0 >= shape.y1 - shape.y0;
      const [cx, cy] = [(shape.x0 + shape.x1) / 2, (shape.y0 + shape.y1) / 2];
      doc
        .save()
        .lineWidth(Math.max(0.3, Math.min(shape.x1 - shape.x0, shape.y1 - shape.y0)))
        .moveTo(horizontal ? shape.x0 : cx, horizontal ? cy : shape.y0)
        .lineTo(horizontal ? shape.x1 : cx, horizontal ? cy : shape.y1)
        .stroke(color)
        .restore();
    } else {
      doc
        .save()
        .rect(shape.x0, shape.y0, shape.x1 - shape.x0, shape.y1 - shape.y0)
        .fill(color)
        .restore();
    }
    return;
  }
  const wrapped = op.hidden || op.clip;
  if (wrapped) doc.save();
  // Text state (here the render mode) lives in the graphics state, outside text objects too.
  if (op.hidden) doc.addContent('3 Tr');
  if (op.clip) {
    const { x0, y0, x1, y1 } = op.clip;
    doc.rect(x0, y0, x1 - x0, y1 - y0).clip();
  }
  doc
    .fillColor('black')
    .font(fontName[op.weight])
    .fontSize(op.size)
    .text(op.text, op.x, op.y, { lineBreak: false, baseline: 'alphabetic' });
  if (wrapped) doc.restore();
}

export function pdfKitDdor(
  truth: DdorTruth,
  options: PdfKitOptions = {},
): Promise<{ bytes: Uint8Array; plan: Plan }> {
  const family = options.family ?? 'helvetica';
  const fontName = FONTS[family];
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
  const habit = { ...DEFAULT_HABIT, ...options.habit };
  const ops = drawOps(plan, habit, measure, family === 'courier');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  for (const pageOps of ops) {
    doc.addPage({ size: [plan.width, plan.height], margin: 0 });
    for (const op of pageOps) draw(doc, op, fontName);
  }
  doc.end();
  return done.then((bytes) => ({ bytes, plan }));
}
