import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCount } from '../../src/lib/text/format.ts';
import { listPages, resolves } from '../helpers/built-site.ts';
import { ADDED_SOURCE, fixtureWithWeeks } from '../helpers/fixture-week.ts';
import { buildSite, FIXTURE_DATA, FIXTURE_DIST, makeWorkDir, readPage } from '../helpers/site.ts';
import { siteModel } from './helpers.ts';
import { jurisdictionLabel } from '../../src/lib/text/names.ts';
import { stateJurisdictionsChart } from '../../src/lib/charts/specs/state.ts';
import { NARROW_MEDIA } from '../../src/lib/charts/images.ts';

const chartImages = (page: string) => [
  ...readPage(FIXTURE_DIST, page).querySelectorAll('figure.chart-slot img'),
];

describe('charts on the built fixture site', () => {
  it('every chart image and its 2× variant resolve to a file, with a lazy, described <img>', () => {
    let count = 0;
    for (const page of listPages(FIXTURE_DIST)) {
      for (const img of chartImages(page)) {
        count += 1;
        const srcset = img.getAttribute('srcset');
        const urls = [
          img.getAttribute('src')!,
          ...(srcset ? srcset.split(',').map((part) => part.trim().split(/\s+/)[0]!) : []),
        ];
        for (const url of urls) expect(resolves(FIXTURE_DIST, url), `${page}: ${url}`).toBe(true);
        expect(img.getAttribute('alt')!.length, page).toBeGreaterThan(20);
        expect(img.getAttribute('loading')).toBe('lazy');
        expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
      }
    }
    // At least the week charts, the trend twice and one per state page.
    expect(count).toBeGreaterThanOrEqual(siteModel.weeks.length * 2 + 2 + siteModel.states.length);
  });

  it('gives every chart image a narrow source for phones, whose files resolve', () => {
    let count = 0;
    for (const page of listPages(FIXTURE_DIST)) {
      for (const picture of readPage(FIXTURE_DIST, page).querySelectorAll(
        'figure.chart-slot picture',
      )) {
        const source = picture.querySelector('source')!;
        const img = picture.querySelector('img')!;
        count += 1;
        expect(source.getAttribute('media'), page).toBe(NARROW_MEDIA);
        const urls = source
          .getAttribute('srcset')!
          .split(',')
          .map((part) => part.trim().split(/\s+/)[0]!);
        for (const url of urls) {
          expect(resolves(FIXTURE_DIST, url), `${page}: ${url}`).toBe(true);
          expect(url, page).toMatch(/-narrow-[0-9a-f]{24}(-2x)?\.(png|svg)$/);
        }
        // A PNG has a 1× and a 2× file; an SVG map is one file.
        expect(urls).toHaveLength(img.getAttribute('src')!.endsWith('.svg') ? 1 : 2);
        expect(Number(source.getAttribute('width'))).toBeLessThan(
          Number(img.getAttribute('width')),
        );
      }
    }
    expect(count).toBeGreaterThanOrEqual(siteModel.weeks.length * 2 + 2 + siteModel.states.length);
  });

  it('names the leading jurisdiction and its figure on week, state and jurisdiction pages', () => {
    for (const week of siteModel.weeks) {
      const leader = week.byDeclined[0]!;
      const name = jurisdictionLabel(siteModel.gazetteer.get(leader.jurisdiction)!);
      const [declined] = chartImages(`/weeks/${week.report.start}/`);
      expect(declined!.getAttribute('alt')).toContain(
        `${name} recorded ${formatCount(leader.declined)}`,
      );
    }
    for (const state of siteModel.states) {
      const spec = stateJurisdictionsChart(state);
      const [img] = chartImages(`/states/${state.usps.toLowerCase()}/`);
      // A state whose jurisdictions have no count has nothing to draw, and no image.
      expect(Boolean(img)).toBe(spec !== null);
      const lead = spec?.table.rows[0]?.[0];
      if (img) expect(img.getAttribute('alt')).toContain(`${lead} recorded the most`);
    }
    for (const summary of siteModel.jurisdictions.values()) {
      const [img] = chartImages(`/jurisdictions/${summary.jurisdiction.id}/`);
      if (img) expect(img.getAttribute('alt')).toContain(jurisdictionLabel(summary.jurisdiction));
    }
  });

  it('gives each week page its own 1200×630 social image', () => {
    for (const week of siteModel.weeks) {
      const og = readPage(FIXTURE_DIST, `/weeks/${week.report.start}/`)
        .querySelector('meta[property="og:image"]')!
        .getAttribute('content')!;
      const png = readFileSync(join(FIXTURE_DIST, new URL(og).pathname));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    }
  });
});

