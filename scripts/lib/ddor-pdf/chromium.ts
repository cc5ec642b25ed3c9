/**
 * The HTML reconstruction printed to PDF by Chromium (playwright-core's page.pdf). The caller
 * owns the browser, so one Chromium can print many fixtures and scripts need no test helper.
 */
import type { Browser } from 'playwright-core';
import { ddorHtml } from './html.ts';
import type { HtmlOptions } from './html.ts';
import type { DdorTruth } from './truth.ts';

export interface ChromiumOptions extends HtmlOptions {
  /** "Page N of M" in the page footer, drawn by Chromium. */
  pageNumbers?: boolean;
}

export async function chromiumDdor(
  browser: Browser,
  truth: DdorTruth,
  options: ChromiumOptions = {},
): Promise<Uint8Array> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.setContent(ddorHtml(truth, options), { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'Letter',
      landscape: truth.style.orientation === 'landscape',
      margin: { top: '0.75in', bottom: '0.75in', left: '0.6in', right: '0.6in' },
      printBackground: true,
      displayHeaderFooter: options.pageNumbers ?? false,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8pt;width:100%;text-align:center;font-family:serif">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}
