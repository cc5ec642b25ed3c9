/**
 * The parser against DDOR PDFs from three producers (Chromium printing HTML, pdf-lib and
 * pdfkit placing text by hand) in several layouts: every field read back must equal the truth
 * the PDF was printed from.
 */
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumDdor } from '../../../scripts/lib/ddor-pdf/chromium.ts';
import type { ChromiumOptions } from '../../../scripts/lib/ddor-pdf/chromium.ts';
import { makeTruth } from '../../../scripts/lib/ddor-pdf/generate.ts';
import type { TruthOptions } from '../../../scripts/lib/ddor-pdf/generate.ts';
import { pdfLibDdor } from '../../../scripts/lib/ddor-pdf/pdf-lib.ts';
import type { PdfLibOptions } from '../../../scripts/lib/ddor-pdf/pdf-lib.ts';
import { pdfKitDdor } from '../../../scripts/lib/ddor-pdf/pdfkit.ts';
import type { PdfKitOptions } from '../../../scripts/lib/ddor-pdf/pdfkit.ts';
import type { Plan } from '../../../scripts/lib/ddor-pdf/plan.ts';
import { readDdorPdf } from '../../../src/lib/ingest/pdf/ddor.ts';
import type { DdorReport } from '../../../src/lib/ingest/pdf/ddor-report.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import {
  expectPagesToMatchPlan,
  expectReportToMatchTruth,
  withoutPage,
} from './report-matchers.ts';

interface Printed {
  bytes: Uint8Array;
  plan: Plan | null;
  report: DdorReport;
}

const chromiumCases: { name: string; truth: TruthOptions; print: ChromiumOptions }[] = [
  {
    name: 'Chromium, portrait, top-aligned cells, rows breaking across pages, USPS codes',
    truth: { seed: 11, sectionIIRows: 80 },
    print: {},
  },
  {
    name: 'Chromium, landscape, centred cells, page numbers, full state names printed once per group',
    truth: {
      seed: 12,
      sectionIIRows: 90,
      orientation: 'landscape',
      groupRepeats: true,
      stateStyle: 'full',
      headingStyle: 'SECTION I -',
      periodStyle: 'full-shared-month',
      sectionIRank: true,
      sectionIITotal: 'total-row',
    },
    print: {
      verticalAlign: 'middle',
      rowBreak: 'avoid',
      pageNumbers: true,
      fontFamily: "'DejaVu Sans', sans-serif",
    },
  },
  {
    name: 'Chromium, centred cells in rows that break across pages, capitals, "I." headings',
    truth: {
      seed: 31,
      sectionIIRows: 80,
      nameCase: 'upper',
      stateStyle: 'upper-full',
      headingStyle: 'I.',
      leadingZeros: 'never',
      groupRepeats: true,
    },
    print: { verticalAlign: 'middle', rowBreak: 'auto' },
  },
];

const handCases: {
  name: string;
  truth: TruthOptions;
  producer: 'pdf-lib' | 'pdfkit';
  layout: PdfKitOptions & PdfLibOptions;
}[] = [
  {
    name: 'pdf-lib, Times, header repeated on every page, running header, "Page N of M"',
    truth: { seed: 13, sectionIIRows: 80 },
    producer: 'pdf-lib',
    layout: {},
  },
  {
    name: 'pdf-lib, Helvetica, header NOT repeated, capitals, upper-case state names once per group',
    truth: {
      seed: 14,
      sectionIIRows: 80,
      nameCase: 'upper',
      stateStyle: 'upper-full',
      groupRepeats: true,
      headingStyle: 'I.',
      periodStyle: 'abbreviated',
      leadingZeros: 'never',
    },
    producer: 'pdf-lib',
    layout: { repeatHeader: false, family: 'helvetica', headerAlign: 'left' },
  },
  {
    name: 'pdf-lib, landscape, tight cells, Rank column, Total row, a period across the new year',
    truth: {
      seed: 15,
      sectionIIRows: 90,
      orientation: 'landscape',
      sectionIRank: true,
      sectionIITotal: 'total-row',
      leadingZeros: 'always',
      start: '2017-12-30',
    },
    producer: 'pdf-lib',
    layout: { runningHeader: null, cellPadding: 1, tableSize: 8 },
  },
  {
    name: 'pdfkit, owner password only (copy-protected), full state names once per group, no printed total',
    truth: {
      seed: 16,
      sectionIIRows: 70,
      stateStyle: 'full',
      groupRepeats: true,
      sectionIITotal: 'none',
      runDate: null,
    },
    producer: 'pdfkit',
    layout: { ownerPassword: 'owner-only' },
  },
  {
    name: 'pdfkit, Times, no page furniture, run date at the end',
    truth: { seed: 17, sectionIIRows: 70, leadingZeros: 'always' },
    producer: 'pdfkit',
    layout: { family: 'times', footer: 'none', runningHeader: null, cellPadding: 2 },
  },
];

describe('DDOR PDFs from several producers read back as printed', () => {
  let browser: Browser;
  const printed = new Map<string, Printed>();

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const c of chromiumCases) {
      const bytes = await chromiumDdor(browser, makeTruth(c.truth), c.print);
      printed.set(c.name, { bytes, plan: null, report: await readDdorPdf(bytes) });
    }
    for (const c of handCases) {
      const truth = makeTruth(c.truth);
      const { bytes, plan } =
        c.producer === 'pdf-lib'
          ? await pdfLibDdor(truth, c.layout)
          : await pdfKitDdor(truth, c.layout);
      printed.set(c.name, { bytes, plan, report: await readDdorPdf(bytes) });
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const c of chromiumCases) {
    it(c.name, async () => {
      const { bytes, report } = printed.get(c.name)!;
      expectReportToMatchTruth(report, makeTruth(c.truth));
      const pdf = await PDFDocument.load(bytes);
      expect(report.pageCount).toBe(pdf.getPageCount());
      expect(report.metadataDate).toBe(pdf.getCreationDate()?.toISOString().slice(0, 10));
      expect(report.producer).toMatch(/^Skia\/PDF/);
    });
  }

  for (const c of handCases) {
    it(c.name, () => {
      const { plan, report } = printed.get(c.name)!;
      expectReportToMatchTruth(report, makeTruth(c.truth));
      expectPagesToMatchPlan(report, plan!);
      expect(report.metadataDate).toBe('2017-03-17');
    });
  }

  it('the owner-password PDF really is encrypted (and still read)', () => {
    const { bytes } = printed.get(handCases[3]!.name)!;
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/Encrypt\s+\d+ 0 R/);
  });

  it('the same truth gives the same rows whichever producer printed it', async () => {
    const truth = makeTruth({ seed: 18, sectionIIRows: 40 });
    const chromium = await readDdorPdf(await chromiumDdor(browser, truth));
    const pdfLib = await readDdorPdf((await pdfLibDdor(truth)).bytes);
    const strip = (r: DdorReport) => r.sectionII!.rows.map(withoutPage);
    expect(strip(chromium)).toEqual(strip(pdfLib));
    expect(chromium.sectionIII!.rows.map((r) => r.listedAs)).toEqual(
      pdfLib.sectionIII!.rows.map((r) => r.listedAs),
    );
  });
});
