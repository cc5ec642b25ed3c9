import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browseBuiltSite } from '../helpers/browser.ts';
import { resolves } from '../helpers/built-site.ts';
import { pagePolicy } from '../helpers/csp.ts';
import { FIXTURE_DIST, readPage, TEST_OUTPUT } from '../helpers/site.ts';

/**
 * Every page type, with what its main content is: the selector that must be visible with
 * JavaScript off (a table or figure where the page has data, the prose otherwise).
 */
const PAGE_TYPES: [name: string, path: string, content: string][] = [
  ['home', '/', 'main table, main figure'],
  ['weeks', '/weeks/', 'main table'],
  ['week', '/weeks/2020-01-04/', 'main table, main figure'],
  ['compare', '/weeks/2020-01-04/vs/2020-01-11/', 'main table, main figure'],
  ['jurisdictions', '/jurisdictions/', 'main table'],
  ['jurisdiction', '/jurisdictions/tx-travis-county/', 'main table, main figure'],
  ['state', '/states/tx/', 'main table, main figure'],
  ['corrections', '/corrections/', 'main table'],
  ['methodology', '/methodology/', 'main p'],
  ['about', '/about/', 'main p'],
  ['search', '/search/', 'main p, main nav'],
  ['not-found', '/404.html', 'main p'],
  ...(resolves(FIXTURE_DIST, '/data/')
    ? [['data', '/data/', 'main table'] as [string, string, string]]
    : []),
];
const SCREENSHOTS = join(TEST_OUTPUT, 'screenshots');

const { open } = browseBuiltSite(FIXTURE_DIST);

beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

const heading = async (page: Page) => (await page.locator('h1').innerText()).trim();
const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('every page type in Chromium', () => {
  it.each(PAGE_TYPES)('%s: no axe violations, no console errors', async (_, path) => {
    const { page, response, errors, close } = await open(path);
    expect(response?.status()).toBe(200);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it.each(PAGE_TYPES)(
    '%s: a strict Content-Security-Policy that nothing on it violates',
    async (_, path) => {
      expect(pagePolicy(readPage(FIXTURE_DIST, path)).problems).toEqual([]);
      for (const javaScriptEnabled of [true, false]) {
        // Without scripting Chromium loads lazy images at once, so their sources are checked too.
        const { csp, close } = await open(path, { javaScriptEnabled });
        expect(await csp.violations()).toEqual([]);
        await close();
      }
    },
  );

  it.each(PAGE_TYPES)(
    '%s: shows its heading and main content without JavaScript, at phone and desktop width',
    async (name, path, content) => {
      for (const width of [390, 1280]) {
        const { page, close } = await open(path, { javaScriptEnabled: false, width });
        await expect.poll(() => page.locator('h1').isVisible()).toBe(true);
        expect(await heading(page)).not.toBe('');
        await expect.poll(() => page.locator(content).first().isVisible()).toBe(true);
        // Nothing wider than the viewport: the page itself never scrolls sideways (wide tables
        // scroll inside their own box).
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
        const file = join(SCREENSHOTS, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(existsSync(file) && statSync(file).size > 1000).toBe(true);
        await close();
      }
    },
  );

  it('answers an unknown path with the site 404 page and status 404', async () => {
    const { page, response, close } = await open('/no-such-page/');
    expect(response?.status()).toBe(404);
    expect(await heading(page)).toBe('Page not found');
    await close();
  });
});

describe('a reader walking the site', () => {
  it('goes from the home page to a report, a jurisdiction, its state, and back', async () => {
    const { page, errors, close } = await open('/');
    expect(await heading(page)).toBe('Declined Detainer Archive');

    await page.locator('main').getByRole('link', { name: 'Jan 4 – Jan 10, 2020' }).first().click();
    await page.waitForURL('**/weeks/2020-01-04/');
    expect(pathOf(page)).toBe('/weeks/2020-01-04/');
    expect(await heading(page)).toBe('Declined Detainer Outcome Report, Jan 4 – Jan 10, 2020');

    await page.locator('main').getByRole('link', { name: 'Travis County, TX' }).first().click();
    await page.waitForURL('**/jurisdictions/tx-travis-county/');
    expect(pathOf(page)).toBe('/jurisdictions/tx-travis-county/');
    expect(await heading(page)).toBe('Travis County, TX');

    await page.locator('main').getByRole('link', { name: 'Texas', exact: true }).first().click();
    await page.waitForURL('**/states/tx/');
    expect(pathOf(page)).toBe('/states/tx/');
    expect(await heading(page)).toBe('Texas');

    await page.goBack();
    expect(pathOf(page)).toBe('/jurisdictions/tx-travis-county/');
    expect(await heading(page)).toBe('Travis County, TX');
    await page.goBack();
    expect(pathOf(page)).toBe('/weeks/2020-01-04/');

    // The report's neighbour link goes on to the next report.
    await page.locator('a[rel="next"]').click();
    await page.waitForURL('**/weeks/2020-01-11/');
    expect(await heading(page)).toBe('Declined Detainer Outcome Report, Jan 11 – Jan 17, 2020');
    expect(errors).toEqual([]);
    await close();
  });
});
