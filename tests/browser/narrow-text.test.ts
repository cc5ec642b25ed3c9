import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browseBuiltSite } from '../helpers/browser.ts';
import { listPages } from '../helpers/built-site.ts';
import { FIXTURE_DIST } from '../helpers/site.ts';

/** Every page type, at the widths of the narrowest phones in use. */
const PAGES = listPages(FIXTURE_DIST).filter(
  // One comparison and one jurisdiction stand for the rest of their kind.
  (path) => !/\/vs\//.test(path) || path === '/weeks/2020-01-04/vs/2020-01-11/',
);
const WIDTHS = [320, 360, 400];

const { open } = browseBuiltSite(FIXTURE_DIST);

/**
 * Every word of the page's main text that is broken across lines although it would fit on one:
 * a column or box laid out narrower than its longest word ("0 (1 report names it …" broken one
 * letter per line). A word wider than the page's text column (a long address) may break.
 */
const brokenWords = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector('main')!;
    const style = getComputedStyle(main);
    const column =
      main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const found: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      if (parent.closest('.visually-hidden') || !parent.checkVisibility()) continue;
      // A line may break at a space or after a hyphen ("non-cooperative"); not within a word.
      for (const match of (node.textContent ?? '').matchAll(/[^\s\-\u2010-\u2014]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (lines.size > 1 && width < column) {
          found.push(`"${match[0]}" in ${parent.tagName.toLowerCase()}.${parent.className}`);
        }
      }
    }
    return found;
  });

describe.each(WIDTHS)('at %i CSS px', (width) => {
  it.each(PAGES)('%s: no word is broken that would fit on a line', async (path) => {
    const { page, close } = await open(path, { width, javaScriptEnabled: false });
    await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
    });
    expect(await brokenWords(page), path).toEqual([]);
    await close();
  });
});
