import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrokenLinks, listPages } from '../helpers/built-site.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readDataCsv, readText, readValues } from '../helpers/site.ts';

const SITE = 'https://declined-detainer-archive.github.io';
const page = (path: string) => readValues(FIXTURE_DIST, path);
const week = (start: string) => page(`weeks/${start}/`);
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const text = (doc: Document | Element, selector = 'main') =>
  squash(doc.querySelector(selector)?.textContent);

// The fixture as its files say, read directly (not through the site's loader).
const csv = (path: string) => readDataCsv(FIXTURE_DATA, path).data;
const WEEKS = readdirSync(join(FIXTURE_DATA, 'reports')).sort();
const GAZETTEER = csv('jurisdictions.csv');
/** Every jurisdiction any report row, Section II row or policy row names. */
const NAMED = new Set([
  ...WEEKS.flatMap((start) =>
    readdirSync(join(FIXTURE_DATA, 'reports', start))
      .filter((file) => file.endsWith('.csv'))
      .flatMap((file) => csv(`reports/${start}/${file}`).map((row) => row['jurisdiction']!)),
  ),
  ...csv('policies.csv').map((row) => row['jurisdiction']!),
]);
type Figure = { value: number | null };
const figures = (start: string): Record<string, Figure> =>
  JSON.parse(readFileSync(join(FIXTURE_DATA, 'reports', start, 'report.json'), 'utf8')).figures;
const shown = (figure: Figure) =>
  figure.value === null ? 'not reported' : figure.value.toLocaleString('en-US');

/** A headline figure of a week page: its value, change and source link. */
function headline(doc: Document, label: string) {
  const item = [...doc.querySelectorAll('.figure')].find(
    (figure) => squash(figure.querySelector('dt')?.textContent) === label,
  );
  if (!item) throw new Error(`no figure "${label}"`);
  return {
    value: text(item, '.value'),
    change: item.querySelector('.change') ? text(item, '.change') : null,
    source: item.querySelector('a.source')?.getAttribute('href') ?? null,
  };
}

/** The rows of the table with this caption, as the text of their cells. */
function table(doc: Document, caption: string): string[][] {
  const found = [...doc.querySelectorAll('table')].find(
    (t) => squash(t.querySelector('caption')?.textContent) === caption,
  );
  if (!found) throw new Error(`no table "${caption}"`);
  return [...found.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => squash(cell.textContent)),
  );
}

/** The only pages with a script: it enhances what their HTML already offers. */
const SCRIPTED_PAGES = ['/search/', '/jurisdictions/'];

