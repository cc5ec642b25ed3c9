/**
 * What the parser refuses, and that each refusal names the page (where there is one) and says
 * what is wrong, as a PdfReportError (an IngestError), never a stack trace from deep inside.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumDdor } from '../../../scripts/lib/ddor-pdf/chromium.ts';
import { makeTruth } from '../../../scripts/lib/ddor-pdf/generate.ts';
import {
  notDdorPdf,
  scannedPdf,
  withScannedPage,
} from '../../../scripts/lib/ddor-pdf/other-pdfs.ts';
import { pdfLibDdor } from '../../../scripts/lib/ddor-pdf/pdf-lib.ts';
import { pdfKitDdor } from '../../../scripts/lib/ddor-pdf/pdfkit.ts';
import { printedDate, printedSectionII } from '../../../scripts/lib/ddor-pdf/truth.ts';
import type { DdorTruth } from '../../../scripts/lib/ddor-pdf/truth.ts';
import { IngestError } from '../../../src/lib/ingest/errors.ts';
import { readDdorPdf } from '../../../src/lib/ingest/pdf/ddor.ts';
import { PdfReportError } from '../../../src/lib/ingest/pdf/errors.ts';
import { launchBrowser } from '../../helpers/browser.ts';

async function refusal(bytes: Uint8Array): Promise<PdfReportError> {
  try {
    await readDdorPdf(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(PdfReportError);
    expect(error).toBeInstanceOf(IngestError);
    return error as PdfReportError;
  }
  throw new Error('the PDF was read, not refused');
}

const truthWith = (change: (truth: DdorTruth) => void, seed = 21) => {
  const truth = makeTruth({ seed, sectionIIRows: 40 });
  change(truth);
  return truth;
};

describe('refusals', () => {
  let browser: Browser;
  let chromiumBytes: Uint8Array;
  let pdfLibBytes: Uint8Array;

  beforeAll(async () => {
    browser = await launchBrowser();
    chromiumBytes = await chromiumDdor(browser, makeTruth({ seed: 20, sectionIIRows: 40 }));
    pdfLibBytes = (await pdfLibDdor(makeTruth({ seed: 20, sectionIIRows: 40 }))).bytes;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads the untouched fixtures (so each refusal below is caused by its change)', async () => {
    expect((await readDdorPdf(chromiumBytes)).sectionII?.rows).toHaveLength(40);
    expect((await readDdorPdf(pdfLibBytes)).sectionII?.rows).toHaveLength(40);
  });

  it('refuses a PDF encrypted with a user password, but reads one with only an owner password', async () => {
    const truth = makeTruth({ seed: 22, sectionIIRows: 30 });
    const locked = await refusal(
      (await pdfKitDdor(truth, { userPassword: 'secret', ownerPassword: 'owner' })).bytes,
    );
    expect(locked.page).toBeNull();
    expect(locked.message).toMatch(/^the PDF is encrypted; it needs a password to open/);
    const copyProtected = await readDdorPdf(
      (await pdfKitDdor(truth, { ownerPassword: 'owner' })).bytes,
    );
    expect(copyProtected.sectionII?.rows).toHaveLength(30);
  });

  it('refuses truncated PDFs (cut in half), from either producer', async () => {
    for (const bytes of [chromiumBytes, pdfLibBytes]) {
      const error = await refusal(bytes.slice(0, Math.floor(bytes.length / 2)));
      expect(error.page).toBeNull();
      expect(error.message).toMatch(
        /^not a readable PDF: it ends without the "%%EOF" marker, so it is truncated/,
      );
    }
  });

  it('refuses garbage, an HTML page, an empty file and a corrupt body', async () => {
    const garbage = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 251);
    expect((await refusal(garbage)).message).toMatch(
      /^not a readable PDF: it has no PDF header \("%PDF-"\) in its first 1024 bytes/,
    );
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body>404 Not Found</body></html>');
    expect((await refusal(html)).message).toMatch(
      /not a readable PDF: .*it looks like an HTML page/,
    );
    expect((await refusal(new Uint8Array(0))).message).toBe(
      'not a readable PDF: the file is empty',
    );
    const corrupt = new Uint8Array([
      ...new TextEncoder().encode('%PDF-1.7\n'),
      ...garbage,
      ...new TextEncoder().encode('\n%%EOF\n'),
    ]);
    const error = await refusal(corrupt);
    expect(error.page).toBeNull();
    expect(error.message).toMatch(/^not a readable PDF: \S/);
  });

  it('refuses a scanned PDF, and a report with one scanned page inside it', async () => {
    const scanned = await refusal(await scannedPdf(3));
    expect(scanned.page).toBe(1);
    expect(scanned.message).toBe(
      'page 1: this page has no text, only an image: the PDF looks scanned and needs OCR; it is not read by guessing',
    );
    const mixed = await refusal(await withScannedPage(pdfLibBytes, 3));
    expect(mixed.page).toBe(3);
    expect(mixed.message).toMatch(
      /^page 3: this page has no text, only an image: the PDF looks scanned/,
    );
  });

  it('refuses a PDF that is not a DDOR', async () => {
    const error = await refusal(await notDdorPdf());
    expect(error.page).toBe(1);
    expect(error.message).toBe(
      "page 1: this is not a Declined Detainer Outcome Report: no title 'Weekly Declined Detainer Outcome Report … For Recorded Declined Detainers <dates>' found",
    );
  });

  it('refuses a title whose dates it cannot read, rather than guess the period', async () => {
    const truth = truthWith(
      (t) =>
        (t.titleLines[2] = 'For Recorded Declined Detainers during the first week of the year'),
    );
    const error = await refusal((await pdfLibDdor(truth)).bytes);
    expect(error.page).toBe(1);
    expect(error.message).toMatch(/^page 1: the title gives the period as "during the first week/);
  });

  it('refuses a Section II heading without its table header, naming the heading’s page', async () => {
    const { bytes, plan } = await pdfLibDdor(makeTruth({ seed: 23, sectionIIRows: 40 }), {
      omitSectionIIHeader: true,
    });
    const error = await refusal(bytes);
    expect(error.page).toBe(plan.headingPages.II);
    expect(error.message).toBe(
      `page ${plan.headingPages.II}: Section II starts here, but its table header (State, County, Facility, …) was not found`,
    );
  });

  it('refuses Section II rows that disagree with the total the report prints (sentence or Total row)', async () => {
    for (const sectionIITotal of ['sentence', 'total-row'] as const) {
      const truth = truthWith((t) => {
        t.style.sectionIITotal = sectionIITotal;
        t.sectionIIPrintedTotal = t.sectionII.length + 1;
      });
      const { bytes, plan } = await pdfLibDdor(truth);
      const printed =
        sectionIITotal === 'sentence'
          ? `recorded ${truth.sectionIIPrintedTotal} declined`
          : 'Total';
      const page = plan.runs.find((r) => r.text.includes(printed))!.page;
      const error = await refusal(bytes);
      expect(error.page).toBe(page);
      expect(error.message).toBe(
        `page ${page}: Section II lists ${truth.sectionII.length} declined detainers, but the report prints ${truth.sectionIIPrintedTotal}`,
      );
    }
  });

  it('refuses Section I rows that disagree with "(N to these ten jurisdictions"', async () => {
    const truth = truthWith((t) => (t.sectionIPrintedTotal += 5));
    const sum = truth.sectionI.reduce((s, r) => s + r.issued, 0);
    const { bytes, plan } = await pdfLibDdor(truth);
    const page = plan.runs.find((r) => r.text.includes(`(${truth.sectionIPrintedTotal} to`))!.page;
    const error = await refusal(bytes);
    expect(error.message).toBe(
      `page ${page}: Section I rows add up to ${sum}, but the report prints ${sum + 5}`,
    );
    // Chromium lays it out differently; the refusal is the same.
    const fromChromium = await refusal(await chromiumDdor(browser, truth));
    expect(fromChromium.message).toMatch(
      new RegExp(`^page \\d+: Section I rows add up to ${sum}, but the report prints ${sum + 5}$`),
    );
  });

  it('refuses a Section II row whose date is not a real date, quoting the row', async () => {
    const truth = truthWith((t) => (t.sectionII[7]!.issued = '2017-02-31'));
    const { bytes, plan } = await pdfLibDdor(truth);
    const printed = printedDate('2017-02-31', truth.style, 7);
    const error = await refusal(bytes);
    expect(error.page).toBe(plan.sectionIIRowPages[7]);
    expect(error.message).toMatch(
      new RegExp(
        `^page ${plan.sectionIIRowPages[7]}: Section II row ".*${printed}.*": "${printed}" under Detainer Issued is not a date \\(M/D/YYYY or YYYY-MM-DD\\)$`,
      ),
    );
    expect(error.message).toContain(printedSectionII(truth)[7]![2]!.split(' ')[0]);
  });
});
