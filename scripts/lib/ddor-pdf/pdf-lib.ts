/**
 * A DDOR drawn with pdf-lib from a hand-placed plan: standard PDF fonts (Times or Helvetica),
 * its own column positions, page numbers and a running header.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { PDFFont } from 'pdf-lib';
import { planDdor } from './plan.ts';
import type { FontWeight, HandLayout, Plan } from './plan.ts';
import type { DdorTruth } from './truth.ts';

export interface PdfLibOptions extends Partial<HandLayout> {
  family?: 'times' | 'helvetica';
  /** Info dictionary CreationDate. */
  created?: Date;
}

export const DEFAULT_HAND_LAYOUT: HandLayout = {
  bodySize: 10,
  tableSize: 8.5,
  headingSize: 11,
  margin: 54,
  cellPadding: 3,
  repeatHeader: true,
  runningHeader: 'U.S. Immigration and Customs Enforcement – Declined Detainer Outcome Report',
  pageNumbers: true,
  headerAlign: 'center',
};

/** The PDF, and the plan it was drawn from (with the page each Section II row is on). */
export async function pdfLibDdor(
  truth: DdorTruth,
  options: PdfLibOptions = {},
): Promise<{ bytes: Uint8Array; plan: Plan }> {
  const doc = await PDFDocument.create();
  const family = options.family ?? 'times';
  const fonts: Record<FontWeight, PDFFont> = {
    regular: await doc.embedFont(
      family === 'times' ? StandardFonts.TimesRoman : StandardFonts.Helvetica,
    ),
    bold: await doc.embedFont(
      family === 'times' ? StandardFonts.TimesRomanBold : StandardFonts.HelveticaBold,
    ),
  };
  const layout = { ...DEFAULT_HAND_LAYOUT, ...options };
  const plan = planDdor(truth, layout, (text, weight, size) =>
    fonts[weight].widthOfTextAtSize(text, size),
  );
  const pages = Array.from({ length: plan.pageCount }, () =>
    doc.addPage([plan.width, plan.height]),
  );
  for (const run of plan.runs) {
    pages[run.page - 1]!.drawText(run.text, {
      x: run.x,
      y: plan.height - run.y,
      size: run.size,
      font: fonts[run.weight],
    });
  }
  doc.setTitle(truth.titleLines.join(' '));
  doc.setProducer('pdf-lib fixture (Declined Detainer Archive tests)');
  doc.setCreationDate(options.created ?? new Date(Date.UTC(2017, 2, 17, 16)));
  return { bytes: await doc.save(), plan };
}
