import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, FIXTURE_DATA, readPage, readText, TEST_OUTPUT } from '../helpers/site.ts';
import { regenerateDescriptor } from '../data/fixture-helpers.ts';
import { parseFeed } from './rss.ts';

const SITE = 'https://declined-detainer-archive.github.io/';
const NEW_WEEK = '2020-01-25';
const OUT = join(TEST_OUTPUT, 'new-week');
const DIST = join(OUT, 'dist');
let data: string;

/** The fixture plus one more report folder, as a weekly data pull request would add it. */
beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'dda-new-week-'));
  cpSync(FIXTURE_DATA, data, { recursive: true });
  const folder = join(data, 'reports', NEW_WEEK);
  mkdirSync(folder);
  const previous = JSON.parse(
    readFileSync(join(FIXTURE_DATA, 'reports/2020-01-18/report.json'), 'utf8'),
  );
  writeFileSync(
    join(folder, 'report.json'),
    JSON.stringify({
      ...previous,
      period_start: NEW_WEEK,
      period_end: '2020-01-31',
      title: 'Fixture Weekly Declined Detainer Outcome Report, Jan 25 – Jan 31, 2020',
      published: '2020-02-27',
      coverage: 'partial',
      coverage_note: 'Only Travis County is transcribed.',
      figures: {
        ...previous.figures,
        detainers_issued: { value: 1234, source: 'https://example.org/reports/4', note: null },
        declined_total: { value: null, source: null, note: null },
      },
    }),
  );
  writeFileSync(
    join(folder, 'jurisdictions.csv'),
    'jurisdiction,issued_rank,issued,issued_source,declined,declined_source,note\n' +
      'tx-travis-county,,,,3,https://example.org/reports/4,\n',
  );
  regenerateDescriptor(data);
  rmSync(OUT, { recursive: true, force: true });
  await buildSite(data, DIST);
});

afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('adding a week', () => {
  it('puts the new report first in the feed', () => {
    const [first, ...rest] = parseFeed(readText(DIST, 'rss.xml')).items;
    expect(first).toMatchObject({
      title: 'Jan 25 – Jan 31, 2020: 1,234 detainers issued, declined not reported',
      link: `${SITE}weeks/${NEW_WEEK}/`,
      pubDate: 'Thu, 27 Feb 2020 00:00:00 GMT',
    });
    expect(rest).toHaveLength(3);
    const travis = parseFeed(readText(DIST, 'jurisdictions/tx-travis-county/rss.xml')).items;
    expect(travis.map((i) => i.link)[0]).toBe(`${SITE}weeks/${NEW_WEEK}/`);
  });

  it('lists the new week in the API and the data files', () => {
    const { weeks } = JSON.parse(readText(DIST, 'api/weeks.json'));
    expect(weeks.map((w: { start: string }) => w.start)).toEqual([
      '2020-01-04',
      '2020-01-11',
      '2020-01-18',
      NEW_WEEK,
    ]);
    expect(weeks.at(-1).figures.declined_total).toBeNull();
    expect(JSON.parse(readText(DIST, `api/weeks/${NEW_WEEK}.json`)).jurisdictions).toHaveLength(1);
    expect(readText(DIST, 'data/all-jurisdictions.csv').trimEnd().split('\n').at(-1)).toBe(
      `${NEW_WEEK},tx-travis-county,Travis County,TX,,,,3,https://example.org/reports/4,`,
    );
    const descriptor = readText(DIST, 'data/datapackage.json');
    expect(descriptor).toBe(readFileSync(join(data, 'datapackage.json'), 'utf8'));
    expect(readText(DIST, `data/reports/${NEW_WEEK}/jurisdictions.csv`)).toBe(
      readText(DIST, `weeks/${NEW_WEEK}/jurisdictions.csv`),
    );
  });

  it('adds the week page, lists it first, and links its neighbour to it', () => {
    const page = readPage(DIST, `weeks/${NEW_WEEK}/`);
    expect(page.querySelector('h1')!.textContent).toContain('Jan 25 – Jan 31, 2020');
    expect(page.querySelector('main')!.textContent).toContain('1,234');
    expect(page.querySelector('a[rel="prev"]')!.getAttribute('href')).toBe('/weeks/2020-01-18/');
    expect(page.querySelector('a[rel="next"]')).toBeNull();
    const neighbour = readPage(DIST, 'weeks/2020-01-18/');
    expect(neighbour.querySelector('a[rel="next"]')!.getAttribute('href')).toBe(
      `/weeks/${NEW_WEEK}/`,
    );
    const firstRow = readPage(DIST, 'weeks/').querySelector('tbody tr th a')!;
    expect(firstRow.getAttribute('href')).toBe(`/weeks/${NEW_WEEK}/`);
    const travis = readPage(DIST, 'jurisdictions/tx-travis-county/');
    expect(
      [...travis.querySelectorAll('a')].some(
        (a) => a.getAttribute('href') === `/weeks/${NEW_WEEK}/`,
      ),
    ).toBe(true);
  });
});
