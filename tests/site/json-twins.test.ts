import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPages } from '../helpers/built-site.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readDataCsv, readPage, readText } from '../helpers/site.ts';

const SITE = 'https://declined-detainer-archive.github.io';
const ENTITY_PAGE = /^\/(weeks\/\d{4}-\d{2}-\d{2}|jurisdictions\/[^/]+|states\/[a-z]{2})\/$/;
const csv = (path: string) => readDataCsv(FIXTURE_DATA, path).data;
const count = (cell: string | undefined) => (cell ? Number(cell) : null);

/** The twin a page links as `rel="alternate" type="application/json"`, parsed. */
function twinOf(path: string): { href: string; json: Record<string, unknown> } {
  const link = readPage(FIXTURE_DIST, path).querySelector(
    'link[rel="alternate"][type="application/json"]',
  );
  expect(link, path).not.toBeNull();
  const href = link!.getAttribute('href')!;
  return { href, json: JSON.parse(readText(FIXTURE_DIST, href)) };
}

describe('the JSON twin of every entity page', () => {
  const entityPages = listPages(FIXTURE_DIST).filter((path) => ENTITY_PAGE.test(path));

  it('exists beside each report, jurisdiction and state page, and names the page', () => {
    expect(entityPages.length).toBeGreaterThan(5);
    for (const path of entityPages) {
      const { href, json } = twinOf(path);
      expect(href).toBe(`${path.slice(0, -1)}.json`);
      expect(json['page']).toBe(`${SITE}${path}`);
    }
    // No other page claims a twin.
    for (const path of listPages(FIXTURE_DIST).filter((p) => !ENTITY_PAGE.test(p))) {
      expect(
        readPage(FIXTURE_DIST, path).querySelector('link[type="application/json"]'),
        path,
      ).toBeNull();
    }
  });

  it('gives a report the figures of its report.json and the rows of its jurisdictions.csv', () => {
    for (const start of readdirSync(join(FIXTURE_DATA, 'reports'))) {
      const { json } = twinOf(`/weeks/${start}/`);
      const report = JSON.parse(
        readFileSync(join(FIXTURE_DATA, 'reports', start, 'report.json'), 'utf8'),
      ) as { figures: Record<string, { value: number | null; source: string | null }> };
      const figures = json['figures'] as { field: string | null; value: number | null }[];
      for (const [name, figure] of Object.entries(report.figures)) {
        expect(
          figures.find((f) => f.field === name),
          `${start} ${name}`,
        ).toMatchObject({ value: figure.value });
      }
      const rows = csv(`reports/${start}/jurisdictions.csv`);
      const twinRows = json['declined_by_jurisdiction'] as {
        jurisdiction: string;
        count: unknown;
      }[];
      expect(new Set(twinRows.map((r) => r.jurisdiction))).toEqual(
        new Set(rows.map((r) => r['jurisdiction'])),
      );
      for (const row of rows) {
        expect(twinRows.find((r) => r.jurisdiction === row['jurisdiction'])!.count).toBe(
          count(row['declined']),
        );
      }
    }
  });

  it("gives a jurisdiction every report's counts for it, as the CSV files have them", () => {
    const weeks = readdirSync(join(FIXTURE_DATA, 'reports')).sort();
    for (const { id } of csv('jurisdictions.csv') as { id: string }[]) {
      const named = weeks.flatMap((week) =>
        csv(`reports/${week}/jurisdictions.csv`)
          .filter((row) => row['jurisdiction'] === id)
          .map((row) => ({
            report: week,
            issued: count(row['issued']),
            declined: count(row['declined']),
          })),
      );
      if (!listPages(FIXTURE_DIST).includes(`/jurisdictions/${id}/`)) continue;
      const { json } = twinOf(`/jurisdictions/${id}/`);
      expect(json['appearances']).toEqual(named.map((n) => expect.objectContaining(n)));
    }
  });

  it('gives a state its jurisdictions', () => {
    const gazetteer = csv('jurisdictions.csv');
    for (const path of entityPages.filter((p) => p.startsWith('/states/'))) {
      const usps = path.split('/')[2]!.toUpperCase();
      const { json } = twinOf(path);
      const ids = (json['jurisdictions'] as { id: string }[]).map((j) => j.id);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        expect(gazetteer.find((row) => row['id'] === id)?.['state']).toBe(usps);
      }
    }
  });

  it('is listed on /data/', () => {
    const text = readPage(FIXTURE_DIST, '/data/').querySelector('main')!.textContent!;
    for (const pattern of [
      'weeks/YYYY-MM-DD.json',
      'jurisdictions/<id>.json',
      'states/<usps>.json',
    ]) {
      expect(text).toContain(pattern);
    }
  });
});
