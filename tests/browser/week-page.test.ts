import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browseBuiltSite } from '../helpers/browser.ts';
import { buildSite, readDataCsv, ROOT, TEST_OUTPUT } from '../helpers/site.ts';

/** The shipped 2017 reports, whose first report is the longest page of the site. */
const SHIPPED = join(ROOT, 'data');
const DIST = join(TEST_OUTPUT, 'shipped/dist');
const FIRST = readdirSync(join(SHIPPED, 'reports')).sort()[0]!;
const PAGE = `/weeks/${FIRST}/`;
/** The target for the first report on a 390 px phone (it was 35,192 px). */
const HEIGHT_TARGET = 12_000;

const csv = (path: string) => readDataCsv(SHIPPED, path).data;
const jurisdictions = csv(`reports/${FIRST}/jurisdictions.csv`);
const declined = csv(`reports/${FIRST}/declined.csv`);
const policies = csv('policies.csv').filter((row) => row['first_report']! <= FIRST);
const corrections = csv('corrections.csv').filter((row) => row['report'] === FIRST);
const caveats = (
  JSON.parse(readFileSync(join(SHIPPED, 'reports', FIRST, 'report.json'), 'utf8')) as {
    caveats: unknown[];
  }
).caveats;

beforeAll(async () => {
  await buildSite(SHIPPED, DIST);
});

const { open } = browseBuiltSite(DIST);

const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

/** The body rows of the table with this caption. */
const rowsOf = (page: Page, caption: string) =>
  page
    .locator('main table', { has: page.locator('caption', { hasText: caption }) })
    .locator('tbody tr');

/** Everything of the data the page must hold, each as the elements that show it. */
function dataParts(page: Page) {
  const declinedSection = page.locator('section[aria-labelledby="declined"]');
  const policiesSection = page.locator('section[aria-labelledby="policies"]');
  return {
    // Every row of the report's jurisdictions, in the table or the list of names, by its anchor.
    jurisdictions: [
      declinedSection.locator('[id^="jurisdiction-"]'),
      jurisdictions.length,
    ] as const,
    sectionI: [
      rowsOf(page, 'Detainers issued (Section I)'),
      jurisdictions.filter((row) => row['issued_rank']).length,
    ] as const,
    sectionII: [rowsOf(page, 'Section II rows as transcribed'), declined.length] as const,
    policies: [policiesSection.locator('tbody tr, .names li'), policies.length] as const,
    caveats: [page.locator('section[aria-labelledby="caveats"] .caveat'), caveats.length] as const,
    corrections: [
      rowsOf(page, 'Corrections and disputes touching this report'),
      corrections.length,
    ] as const,
  };
}

describe(`the first report's page (${PAGE}) on the shipped data`, () => {
  it(`is at most ${HEIGHT_TARGET.toLocaleString('en-US')} CSS px tall on a 390 px phone`, async () => {
    const heights: Record<string, number> = {};
    const screenshots = join(TEST_OUTPUT, 'screenshots');
    mkdirSync(screenshots, { recursive: true });
    for (const width of [390, 360, 1280]) {
      const { page, close } = await open(PAGE, { width, javaScriptEnabled: false });
      heights[width] = await height(page);
      await page.screenshot({
        path: join(screenshots, `week-${FIRST}-${width}.png`),
        fullPage: true,
      });
      await close();
    }
    // A layout measure, written with the test output for the record.
    writeFileSync(
      join(TEST_OUTPUT, 'week-height.json'),
      `${JSON.stringify({ page: PAGE, heights })}\n`,
    );
    console.log(`${PAGE} height by viewport width:`, heights);
    expect(heights[390]).toBeLessThanOrEqual(HEIGHT_TARGET);
    expect(heights[1280]).toBeLessThan(heights[390]!);
  });

  it('holds every row of the data, and its contents list links every section in order', async () => {
    const { page, close } = await open(PAGE, { width: 390, javaScriptEnabled: false });
    for (const [name, [locator, expected]] of Object.entries(dataParts(page))) {
      expect(await locator.count(), name).toBe(expected);
    }
    expect(policies.length).toBeGreaterThan(20);
    expect(corrections.length).toBeGreaterThan(3);
    const links = await page
      .locator('main nav.contents a')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    const sections = await page
      .locator('main section > h2[id]')
      .evaluateAll((headings) => headings.map((h) => `#${h.id}`));
    expect(links).toEqual(sections);
    expect(links.length).toBeGreaterThan(8);
    await close();
  });

  it('folds its long secondary parts, and prints them whole', async () => {
    const { page, close } = await open(PAGE, { width: 390, javaScriptEnabled: false });
    const folded = page.locator('main details:not([open])');
    expect(await folded.count()).toBeGreaterThan(3);
    const shown = (locator: ReturnType<Page['locator']>) =>
      locator.evaluateAll((elements) =>
        elements.map((element) => {
          const box = element.getBoundingClientRect();
          return element.checkVisibility() && box.height > 0 && box.width > 0;
        }),
      );
    // On screen, a folded part's rows take no room until opened.
    expect(
      await shown(rowsOf(page, 'Corrections and disputes touching this report')),
    ).not.toContain(true);
    await page.emulateMedia({ media: 'print' });
    for (const [name, [locator, expected]] of Object.entries(dataParts(page))) {
      expect(await shown(locator), `${name} in print`).toEqual(Array(expected).fill(true));
    }
    // And everything else a folded part holds: figures, chart tables, downloads.
    const inFolds = await shown(
      page.locator('main details > :not(summary) :is(tbody tr, li, .figure)'),
    );
    expect(inFolds.length).toBeGreaterThan(20);
    expect(inFolds).not.toContain(false);
    await close();
  });

  it('opens a folded part when a link leads into it, as a correction mark does', async () => {
    const { page, close } = await open(PAGE, { width: 390, javaScriptEnabled: false });
    // The first mark whose correction is in a folded part of this page.
    const index = await page.locator('a.correction-mark').evaluateAll((marks) =>
      marks.findIndex((mark) => {
        const { hash, pathname } = new URL((mark as HTMLAnchorElement).href);
        const target = document.getElementById(hash.slice(1));
        return pathname === location.pathname && target?.closest('details:not([open])');
      }),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const mark = page.locator('a.correction-mark').nth(index);
    const row = page.locator(`[id="${(await mark.getAttribute('href'))!.split('#')[1]}"]`);
    await expect(row.isVisible()).resolves.toBe(false);
    await mark.click();
    await expect.poll(() => row.isVisible()).toBe(true);
    await expect(
      row.evaluate((element) => (element.closest('details') as HTMLDetailsElement).open),
    ).resolves.toBe(true);
    await close();
  });
});
