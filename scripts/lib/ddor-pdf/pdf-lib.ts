/**
 * A DDOR drawn with pdf-lib from a hand-placed plan: standard PDF fonts, its own column
 * positions, rules, stripes and furniture, and the drawing habit chosen (habits.ts).
 */
import {
  clip,
  endPath,
  grayscale,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setTextRenderingMode,
  StandardFonts,
  TextRenderingMode,
} from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { DEFAULT_HABIT, drawOps } from './habits.ts';
import type { DrawOp, Habit } from './habits.ts';
import { planDdor } from './plan.ts';
import type { FontWeight, HandLayout, Plan } from './plan.ts';
import type { DdorTruth } from './truth.ts';

export type FontFamily = 'times' | 'helvetica' | 'courier';

export interface PdfLibOptions extends Partial<HandLayout> {
  family?: FontFamily;
  habit?: Partial<Habit>;
  /** Info dictionary CreationDate. */
  created?: Date;
}

export const DEFAULT_HAND_LAYOUT: HandLayout = {
  paper: 'letter',
  bodySize: 10,
  tableSize: 8.5,
  headingSize: 11,
  margin: 54,
  cellPadding: 3,
  repeatHeader: true,
  runningHeader: 'U.S. Immigration and Customs Enforcement – Declined Detainer Outcome Report',
  runningHeaderRight: null,
  footer: 'page-of',
  footerLabel: null,
  headerAlign: 'center',
  headerLines: 1,
  rules: 'none',
  valign: 'top',
  headingAlone: null,
  headerAlone: false,
  oneLineCells: false,
  hiddenText: false,
};

const STANDARD: Record<FontFamily, Record<FontWeight, StandardFonts>> = {
  times: { regular: StandardFonts.TimesRoman, bold: StandardFonts.TimesRomanBold },
  helvetica: { regular: StandardFonts.Helvetica, bold: StandardFonts.HelveticaBold },
  courier: { regular: StandardFonts.Courier, bold: StandardFonts.CourierBold },
};

function draw(page: PDFPage, op: DrawOp, fonts: Record<FontWeight, PDFFont>, height: number) {
  if (op.kind === 'shape') {
    const { shape } = op;
    const color = grayscale(shape.gray);
    if (op.stroke) {
      const horizontal = shape.x1 - shape.x0 >= shape.y1 - shape.y0;
      const [cx, cy] = [(shape.x0 + shape.x1) / 2, (shape.y0 + shape.y1) / 2];
      page.drawLine({
        start: horizontal ? { x: shape.x0, y: height - cy } : { x: cx, y: height - shape.y0 },
        end: horizontal ? { x: shape.x1, y: height - cy } : { x: cx, y: height - shape.y1 },
        thickness: Math.max(0.3, Math.min(shape.x1 - shape.x0, shape.y1 - shape.y0)),
        color,
      });
    } else {
      page.drawRectangle({
        x: shape.x0,
        y: height - shape.y1,
        width: shape.x1 - shape.x0,
        height: shape.y1 - shape.y0,
        color,
      });
    }
    return;
  }
  const wrapped = op.hidden || op.clip;
  if (wrapped) page.pushOperators(pushGraphicsState());
  if (op.hidden) page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
  if (op.clip) {
    const { x0, y0, x1, y1 } = op.clip;
    page.pushOperators(rectangle(x0, height - y1, x1 - x0, y1 - y0), clip(), endPath());
  }
  page.drawText(op.text, { x: op.x, y: height - op.y, size: op.size, font: fonts[op.weight] });
  if (wrapped) page.pushOperators(popGraphicsState());
}

/** The PDF, and the plan it was drawn from (with the page each Section II row is on). */
export async function pdfLibDdor(
  truth: DdorTruth,
  options: PdfLibOptions = {},
): Promise<{ bytes: Uint8Array; plan: Plan }> {
  const doc = await PDFDocument.create();
  const family = options.family ?? 'times';
  const fonts: Record<FontWeight, PDFFont> = {
    regular: await doc.embedFont(STANDARD[family].regular),
    bold: await doc.embedFont(STANDARD[family].bold),
  };
  const layout = { ...DEFAULT_HAND_LAYOUT, ...options };
  // pdf-lib draws without kerning, but its widthOfTextAtSize kerns: measure glyph by glyph.
  const measure = (text: string, weight: FontWeight, size: number) =>
    [...text].reduce((sum, char) => sum + fonts[weight].widthOfTextAtSize(char, size), 0);
  const plan = planDdor(truth, layout, measure);
  const habit = { ...DEFAULT_HABIT, ...options.habit };
  const ops = drawOps(plan, habit, measure, family === 'courier');
  ops.forEach((pageOps) => {
    const page = doc.addPage([plan.width, plan.height]);
    for (const op of pageOps) draw(page, op, fonts, plan.height);
  });
  doc.setTitle(truth.titleLines.join(' '));
  doc.setProducer('pdf-lib fixture (Declined Detainer Archive tests)');
  doc.setCreationDate(options.created ?? new Date(Date.UTC(2017, 2, 17, 16)));
  return { bytes: await doc.save(), plan };
}
