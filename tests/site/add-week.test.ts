import { describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/lib/contract/load.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import { NEXT_WEEK, NEXT_WEEK_DATA, NEXT_WEEK_DIST } from '../helpers/fixture-week.ts';
import { findBrokenLinks, listPages } from '../helpers/built-site.ts';
import { FIXTURE_DIST, readPage, readValues } from '../helpers/site.ts';

const SITE = 'https://declined-detainer-archive.github.io';
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const NEW_WEEK = NEXT_WEEK.start;
const data = NEXT_WEEK_DATA;
const dist = NEXT_WEEK_DIST;

/**
 * "Adding a week is a folder": the fixture plus one report folder (and the one gazetteer row of a
 * jurisdiction no earlier report named), with the descriptor regenerated as `npm run datapackage`
 * would; the global setup builds it (tests/helpers/fixture-week.ts).
 */
describe('adding a week is a folder', () => {
  it('is valid data', () => {
    expect(checkDataset(folderSource(data)).issues).toEqual([]);
  });

  it('builds the new report page with its figures', () => {
    const doc = readValues(dist, `weeks/${NEW_WEEK}/`);
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
    const cards = [...readPage(dist, '/').querySelectorAll('main .report-card')].map((card) =>
      squash(card.getAttribute('aria-label')),
    );
    expect(cards).toContain('Latest: Jan 25 – Jan 31, 2020');
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
    const travis = readPage(dist, 'jurisdictions/tx-travis-county/');
    expect(
      [...travis.querySelectorAll('main a')].some(
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
