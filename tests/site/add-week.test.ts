import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/lib/contract/load.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import { regenerateDescriptor } from '../data/fixture-helpers.ts';
import { findBrokenLinks, listPages } from '../helpers/built-site.ts';
import { buildSite, FIXTURE_DATA, FIXTURE_DIST, makeWorkDir, readPage } from '../helpers/site.ts';

const SITE = 'https://declined-detainer-archive.github.io';
const NEW_WEEK = '2020-01-25';
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

let work: string;
let data: string;
let dist: string;

/**
 * "Adding a week is a folder": the fixture plus one report folder (and the one gazetteer row of a
 * jurisdiction no earlier report named), with the descriptor regenerated as `npm run datapackage`
 * would. Nothing else changes, and the site is rebuilt once.
 */
beforeAll(async () => {
  work = makeWorkDir('add-week-');
  data = join(work, 'data');
  dist = join(work, 'dist');
  cpSync(FIXTURE_DATA, data, { recursive: true });
  const folder = join(data, 'reports', NEW_WEEK);
  mkdirSync(folder);
  const previous = JSON.parse(
    readFileSync(join(FIXTURE_DATA, 'reports/2020-01-18/report.json'), 'utf8'),
  );
  const figure = (value: number | null) => ({
    value,
    source: value === null ? null : 'https://example.org/reports/4',
    note: null,
  });
  writeFileSync(
    join(folder, 'report.json'),
    `${JSON.stringify(
      {
        ...previous,
        period_start: NEW_WEEK,
        period_end: '2020-01-31',
        title: 'Fixture Weekly Declined Detainer Outcome Report, Jan 25 – Jan 31, 2020',
        published: '2020-02-27',
        published_source: 'https://example.org/reports/4',
        figures: {
          ...previous.figures,
          detainers_issued: figure(1234),
          declined_total: figure(6),
          states_with_declines: figure(2),
        },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    join(folder, 'jurisdictions.csv'),
    'jurisdiction,issued_rank,issued,issued_source,declined,declined_source,note\n' +
      'wa-king-county,,,,4,https://example.org/reports/4,\n' +
      'tx-travis-county,,,,2,https://example.org/reports/4,\n',
  );
  appendFileSync(
    join(data, 'jurisdictions.csv'),
    'wa-king-county,King County,WA,county,53033,,Seattle,"King, WA"\n',
  );
  regenerateDescriptor(data);
  await buildSite(data, dist);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('adding a week is a folder', () => {
  it('is valid data', () => {
    expect(checkDataset(folderSource(data)).issues).toEqual([]);
  });

  it('builds the new report page with its figures', () => {
    const doc = readPage(dist, `weeks/${NEW_WEEK}/`);
    expect(squash(doc.querySelector('h1')?.textContent)).toBe(
      'Declined Detainer Outcome Report, Jan 25 – Jan 31, 2020',
    );
    const figure = (label: string) => {
      const item = [...doc.querySelectorAll('.figure')].find(
        (f) => squash(f.querySelector('dt')?.textContent) === label,
      )!;
      return [
        squash(item.querySelector('.value')?.textContent),
        squash(item.querySelector('.change')?.textContent),
      ];
    };
    expect(figure('Detainers issued nationwide')).toEqual([
      '1,234',
      '+284 from the previous report',
    ]);
    expect(figure('Declined detainers recorded')).toEqual(['6', '+3 from the previous report']);
    const declined = [...doc.querySelectorAll('main table')].find(
      (t) =>
        squash(t.querySelector('caption')?.textContent) ===
        'Declined detainers recorded, by jurisdiction',
    )!;
    expect(
      [...declined.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('th, td')].slice(0, 2).map((cell) => squash(cell.textContent)),
      ),
    ).toEqual([
      ['King County, WA', '4'],
      ['Travis County, TX', '2'],
    ]);
  });

  it('lists the new report first on /weeks/ and the home page', () => {
    const first = readPage(dist, 'weeks/').querySelector('main tbody tr a')!;
    expect(first.getAttribute('href')).toBe(`/weeks/${NEW_WEEK}/`);
    const rows = readPage(dist, 'weeks/').querySelectorAll('main tbody tr');
    expect(rows).toHaveLength(
      readPage(FIXTURE_DIST, 'weeks/').querySelectorAll('main tbody tr').length + 1,
    );
    expect(squash(readPage(dist, '/').querySelector('main h2')?.textContent)).toBe(
      'Latest report: Jan 25 – Jan 31, 2020',
    );
  });

  it('links the new report and its neighbour to each other, and nothing beyond', () => {
    const rel = (start: string, kind: string) =>
      readPage(dist, `weeks/${start}/`).querySelector(`a[rel="${kind}"]`)?.getAttribute('href') ??
      null;
    expect(rel('2020-01-18', 'next')).toBe(`/weeks/${NEW_WEEK}/`);
    expect(rel(NEW_WEEK, 'prev')).toBe('/weeks/2020-01-18/');
    expect(rel(NEW_WEEK, 'next')).toBeNull();
    // In the fixture build the same neighbour was the last report.
    expect(readPage(FIXTURE_DIST, 'weeks/2020-01-18/').querySelector('a[rel="next"]')).toBeNull();
  });

  it('adds the new jurisdiction to the index, with its own page and its state', () => {
    const index = readPage(dist, 'jurisdictions/');
    const links = [...index.querySelectorAll('main tbody th a')].map((a) => a.getAttribute('href'));
    expect(links.filter((href) => href === '/jurisdictions/wa-king-county/')).toHaveLength(1);
    expect(links).toHaveLength(
      readPage(FIXTURE_DIST, 'jurisdictions/').querySelectorAll('main tbody th a').length + 1,
    );
    const king = readPage(dist, 'jurisdictions/wa-king-county/');
    expect(squash(king.querySelector('h1')?.textContent)).toBe('King County, WA');
    expect(
      [...king.querySelectorAll('main a')].some(
        (a) => a.getAttribute('href') === `/weeks/${NEW_WEEK}/`,
      ),
    ).toBe(true);
    expect(squash(readPage(dist, 'states/wa/').querySelector('h1')?.textContent)).toBe(
      'Washington',
    );
    const pages = listPages(dist);
    expect(pages).toContain('/states/wa/');
    expect(pages.length).toBeGreaterThan(listPages(FIXTURE_DIST).length);
  });

  it('leaves no broken internal link', () => {
    expect(findBrokenLinks(dist, SITE)).toEqual([]);
  });
});
