import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  jurisdictionsIndex,
  weekDetail,
  weekIndexEntry,
  weeksIndex,
} from '../../src/lib/output/api.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import type { GazetteerRow } from '../../src/lib/contract/schema.ts';
import { buildSiteModel } from '../../src/lib/model/site-model.ts';
import { absoluteUrl, siteLinks } from '../../src/lib/output/urls.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readDataCsv, readText } from '../helpers/site.ts';

const SITE = 'https://declined-detainer-archive.github.io/';
const link = (path: string) => absoluteUrl(SITE, '/', path);
const dataset = loadDataset(FIXTURE_DATA);
const model = buildSiteModel(dataset);
const readJson = (path: string): unknown => JSON.parse(readText(FIXTURE_DIST, path));

describe('JSON API pure functions', () => {
  it("lists every report's meta and headline figures, oldest first", () => {
    const { weeks } = weeksIndex(model, link);
    expect(weeks.map((w) => w.start)).toEqual(['2020-01-04', '2020-01-11', '2020-01-18']);
    expect(weeks[0]).toMatchObject({
      end: '2020-01-10',
      published: '2020-02-03',
      coverage: 'complete',
      jurisdictions: 3,
      declined_rows: 7,
      corrections: 2,
      page: `${SITE}weeks/2020-01-04/`,
      api: `${SITE}api/weeks/2020-01-04.json`,
    });
    expect(weeks[0]!.figures).toEqual({
      detainers_issued: 1000,
      declined_total: 7,
      states_with_declines: 1,
      facilities_with_declines: null,
      section_i_total: 30,
      section_iii_entries: null,
      pages: 10,
    });
  });

  it('says null, not 0, for a report without transcribed Section II rows', () => {
    const entry = weekIndexEntry(model.weekByStart.get('2020-01-11')!, link);
    expect(entry.declined_rows).toBeNull();
    expect(entry.coverage_note).toMatch(/^Only two jurisdictions/);
  });

  it('gives one report with its rows as the loader read them', () => {
    const detail = weekDetail(model.weekByStart.get('2020-01-04')!, link);
    const report = dataset.reports[0]!;
    expect(detail.meta).toEqual(report.meta);
    expect(detail.jurisdictions).toEqual(report.jurisdictions);
    expect(detail.declined).toEqual(report.declined);
    expect(detail.corrections.map((c) => c.id).sort()).toEqual([
      'fixture-travis-dispute',
      'fixture-williamson-withdrawal',
    ]);
  });

  it("totals Travis County's declined counts over the reports naming it", () => {
    const travis = jurisdictionsIndex(model, link).jurisdictions.find(
      (j) => j.id === 'tx-travis-county',
    )!;
    expect(travis.appearances.map((a) => [a.report, a.declined])).toEqual([
      ['2020-01-04', 5],
      ['2020-01-11', 1],
      ['2020-01-18', 1],
    ]);
    expect(travis.totals).toEqual({ reports: 3, issued: 10, declined: 7, declined_unknown: 0 });
    expect(travis.page).toBe(`${SITE}jurisdictions/tx-travis-county/`);
  });

  it('counts a jurisdiction named without a count as unknown, not as zero', () => {
    const washington = jurisdictionsIndex(model, link).jurisdictions.find(
      (j) => j.id === 'or-washington-county',
    )!;
    expect(washington.totals).toEqual({
      reports: 1,
      issued: null,
      declined: null,
      declined_unknown: 1,
    });
  });

  it('keeps a gazetteer entry no report names, with unknown totals and no page', () => {
    const unnamed: GazetteerRow = {
      id: 'aa-unnamed-county',
      name: 'Unnamed County',
      state: 'AA',
      kind: 'county',
      fips: null,
      map_fips: null,
      aor: null,
      aliases: [],
    };
    const index = jurisdictionsIndex(
      buildSiteModel({ ...dataset, gazetteer: [...dataset.gazetteer, unnamed] }),
      link,
    );
    expect(index.jurisdictions.at(-1)).toEqual({
      ...unnamed,
      totals: { reports: 0, issued: null, declined: null, declined_unknown: 0 },
      appearances: [],
      page: null,
    });
  });
});

describe('built JSON API', () => {
  it('api/weeks.json equals the loader output through weeksIndex', () => {
    expect(readJson('api/weeks.json')).toEqual(weeksIndex(model, link));
  });

  it('api/weeks/<date>.json equals weekDetail for every report', () => {
    for (const week of model.weeks) {
      expect(readJson(`api/weeks/${week.report.start}.json`)).toEqual(weekDetail(week, link));
    }
  });

  it("api/jurisdictions.json equals jurisdictionsIndex, in the gazetteer file's order", () => {
    const built = readJson('api/jurisdictions.json') as { jurisdictions: { id: string }[] };
    expect(built).toEqual(jurisdictionsIndex(model, link));
    expect(built.jurisdictions.map((j) => j.id)).toEqual(
      readDataCsv(FIXTURE_DATA, 'jurisdictions.csv').data.map((row) => row['id']),
    );
  });

  it('api/jurisdictions.json totals the counts the CSV files give, null where none does', () => {
    // Summed here straight from the report files, not through the loader or the site model.
    const sums = new Map<string, { issued: number | null; declined: number | null }>();
    for (const start of readdirSync(join(FIXTURE_DATA, 'reports'))) {
      const text = readFileSync(join(FIXTURE_DATA, 'reports', start, 'jurisdictions.csv'), 'utf8');
      for (const row of Papa.parse<Record<string, string>>(text, {
        header: true,
        skipEmptyLines: true,
      }).data) {
        const sum = sums.get(row['jurisdiction']!) ?? { issued: null, declined: null };
        for (const count of ['issued', 'declined'] as const) {
          const cell = row[count]!;
          if (cell !== '') sum[count] = (sum[count] ?? 0) + Number(cell);
        }
        sums.set(row['jurisdiction']!, sum);
      }
    }
    const built = readJson('api/jurisdictions.json') as {
      jurisdictions: { id: string; totals: { issued: unknown; declined: unknown } }[];
    };
    const totals = built.jurisdictions.map((j) => ({
      id: j.id,
      issued: j.totals.issued,
      declined: j.totals.declined,
    }));
    expect(totals).toEqual(
      built.jurisdictions.map((j) => ({
        id: j.id,
        ...(sums.get(j.id) ?? { issued: null, declined: null }),
      })),
    );
    // The fixture has both: a county named without any count, and one with a declined count only.
    expect(totals).toContainEqual({ id: 'or-washington-county', issued: null, declined: null });
    expect(totals).toContainEqual({ id: 'tx-williamson-county', issued: null, declined: 2 });
  });
});

describe('siteLinks', () => {
  it('makes absolute URLs under the base path, and refuses to run without a site', () => {
    const links = siteLinks(new URL('https://example.org'), '/archive');
    expect(links('weeks/2020-01-04/')).toBe('https://example.org/archive/weeks/2020-01-04/');
    expect(() => siteLinks(undefined, '/')).toThrow(/`site` must be set/);
  });
});
