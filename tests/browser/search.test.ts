import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browseBuiltSite } from '../helpers/browser.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readDataCsv } from '../helpers/site.ts';

const gazetteer = readDataCsv(FIXTURE_DATA, 'jurisdictions.csv').data;
/** The fixture's jurisdictions with aliases: each is searched by its name and by each alias. */
const withAliases = gazetteer.filter((row) => row['aliases']);

const { open } = browseBuiltSite(FIXTURE_DIST);

/** The result links once the live region has answered the current query. */
async function resultLinks(page: Page, query: string): Promise<string[]> {
  await page.locator('#search-status').filter({ hasText: query }).waitFor();
  return page
    .locator('#search-results li > a')
    .evaluateAll((links) =>
      links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
    );
}

describe('site search in Chromium', () => {
  it('lists a jurisdiction first when its name is typed, and again for each alias', async () => {
    expect(withAliases.length).toBeGreaterThan(0);
    const { page, errors, csp, close } = await open('/search/');
    for (const row of withAliases) {
      for (const query of [row['name']!, ...row['aliases']!.split('|')]) {
        await page.locator('#search-query').fill(query);
        const links = await resultLinks(page, query);
        expect(links[0], query).toBe(`/jurisdictions/${row['id']}/`);
      }
    }
    expect(await csp.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('searches the query in the address, narrows by state, and passes axe with results shown', async () => {
    const { page, errors, csp, close } = await open('/search/?q=County');
    const all = await resultLinks(page, 'County');
    expect(all.length).toBeGreaterThan(1);
    expect(await page.locator('#search-query').inputValue()).toBe('County');
    await page.locator('#search-state').selectOption('Texas');
    await page.locator('#search-status').filter({ hasText: /found/ }).waitFor();
    await page.waitForFunction(
      (count) => document.querySelectorAll('#search-results li').length < count,
      all.length,
    );
    const texas = await resultLinks(page, 'County');
    const texasIds = gazetteer.filter((row) => row['state'] === 'TX').map((row) => row['id']);
    expect(texas.length).toBeGreaterThan(0);
    for (const link of texas) {
      const id = /^\/jurisdictions\/([^/]+)\/$/.exec(link)?.[1];
      if (id) expect(texasIds).toContain(id);
      else expect(link).toMatch(/^\/(?:weeks\/[\d-]+|states\/tx)\/$/);
    }
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
    expect(await csp.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('takes a reader from the header box on a report page to the results', async () => {
    const name = withAliases[0]!['name']!;
    const { page, close } = await open('/weeks/2020-01-04/');
    await page.locator('#site-search-query').fill(name);
    await page.locator('#site-search-query').press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(name);
    expect((await resultLinks(page, name))[0]).toBe(`/jurisdictions/${withAliases[0]!['id']}/`);
    await close();
  });

  it('without JavaScript, the header box leads to a page that says so and links every state', async () => {
    const { page, errors, close } = await open('/weeks/2020-01-04/', { javaScriptEnabled: false });
    await page.locator('#site-search-query').fill('Travis');
    await page.locator('#site-search-query').press('Enter');
    await page.waitForURL(/\/search\/\?q=Travis/);
    await expect(page.locator('#search-needs-script').isVisible()).resolves.toBe(true);
    const states = [...new Set(gazetteer.map((row) => row['state']!.toLowerCase()))];
    for (const state of states) {
      await expect(page.locator(`main a[href="/states/${state}/"]`).count()).resolves.toBe(1);
    }
    await expect(page.locator('main a[href="/jurisdictions/"]').count()).resolves.toBe(1);
    await page.locator('main a[href="/jurisdictions/"]').click();
    await page.waitForURL(/\/jurisdictions\/$/);
    expect(errors).toEqual([]);
    await close();
  });
});
