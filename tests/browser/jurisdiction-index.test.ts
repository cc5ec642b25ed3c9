import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browseBuiltSite } from '../helpers/browser.ts';
import { FIXTURE_DIST } from '../helpers/site.ts';

interface ApiJurisdiction {
  name: string;
  state: string;
  aliases: string[];
  totals: { declined: number | null; reports: number };
}

/** The jurisdictions as the JSON API gives them: what the table must hold, sorted another way. */
const api = JSON.parse(readFileSync(join(FIXTURE_DIST, 'api/jurisdictions.json'), 'utf8')) as {
  jurisdictions: ApiJurisdiction[];
};

const { open } = browseBuiltSite(FIXTURE_DIST);

/** The names of the rows a reader sees, top to bottom. */
const visibleNames = (page: Page) =>
  page
    .locator('#jurisdiction-index tbody tr:visible th[scope="row"]')
    .evaluateAll((cells) => cells.map((cell) => cell.textContent!.trim()));

describe('the jurisdiction index in Chromium', () => {
  it('without JavaScript shows every jurisdiction and no control that would do nothing', async () => {
    const { page, close } = await open('/jurisdictions/', { javaScriptEnabled: false });
    expect((await visibleNames(page)).sort()).toEqual(api.jurisdictions.map((j) => j.name).sort());
    await expect(page.locator('#jurisdiction-query').isVisible()).resolves.toBe(false);
    await expect(page.locator('#jurisdiction-index button').count()).resolves.toBe(0);
    await close();
  });

  it('filters as the reader types, by name, alias and state, and restores all rows', async () => {
    const { page, errors, csp, close } = await open('/jurisdictions/');
    const input = page.locator('#jurisdiction-query');
    const withAlias = api.jurisdictions.find((j) => j.aliases.length)!;
    const cases = [
      { query: withAlias.name, expected: (j: ApiJurisdiction) => j.name.includes(withAlias.name) },
      {
        query: withAlias.aliases[0]!,
        expected: (j: ApiJurisdiction) =>
          j.aliases.includes(withAlias.aliases[0]!) || j.name === withAlias.aliases[0],
      },
    ];
    for (const { query, expected } of cases) {
      await input.fill(query);
      const names = await visibleNames(page);
      expect(names.sort(), query).toEqual(
        api.jurisdictions
          .filter(expected)
          .map((j) => j.name)
          .sort(),
      );
      await expect(page.locator('#jurisdiction-shown').textContent()).resolves.toContain(
        `${names.length} of ${api.jurisdictions.length}`,
      );
    }
    await input.fill('no such place anywhere');
    expect(await visibleNames(page)).toEqual([]);
    await input.fill('');
    expect((await visibleNames(page)).length).toBe(api.jurisdictions.length);
    expect(await csp.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('sorts by each column from its header button, unknown totals last, with aria-sort', async () => {
    const { page, errors, csp, close } = await open('/jurisdictions/');
    const header = (label: RegExp) =>
      page.locator('#jurisdiction-index thead th', {
        has: page.getByRole('button', { name: label }),
      });
    const click = (label: RegExp) => page.getByRole('button', { name: label }).click();
    const known = api.jurisdictions.filter((j) => j.totals.declined !== null);
    const unknown = api.jurisdictions.filter((j) => j.totals.declined === null);
    expect(unknown.length).toBeGreaterThan(0);

    // The first click sorts largest first, the second smallest first; unknown totals stay last.
    for (const [direction, sign] of [
      ['descending', -1],
      ['ascending', 1],
    ] as const) {
      await click(/^Declined/);
      await expect(header(/^Declined/).getAttribute('aria-sort')).resolves.toBe(direction);
      const values = (await visibleNames(page)).map(
        (name) => api.jurisdictions.find((j) => j.name === name)!.totals.declined,
      );
      expect(values.slice(0, known.length)).toEqual(
        known.map((j) => j.totals.declined).sort((a, b) => sign * (a! - b!)),
      );
      expect(values.slice(known.length).every((value) => value === null)).toBe(true);
    }

    await click(/^Jurisdiction/);
    await expect(header(/^Jurisdiction/).getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect(header(/^Declined/).getAttribute('aria-sort')).resolves.toBeNull();
    expect(await visibleNames(page)).toEqual(
      api.jurisdictions.map((j) => j.name).sort((a, b) => a.localeCompare(b, 'en')),
    );

    await click(/^Reports naming/);
    const reports = (await visibleNames(page)).map(
      (name) => api.jurisdictions.find((j) => j.name === name)!.totals.reports,
    );
    expect(reports).toEqual([...reports].sort((a, b) => b - a));

    await click(/^State/);
    await expect(header(/^State/).getAttribute('aria-sort')).resolves.toBe('ascending');
    const states = await page
      .locator('#jurisdiction-index tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['state']!));
    expect(states).toEqual([...states].sort((a, b) => a.localeCompare(b, 'en')));

    await page.locator('#jurisdiction-query').fill('County');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
    expect(await csp.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