describe('week pages', () => {
  it('exist for every report folder of the data, with its figures as the data gives them', () => {
    expect(WEEKS).toEqual(['2020-01-04', '2020-01-11', '2020-01-18']);
    for (const start of WEEKS) {
      const doc = week(start);
      const data = figures(start);
      expect(headline(doc, 'Detainers issued nationwide').value, start).toBe(
        shown(data['detainers_issued']!),
      );
      expect(headline(doc, 'Declined detainers recorded').value, start).toBe(
        shown(data['declined_total']!),
      );
      expect(headline(doc, 'States with declined detainers').value, start).toBe(
        shown(data['states_with_declines']!),
      );
    }
    // And the same in plain numbers, so that a formatting slip on both sides cannot hide.
    const figuresOf = (start: string) =>
      ['Detainers issued nationwide', 'Declined detainers recorded'].map(
        (label) => headline(week(start), label).value,
      );
    expect(WEEKS.map(figuresOf)).toEqual([
      ['1,000', '7'],
      ['900', '12'],
      ['950', '3'],
    ]);
    expect(text(week('2020-01-04'), 'h1')).toBe(
      'Declined Detainer Outcome Report, Jan 4 – Jan 10, 2020',
    );
  });

  it('show the figures of the data, each linked to its own source', () => {
    expect(headline(week('2020-01-04'), 'Detainers issued nationwide')).toEqual({
      value: '1,000',
      change: 'no previous report',
      source: 'https://example.org/reports/1',
    });
    expect(headline(week('2020-01-11'), 'Declined detainers recorded')).toEqual({
      value: '12',
      change: '+5 from the previous report',
      source: 'https://example.org/reports/2',
    });
    expect(headline(week('2020-01-18'), 'Detainers issued nationwide').change).toBe(
      '+50 from the previous report',
    );
    expect(headline(week('2020-01-04'), 'Jurisdictions named in the transcribed rows').value).toBe(
      '3',
    );
  });

  it('say "not reported" for a blank figure and its change, never 0', () => {
    expect(headline(week('2020-01-11'), 'States with declined detainers')).toEqual({
      value: 'not reported',
      change: 'change from the previous report not reported',
      source: null,
    });
    expect(headline(week('2020-01-04'), 'Jails with declined detainers').value).toBe(
      'not reported',
    );
    // A jurisdiction named without a count is listed by name under that heading, with its note,
    // rather than given a table row of "not reported" cells.
    const doc = week('2020-01-11');
    const washington = csv('reports/2020-01-11/jurisdictions.csv').find(
      (row) => row['declined'] === '' && row['declined_source'] === '',
    )!;
    const list = doc.querySelector('section[aria-labelledby="declined"] .name-groups')!;
    expect(squash(list.previousElementSibling?.textContent)).toBe('Declined count not reported');
    expect(text(list, 'li')).toBe(`Washington County, OR ${washington['note']}`);
    expect(list.querySelector(`#jurisdiction-${washington['jurisdiction']}`)).not.toBeNull();
    const rows = table(doc, 'Declined detainers recorded, by jurisdiction');
    expect(rows.map((row) => row[0])).not.toContain('Washington County, OR');
  });

  it('label Section I as detainers issued, ranked, apart from the declined counts', () => {
    const doc = week('2020-01-04');
    const caption = 'Detainers issued (Section I): issued, not declined';
    expect(table(doc, caption).map((row) => row.slice(0, 3))).toEqual([
      ['1', 'Nassau County, NY', '20'],
      ['2', 'Travis County, TX', '10'],
    ]);
    expect(text(doc, 'section[aria-labelledby="section-i"]')).toContain(
      'not detainers they declined',
    );
    expect(text(week('2020-01-18'))).toContain('No Section I counts are transcribed');
  });

  it('show the Section II rows where transcribed, and say why where they are not', () => {
    const rows = table(week('2020-01-04'), 'Declined detainers (Section II rows as transcribed)');
    expect(rows).toHaveLength(7);
    expect(rows[2]).toEqual(expect.arrayContaining(['Travis County Jail', 'not reported']));
    expect(text(week('2020-01-11'))).toContain(
      "The individual Section II rows of this report are not transcribed. Only two jurisdictions' counts are known; Section II rows are not transcribed.",
    );
  });

  it('list the policies on record up to each report', () => {
    const policies = (start: string) =>
      table(week(start), 'Policies transcribed from this report or earlier ones').map((r) => r[0]);
    expect(policies('2020-01-04')).toEqual(['Travis County, TX']);
    expect(policies('2020-01-11')).toEqual(['Travis County, TX', 'New York City, NY']);
  });

  it("quote ICE's caveats with their source", () => {
    const caveat = week('2020-01-04').querySelector('.caveat')!;
    expect(text(caveat, 'blockquote')).toBe(
      'Fixture caveat: agencies do not generally advise ICE when a detainer is not honored.',
    );
    expect(caveat.querySelector('figcaption a')!.getAttribute('href')).toBe(
      'https://example.org/reports/1',
    );
  });

  it('put each correction in "as published" and "as corrected" columns', () => {
    const found = [...week('2020-01-04').querySelectorAll('table')].find(
      (t) =>
        squash(t.querySelector('caption')?.textContent) ===
        'Corrections and disputes touching this report',
    )!;
    const headers = [...found.querySelectorAll('thead th')].map((th) => squash(th.textContent));
    const rows = [...found.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries(
        [...tr.querySelectorAll('th, td')].map((cell, i) => [headers[i], squash(cell.textContent)]),
      ),
    );
    const fixture = csv('corrections.csv');
    // In the order corrections.csv gives them.
    expect(rows.map((row) => [row['Kind'], row['As published'], row['As corrected']])).toEqual([
      ['Withdrawal', '2', 'withdrawn by Publisher, no replacement given'],
      ['Dispute', '5', 'stands as published; Travis County Sheriff gives 4'],
    ]);
    expect(rows.map((row) => row['Kind']!.toLowerCase())).toEqual(
      fixture.filter((c) => c['report'] === '2020-01-04').map((c) => c['kind']),
    );
    for (const row of rows) {
      const source = fixture.find((c) => c['kind'] === row['Kind']!.toLowerCase())!;
      expect(row['As published']).toBe(source['published_value']);
      expect(row['Statement']).toContain(source['statement']);
    }
    // Nothing of either correction shows on a report it does not concern.
    expect(week('2020-01-11').querySelector('table.corrections')).toBeNull();
  });

  it('show each correction as published and as corrected, marked on the figure it concerns', () => {
    const doc = week('2020-01-04');
    const rows = table(doc, 'Corrections and disputes touching this report');
    expect(rows).toContainEqual(
      expect.arrayContaining(['Withdrawal', '2', 'withdrawn by Publisher, no replacement given']),
    );
    expect(rows).toContainEqual(
      expect.arrayContaining([
        'Dispute',
        '5',
        'stands as published; Travis County Sheriff gives 4',
      ]),
    );
    const declined = table(doc, 'Declined detainers recorded, by jurisdiction');
    expect(declined).toContainEqual(
      expect.arrayContaining([
        'Williamson County, TX',
        '2 as corrected: withdrawn by Publisher, no replacement given',
      ]),
    );
    for (const mark of doc.querySelectorAll('a.correction-mark')) {
      const target = mark.getAttribute('href')!;
      expect(doc.querySelector(`tr${target}`), target).not.toBeNull();
    }
    expect(doc.querySelectorAll('a.correction-mark')).toHaveLength(2);
  });

  it('list their downloads and link their neighbours, not beyond the ends', () => {
    const downloads = [...week('2020-01-11').querySelectorAll('.downloads a')].map((a) =>
      a.getAttribute('href'),
    );
    expect(downloads).toContain('/weeks/2020-01-11/jurisdictions.csv');
    expect(downloads).not.toContain('/weeks/2020-01-11/declined.csv');
    const rel = (start: string, kind: string) =>
      week(start).querySelector(`a[rel="${kind}"]`)?.getAttribute('href') ?? null;
    expect(
      ['2020-01-04', '2020-01-11', '2020-01-18'].map((s) => [rel(s, 'prev'), rel(s, 'next')]),
    ).toEqual([
      [null, '/weeks/2020-01-11/'],
      ['/weeks/2020-01-04/', '/weeks/2020-01-18/'],
      ['/weeks/2020-01-11/', null],
    ]);
  });

  it('describe the report as a schema.org Dataset in JSON-LD', () => {
    const scripts = week('2020-01-04').querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0]!.textContent!)).toMatchObject({
      '@type': 'Dataset',
      url: `${SITE}/weeks/2020-01-04/`,
      temporalCoverage: '2020-01-04/2020-01-10',
      datePublished: '2020-02-03',
    });
  });
});

