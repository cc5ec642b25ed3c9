import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBrokenLinks, listPages, pageFile } from '../helpers/built-site.ts';
import { FIXTURE_DIST, readPage } from '../helpers/site.ts';
import { parseHTML } from 'linkedom';

const ORIGIN = 'https://declined-detainer-archive.github.io';
const text = (doc: Document, selector = 'main') =>
  doc.querySelector(selector)!.textContent!.replace(/\s+/g, ' ');
const week = (start: string) => readPage(FIXTURE_DIST, `weeks/${start}/`);

describe('the built fixture site', () => {
  it('has a page per report with its figures from the data', () => {
    expect(text(week('2020-01-04'))).toMatch(/Detainers issued nationwide\s?1,000/);
    expect(text(week('2020-01-04'))).toMatch(/Declined detainers recorded\s?7/);
    expect(text(week('2020-01-11'))).toMatch(/Detainers issued nationwide\s?900/);
    expect(text(week('2020-01-18'))).toMatch(/Declined detainers recorded\s?3/);
  });

  it('links each report to its neighbours, and not beyond the ends', () => {
    const rel = (doc: Document, kind: string) =>
      doc.querySelector(`a[rel="${kind}"]`)?.getAttribute('href') ?? null;
    expect([rel(week('2020-01-04'), 'prev'), rel(week('2020-01-04'), 'next')]).toEqual([
      null,
      '/weeks/2020-01-11/',
    ]);
    expect([rel(week('2020-01-11'), 'prev'), rel(week('2020-01-11'), 'next')]).toEqual([
      '/weeks/2020-01-04/',
      '/weeks/2020-01-18/',
    ]);
    expect([rel(week('2020-01-18'), 'prev'), rel(week('2020-01-18'), 'next')]).toEqual([
      '/weeks/2020-01-11/',
      null,
    ]);
  });

  it('has a page per jurisdiction and per state, and an index listing each jurisdiction once', () => {
    const ids = [
      'tx-travis-county',
      'tx-williamson-county',
      'ny-nassau-county',
      'ny-new-york-city',
      'or-washington-county',
      'ca-los-angeles-county',
    ];
    const pages = listPages(FIXTURE_DIST);
    for (const id of ids) expect(pages).toContain(`/jurisdictions/${id}/`);
    for (const state of ['tx', 'ny', 'or', 'ca']) expect(pages).toContain(`/states/${state}/`);
    const links = [
      ...readPage(FIXTURE_DIST, 'jurisdictions/').querySelectorAll('main tbody th a'),
    ].map((a) => a.getAttribute('href'));
    expect(links.sort()).toEqual(ids.map((id) => `/jurisdictions/${id}/`).sort());
  });

  it('says "not reported" where the data is blank, never 0', () => {
    const washington = readPage(FIXTURE_DIST, 'jurisdictions/or-washington-county/');
    const row = washington.querySelector('main tbody tr')!;
    expect(row.querySelectorAll('td')[1]!.textContent).toBe('not reported');
    expect(text(week('2020-01-11'))).toMatch(
      /States with declined detainers \(as reported\)\s?not reported/,
    );
  });

  it('shows corrections as published and as corrected', () => {
    const rows = [...week('2020-01-04').querySelectorAll('table.corrections tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()),
    );
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
  });

  it('gives every page one h1, a title, a description, a canonical URL, a feed link and no script but JSON-LD', () => {
    for (const path of listPages(FIXTURE_DIST)) {
      const { document } = parseHTML(readFileSync(pageFile(FIXTURE_DIST, path), 'utf8'));
      const where = `${path}: `;
      expect(document.querySelectorAll('h1').length, where).toBe(1);
      expect(document.querySelector('html')!.getAttribute('lang'), where).toBe('en');
      expect(document.title.length, where).toBeGreaterThan(0);
      expect(
        document.querySelector('meta[name="description"]')?.getAttribute('content'),
        where,
      ).toBeTruthy();
      expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), where).toMatch(
        /^https:\/\//,
      );
      expect(
        document.querySelector('link[rel="alternate"][type="application/rss+xml"]'),
        where,
      ).not.toBeNull();
      expect(document.querySelector('meta[property="og:title"]'), where).not.toBeNull();
      for (const script of document.querySelectorAll('script')) {
        expect(script.getAttribute('type'), where).toBe('application/ld+json');
      }
    }
  });

  it('describes each report as a schema.org Dataset in JSON-LD', () => {
    const json = JSON.parse(
      week('2020-01-04').querySelector('script[type="application/ld+json"]')!.textContent!,
    );
    expect(json).toMatchObject({
      '@type': 'Dataset',
      temporalCoverage: '2020-01-04/2020-01-10',
      datePublished: '2020-02-03',
    });
  });

  it('has no broken internal link or image', () => {
    expect(findBrokenLinks(FIXTURE_DIST, ORIGIN)).toEqual([]);
  });
});