/** Every image file a built site's pages show: <img>, <source> and link previews. */
function imagesShown(dist: string): Set<string> {
  const shown = new Set<string>();
  for (const page of listPages(dist)) {
    const document = readPage(dist, page);
    const urls = [
      ...[...document.querySelectorAll('img')].map((img) => img.getAttribute('src')!),
      ...[...document.querySelectorAll('img[srcset], source[srcset]')].flatMap((element) =>
        element
          .getAttribute('srcset')!
          .split(',')
          .map((part) => part.trim().split(/\s+/)[0]!),
      ),
      ...[...document.querySelectorAll('meta[property="og:image"]')].map(
        (meta) => new URL(meta.getAttribute('content')!).pathname,
      ),
    ];
    for (const url of urls) if (url.startsWith('/charts/')) shown.add(url.slice('/charts/'.length));
  }
  return shown;
}

/** Each file in the chart cache with its inode: a file drawn again is a new inode. */
const cacheFiles = (dir: string) =>
  new Map(readdirSync(dir).map((name) => [name, statSync(join(dir, name)).ino]));

/** The kind of each image (its 2× twin left out), from cache file names `<kind>-<hash>.<ext>`. */
const kinds = (names: string[]) =>
  names
    .filter((name) => !name.includes('-2x.'))
    .map((name) => name.replace(/-[0-9a-f]{24}\.\w+$/, ''))
    .sort();

describe('builds sharing one chart cache', () => {
  const work = makeWorkDir('chart-builds-');
  const cacheDir = join(work, 'cache');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('draws nothing the second time, and only the changed charts after adding a week', async () => {
    const charts = join(cacheDir, 'charts');
    await buildSite(FIXTURE_DATA, join(work, 'a'), cacheDir);
    const first = cacheFiles(charts);
    expect(first.size).toBeGreaterThan(0);
    expect(new Set(readdirSync(join(work, 'a', 'charts')))).toEqual(imagesShown(join(work, 'a')));

    await buildSite(FIXTURE_DATA, join(work, 'b'), cacheDir);
    expect(cacheFiles(charts)).toEqual(first);
    expect(new Set(readdirSync(join(work, 'b', 'charts')))).toEqual(imagesShown(join(work, 'b')));

    const data = fixtureWithWeeks(join(work, 'data'), [
      {
        start: '2020-01-25',
        report: { published: '2020-02-27' },
        rows: [`tx-travis-county,,,,3,${ADDED_SOURCE},`],
      },
    ]);

    await buildSite(data, join(work, 'c'), cacheDir);
    const third = cacheFiles(charts);
    // No image already in the cache was drawn again.
    for (const [name, inode] of first) expect(third.get(name), name).toBe(inode);
    const added = [...third.keys()].filter((name) => !first.has(name));
    // The new week's declined, state, map and social images (no Section I counts, no Section II
    // rows) and its comparison with the week before; the trend; Travis County's history; Texas.
    // Nothing of the older weeks. Every chart and map has its narrow drawing too (the social
    // image, a link preview, has one size).
    const images = [
      'compare',
      'jurisdiction',
      'map',
      'social',
      'state',
      'trend',
      'week-declined',
      'week-states',
    ];
    expect(kinds(added)).toEqual(
      images.flatMap((kind) => (kind === 'social' ? [kind] : [kind, `${kind}-narrow`])).sort(),
    );
    // The site holds every image its pages show, those kept from the last build included, and
    // no other.
    expect(new Set(readdirSync(join(work, 'c', 'charts')))).toEqual(imagesShown(join(work, 'c')));
  });
});