describe('index, jurisdiction and state pages', () => {
  const ids = [
    'ca-los-angeles-county',
    'ny-nassau-county',
    'ny-new-york-city',
    'or-washington-county',
    'tx-travis-county',
    'tx-williamson-county',
  ];

  it('list every report newest first with its figures', () => {
    expect(table(page('weeks/'), 'Reports, newest first').map((r) => r.slice(0, 4))).toEqual([
      ['Jan 18 – Jan 24, 2020', '2020-02-20', '950 source', '3 source'],
      ['Jan 11 – Jan 17, 2020', '2020-02-12', '900 source', '12 source'],
      ['Jan 4 – Jan 10, 2020', '2020-02-03', '1,000 source', '7 source'],
    ]);
  });

  it('list every jurisdiction once, by state, with unknown totals as "not reported"', () => {
    const doc = page('jurisdictions/');
    const links = [...doc.querySelectorAll('main tbody th a')].map((a) => a.getAttribute('href'));
    // Each named jurisdiction exactly once: the sorted list of links is the sorted set of names.
    expect(links.sort()).toEqual([...NAMED].sort().map((id) => `/jurisdictions/${id}/`));
    expect([...NAMED].sort()).toEqual(ids);
    const rows = table(doc, 'Every jurisdiction named in the reports');
    const states = rows.map((row) => row[1]!);
    expect(states).toEqual([...states].sort());
    expect([...new Set(states)]).toEqual(['California', 'New York', 'Oregon', 'Texas']);
    const washington = rows.find((row) => row[0] === 'Washington County')!;
    expect(washington.slice(0, 6)).toEqual([
      'Washington County',
      'Oregon',
      '1',
      'not reported',
      '1',
      'not reported',
    ]);
    const travis = rows.find((row) => row[0] === 'Travis County')!;
    expect(travis).toEqual([
      'Travis County',
      'Texas',
      '3',
      '7',
      '0',
      '10',
      'Jan 4 – Jan 10, 2020',
      'Jan 18 – Jan 24, 2020',
      "Sheriff's Office Policy",
    ]);
    // The state pages keep the table without a State column.
    expect(
      table(page('states/tx/'), 'Jurisdictions in Texas').find((r) => r[0] === 'Travis County'),
    ).toEqual(travis.filter((_, i) => i !== 1));
  });

  it('build a page per jurisdiction with its history, totals, aliases and own feed', () => {
    const pages = listPages(FIXTURE_DIST);
    expect(pages.filter((p) => /^\/jurisdictions\/[^/]+\/$/.test(p))).toEqual(
      ids.map((id) => `/jurisdictions/${id}/`),
    );
    for (const { id, name, state } of GAZETTEER) {
      expect(text(page(`jurisdictions/${id}/`), 'h1')).toBe(`${name}, ${state}`);
    }
    const travis = page('jurisdictions/tx-travis-county/');
    expect(table(travis, 'Travis County, TX in each report').map((r) => r.slice(0, 3))).toEqual([
      [
        'Jan 4 – Jan 10, 2020',
        '10',
        '5 disputed: stands as published; Travis County Sheriff gives 4',
      ],
      ['Jan 11 – Jan 17, 2020', 'not reported', '1'],
      ['Jan 18 – Jan 24, 2020', 'not reported', '1'],
    ]);
    expect(text(travis)).toContain('Also spelled: Travis, TX; Travis County, Texas.');
    const feeds = [...travis.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')];
    expect(feeds.map((link) => link.getAttribute('href'))).toEqual([
      '/rss.xml',
      '/jurisdictions/tx-travis-county/rss.xml',
    ]);
    expect(text(page('jurisdictions/or-washington-county/'), '.totals')).toContain(
      'not reported (1 report names it without a count)',
    );
  });

  it('build a page per state with its jurisdictions and totals', () => {
    const states = [...new Set(GAZETTEER.map((row) => row['state']!.toLowerCase()))].sort();
    expect(states).toEqual(['ca', 'ny', 'or', 'tx']);
    expect(listPages(FIXTURE_DIST).filter((p) => p.startsWith('/states/'))).toEqual(
      states.map((state) => `/states/${state}/`),
    );
    expect(states.map((state) => text(page(`states/${state}/`), 'h1'))).toEqual([
      'California',
      'New York',
      'Oregon',
      'Texas',
    ]);
    const texas = page('states/tx/');
    expect(text(texas, 'h1')).toBe('Texas');
    expect([...texas.querySelectorAll('.totals dd')].map((dd) => squash(dd.textContent))).toEqual([
      '9',
      '10',
    ]);
    expect(table(texas, 'Jurisdictions in Texas').map((r) => r[0])).toEqual([
      'Travis County',
      'Williamson County',
    ]);
  });

  it('list every correction with links to its report and jurisdiction', () => {
    const doc = page('corrections/');
    const rows = [...doc.querySelectorAll('table.corrections tbody tr')];
    expect(rows.map((tr) => tr.id)).toEqual([
      'correction-fixture-travis-dispute',
      'correction-fixture-williamson-withdrawal',
    ]);
    const hrefs = [...rows[0]!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(
      expect.arrayContaining(['/weeks/2020-01-04/', '/jurisdictions/tx-travis-county/']),
    );
  });
});

describe('every page', () => {
  const pages = listPages(FIXTURE_DIST);

  it('exists at each of the permanent URLs', () => {
    for (const path of [
      '/',
      '/weeks/',
      '/jurisdictions/',
      '/corrections/',
      '/methodology/',
      '/about/',
      '/data/',
      '/404.html',
    ]) {
      expect(pages).toContain(path);
    }
  });

  it('has one h1, landmarks, a skip link, a description, canonical and Open Graph URLs and the feed', () => {
    for (const path of pages) {
      const doc = page(path);
      const where = `${path}: `;
      expect(doc.querySelectorAll('h1').length, where).toBe(1);
      expect(doc.documentElement.getAttribute('lang'), where).toBe('en');
      for (const landmark of ['header', 'nav', 'main#main', 'footer']) {
        expect(doc.querySelector(landmark), where + landmark).not.toBeNull();
      }
      expect(doc.querySelector('a.skip-link')!.getAttribute('href'), where).toBe('#main');
      expect(
        doc.querySelector('meta[name="description"]')!.getAttribute('content'),
        where,
      ).not.toBe('');
      const canonical = doc.querySelector('link[rel="canonical"]')!.getAttribute('href');
      expect(canonical, where).toBe(`${SITE}${path}`);
      expect(doc.querySelector('meta[property="og:url"]')!.getAttribute('content'), where).toBe(
        canonical,
      );
      const ownTitle = doc.querySelector('meta[property="og:title"]')!.getAttribute('content')!;
      expect(ownTitle, where).not.toBe('');
      // The page's own title, with the site's name where both fit in a search result's 70.
      const title = doc.querySelector('head title')?.textContent ?? '';
      expect(title.length, where).toBeLessThanOrEqual(70);
      expect([`${ownTitle} · Declined Detainer Archive`, ownTitle], where).toContain(title);
      expect(new URL(canonical!).protocol, where).toBe('https:');
      expect(
        doc.querySelector('meta[property="og:description"]')?.getAttribute('content'),
        where,
      ).toBe(doc.querySelector('meta[name="description"]')!.getAttribute('content'));
      expect(doc.querySelector('meta[property="og:type"]')?.getAttribute('content'), where).toBe(
        'website',
      );
      const image = doc.querySelector('meta[property="og:image"]')?.getAttribute('content');
      if (image) expect(image.startsWith(`${SITE}/`), where).toBe(true);
      const feed = doc.querySelector('link[rel="alternate"][type="application/rss+xml"]');
      expect(feed?.getAttribute('href'), where).toBe('/rss.xml');
    }
  });

  it('ships no script but JSON-LD (search and the index filter: a module of the site), and links sources only over http(s)', () => {
    for (const path of pages) {
      const doc = page(path);
      for (const script of doc.querySelectorAll('script')) {
        // Astro inlines a small module (its hash is in the page's policy) or links it.
        if (SCRIPTED_PAGES.includes(path) && script.getAttribute('type') === 'module') {
          const src = script.getAttribute('src');
          if (src !== null) expect(src, path).toMatch(/^\/_astro\/[\w.-]+\.js$/);
          continue;
        }
        expect(script.getAttribute('type'), path).toBe('application/ld+json');
        expect(() => JSON.parse(script.textContent!), path).not.toThrow();
      }
      if (!SCRIPTED_PAGES.includes(path)) {
        expect(doc.querySelectorAll('link[rel="modulepreload"]').length, path).toBe(0);
      }
      expect(doc.querySelectorAll('[onclick], [onload], [onerror]').length, path).toBe(0);
      for (const a of doc.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href')!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) expect(href, path).toMatch(/^https?:\/\//);
      }
    }
  });

  it('has no broken internal link or image', () => {
    expect(findBrokenLinks(FIXTURE_DIST, SITE)).toEqual([]);
  });

  it('is in the sitemap that robots.txt names', () => {
    const robots = readText(FIXTURE_DIST, 'robots.txt');
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
    expect(existsSync(join(FIXTURE_DIST, 'sitemap-index.xml'))).toBe(true);
    const sitemap = readText(FIXTURE_DIST, 'sitemap-0.xml');
    for (const path of pages.filter((p) => p !== '/404.html')) {
      expect(sitemap, path).toContain(`<loc>${SITE}${path}</loc>`);
    }
  });
});
