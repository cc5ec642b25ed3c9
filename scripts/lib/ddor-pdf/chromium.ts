/**
 * The HTML reconstruction printed to PDF by Chromium (playwright-core's page.pdf). The caller
 * owns the browser, so one Chromium can print many fixtures and scripts need no test helper.
 */
import type { Browser } from 'playwright-core';
import { ddorHtml } from './html.ts';
import type { HtmlOptions } from './html.ts';
import type { Footer } from './plan.ts';
import type { DdorTruth } from './truth.ts';

export interface ChromiumOptions extends HtmlOptions {
  /** "Page N of M" in the page footer, drawn by Chromium. */
  pageNumbers?: boolean;
  /** Another footer form, with `footerLabel` beside the number for 'label-page'. */
  footer?: Footer;
  footerLabel?: string | null;
  /** A running header on every page, with `runningHeaderRight` at its right. */
  runningHeader?: string | null;
  runningHeaderRight?: string | null;
  paper?: 'letter' | 'a4';
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function footerTemplate(options: ChromiumOptions): string | null {
  const footer = options.footer ?? (options.pageNumbers ? 'page-of' : 'none');
  if (footer === 'none') return null;
  const number = '<span class="pageNumber"></span>';
  const text =
    footer === 'number'
      ? number
      : footer === 'dashed'
        ? `- ${number} -`
        : footer === 'label-page' && options.footerLabel
          ? `${escape(options.footerLabel)} | Page ${number} of <span class="totalPages"></span>`
          : `Page ${number} of <span class="totalPages"></span>`;
  return `<div style="font-size:8pt;width:100%;text-align:center;font-family:serif">${text}</div>`;
}

function headerTemplate(options: ChromiumOptions): string | null {
  if (!options.runningHeader && !options.runningHeaderRight) return null;
  return `<div style="font-size:8pt;width:100%;margin:0 0.6in;display:flex;justify-content:space-between;font-family:sans-serif"><span>${escape(options.runningHeader ?? '')}</span><span>${escape(options.runningHeaderRight ?? '')}</span></div>`;
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
    const footer = footerTemplate(options);
    const header = headerTemplate(options);
    const pdf = await page.pdf({
      format: options.paper === 'a4' ? 'A4' : 'Letter',
      landscape: truth.style.orientation === 'landscape',
      margin: { top: '0.75in', bottom: '0.75in', left: '0.6in', right: '0.6in' },
      printBackground: true,
      displayHeaderFooter: footer !== null || header !== null,
      headerTemplate: header ?? '<span></span>',
      footerTemplate: footer ?? '<span></span>',
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}
