import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serveSite } from '../helpers/browser.ts';
import { FIXTURE_DIST, ROOT } from '../helpers/site.ts';

const NOT_FOUND = '/no-such-page/';
const PAGE_TYPES: [name: string, path: string][] = [
  ['home', '/'],
  ['reports', '/weeks/'],
  ['week', '/weeks/2020-01-04/'],
  ['jurisdictions', '/jurisdictions/'],
  ['jurisdiction', '/jurisdictions/tx-travis-county/'],
  ['state', '/states/tx/'],
  ['corrections', '/corrections/'],
  ['methodology', '/methodology/'],
  ['about', '/about/'],
  ['data', '/data/'],
  ['not-found', NOT_FOUND],
];
const SCREENSHOTS = join(ROOT, 'test-output/screenshots');

let browser: Browser;
let site: Awaited<ReturnType<typeof serveSite>>;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), serveSite(FIXTURE_DIST)]);
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens a page and collects what the console reports as errors. */
async function open(path: string, options: { javaScriptEnabled?: boolean; width?: number } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // The not-found page is itself served with status 404, which Chromium logs; nothing else may fail.
    const ownStatus = path === NOT_FOUND && message.text().includes('404');
    if (message.type() === 'error' && !ownStatus) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.origin}${path}`);
  return { page, errors, close: () => context.close() };
}

const heading = (page: Page) => page.locator('h1').innerText();

describe('every page type in Chromium', () => {
  it.each(PAGE_TYPES)('%s: no axe violations, no console errors', async (_, path) => {
    const { page, errors, close } = await open(path);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it.each(PAGE_TYPES)(
    '%s: renders its main content without JavaScript, at phone and desktop width',
    async (name, path) => {
      for (const width of [390, 1280]) {
        const { page, close } = await open(path, { javaScriptEnabled: false, width });
        expect(await heading(page)).not.toBe('');
        await expect.poll(() => page.locator('main').isVisible()).toBe(true);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        await close();
      }
    },
  );
});

describe('a reader walking the site', () => {
  it('goes from the home page to a report, a jurisdiction, its state, and back', async () => {
    const { page, errors, close } = await open('/');
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('link', { name: 'Jan 4 – Jan 10, 2020' }).first().click();
    expect(new URL(page.url()).pathname).toBe('/weeks/2020-01-04/');
    expect(await heading(page)).toContain('Jan 4 – Jan 10, 2020');
    await page.getByRole('link', { name: 'Travis County, TX' }).first().click();
    expect(new URL(page.url()).pathname).toBe('/jurisdictions/tx-travis-county/');
    expect(await heading(page)).toBe('Travis County, TX');
    await page.getByRole('link', { name: 'Texas' }).first().click();
    expect(new URL(page.url()).pathname).toBe('/states/tx/');
    expect(await heading(page)).toBe('Texas');
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/jurisdictions/tx-travis-county/');
    expect(errors).toEqual([]);
    await close();
  });
});
