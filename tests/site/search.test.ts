import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { filterValues } from '../../src/lib/output/search-entry.ts';
import { listPages } from '../helpers/built-site.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readDataCsv, readPage } from '../helpers/site.ts';
import { excerptParts, queryFromSearch, resultSummary } from '../../src/client/search-results.ts';

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** Pagefind's page records: gzip, a signature, then JSON. */
function readFragments(dist: string): Fragment[] {
  const folder = join(dist, 'pagefind/fragment');
  return readdirSync(folder).map((name) => {
    const text = gunzipSync(readFileSync(join(folder, name))).toString('utf8');
    expect(text.startsWith('pagefind_dcd')).toBe(true);
    return JSON.parse(text.slice('pagefind_dcd'.length)) as Fragment;
  });
}

const csv = (path: string) => readDataCsv(FIXTURE_DATA, path).data;

const INDEXED = /^\/(?:weeks\/\d{4}-\d{2}-\d{2}|jurisdictions\/[^/]+|states\/[^/]+)\/$/;

describe('the search index of the built site', () => {
  const fragments = readFragments(FIXTURE_DIST);
  const byUrl = new Map(fragments.map((fragment) => [fragment.url, fragment]));

  it('covers every report, jurisdiction and state page and nothing else', () => {
    const expected = listPages(FIXTURE_DIST).filter((page) => INDEXED.test(page));
    expect(expected.length).toBeGreaterThan(10);
    expect([...byUrl.keys()].sort()).toEqual(expected);
  });

  it('titles each page with its heading and says what kind of page it is', () => {
    for (const fragment of fragments) {
      const h1 = readPage(FIXTURE_DIST, fragment.url).querySelector('h1')!.textContent!.trim();
      expect(fragment.meta['title']).toBe(h1);
      const kind = fragment.url.startsWith('/weeks/')
        ? 'Report'
        : fragment.url.startsWith('/states/')
          ? 'State'
          : 'Jurisdiction';
      expect(fragment.meta['kind']).toBe(kind);
    }
  });

  it('files each jurisdiction under its state and every report naming it, as the data says', () => {
    const gazetteer = csv('jurisdictions.csv');
    const named = readdirSync(join(FIXTURE_DATA, 'reports')).map((week) => ({
      week,
      ids: new Set(csv(`reports/${week}/jurisdictions.csv`).map((r) => r['jurisdiction'])),
    }));
    for (const row of gazetteer) {
      const fragment = byUrl.get(`/jurisdictions/${row['id']}/`);
      if (!fragment) continue;
      const naming = named.filter(({ ids }) => ids.has(row['id'])).map(({ week }) => week);
      expect(fragment.filters['report']).toEqual(naming.sort());
      // The state filter is the name the state page carries as its heading.
      const statePage = readPage(FIXTURE_DIST, `/states/${row['state']!.toLowerCase()}/`);
      expect(fragment.filters['state']).toEqual([statePage.querySelector('h1')!.textContent]);
    }
  });

  it('indexes the aliases a jurisdiction page shows, and no filter value as page text', () => {
    const travis = byUrl.get('/jurisdictions/tx-travis-county/')!;
    const travisRow = csv('jurisdictions.csv').find((row) => row['id'] === 'tx-travis-county')!;
    const aliases = travisRow['aliases']!.split('|');
    expect(aliases.length).toBeGreaterThan(0);
    for (const alias of aliases) expect(travis.content).toContain(alias);
    expect(travis.content).not.toContain('2020-01-11');
  });

  it('gives every other page a plain form to /search/ (its script-free pages: pages.test.ts)', () => {
    for (const page of listPages(FIXTURE_DIST).filter((path) => path !== '/search/')) {
      const form = readPage(FIXTURE_DIST, page).querySelector('header form[role="search"]');
      expect(form?.getAttribute('action'), page).toBe('/search/');
      expect(form?.getAttribute('method'), page).toBe('get');
      expect(form?.querySelector('input[type="search"][name="q"]'), page).not.toBeNull();
    }
  });
});

describe('search page helpers', () => {
  it('turns an excerpt into text and marked words, never markup', () => {
    // The page's text: a literal "&amp;" and "<b>", and "&" alone. Pagefind escapes < and >
    // only, so the excerpt cannot tell "&amp;" from "&"; the text can.
    const content = 'Named: Travis <b> County, TX &amp; & Travis again.';
    expect(
      excerptParts('Travis &lt;b&gt; <mark>County,</mark> TX &amp; & <mark>Travis</mark>', content),
    ).toEqual([
      { text: 'Travis <b> ', marked: false },
      { text: 'County,', marked: true },
      { text: ' TX &amp; & ', marked: false },
      { text: 'Travis', marked: true },
    ]);
    // Markup in the text stays text.
    expect(
      excerptParts(
        '&lt;img <mark>src=x</mark> onerror=alert(1)&gt;',
        '<img src=x onerror=alert(1)>',
      ),
    ).toEqual([
      { text: '<img ', marked: false },
      { text: 'src=x', marked: true },
      { text: ' onerror=alert(1)>', marked: false },
    ]);
    expect(excerptParts('', 'Anything.')).toEqual([]);
  });

  it('reads the query from the address', () => {
    expect(queryFromSearch('?q=+Travis%20County+')).toBe('Travis County');
    expect(queryFromSearch('?x=1')).toBe('');
  });

  it('says how many pages were found and how many are listed', () => {
    expect(resultSummary(0, 'Nowhere', 0)).toBe('No page found for “Nowhere”.');
    expect(resultSummary(1, 'Travis', 1)).toBe('1 page found for “Travis”.');
    expect(resultSummary(1234, 'County', 20)).toBe(
      '1,234 pages found for “County”; the first 20 are listed.',
    );
    expect(resultSummary(3, '', 3)).toBe('3 pages found.');
  });

  it('sorts filter values and drops repeats', () => {
    expect(filterValues(['Texas', 'Oregon', 'Texas', 'New York'])).toEqual([
      'New York',
      'Oregon',
      'Texas',
    ]);
  });
});
