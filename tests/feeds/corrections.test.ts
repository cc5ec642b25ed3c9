import { describe, expect, it } from 'vitest';
import { correctionFeedItems } from '../../src/lib/output/feeds.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import type { Dataset } from '../../src/lib/contract/load.ts';
import type { CorrectionRow } from '../../src/lib/contract/schema.ts';
import { buildSiteModel } from '../../src/lib/model/site-model.ts';
import { resolves } from '../helpers/built-site.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readDataCsv, readPage, readText } from '../helpers/site.ts';
import { parseFeed } from './rss.ts';

const SITE = 'https://declined-detainer-archive.github.io';
const dataset = loadDataset(FIXTURE_DATA);
const link = (path: string) => `https://example.test/${path}`;
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The fixture's corrections file as it is written, newest first (ties by id). */
const CORRECTIONS = readDataCsv(FIXTURE_DATA, 'corrections.csv').data.sort(
  (a, b) => b['date']!.localeCompare(a['date']!) || a['id']!.localeCompare(b['id']!),
);

describe('correctionFeedItems', () => {
  const items = correctionFeedItems(buildSiteModel(dataset), link);

  it('has one item per correction, newest first, linked to its entry on the report page', () => {
    expect(items.map((i) => i.link)).toEqual([
      'https://example.test/weeks/2020-01-04/#correction-fixture-travis-dispute',
      'https://example.test/weeks/2020-01-04/#correction-fixture-williamson-withdrawal',
    ]);
    expect(items.map((i) => i.pubDate.toISOString())).toEqual([
      '2020-02-12T00:00:00.000Z',
      '2020-02-10T00:00:00.000Z',
    ]);
  });

  it('names the kind, the jurisdiction, the figure and the report, then as published and corrected', () => {
    expect(items[0]!.title).toBe(
      'Dispute: Travis County, TX: declined detainers, report of Jan 4 – Jan 10, 2020',
    );
    expect(items[0]!.description).toContain(
      'As published: 5. As corrected: stands as published; Travis County Sheriff gives 4.',
    );
    expect(items[1]!.description).toContain(
      'As published: 2. As corrected: withdrawn by Publisher, no replacement given.',
    );
    expect(items[1]!.description).toContain('made public February 10, 2020 by Publisher');
  });

  it('says "not reported" or "whole row" where the record gives no figure, and never a number', () => {
    const base = dataset.corrections[0]!;
    const withRow = (correction: Partial<CorrectionRow>): Dataset => ({
      ...dataset,
      corrections: [{ ...base, ...correction }],
    });
    const [headline] = correctionFeedItems(
      buildSiteModel(
        withRow({
          table: 'report',
          jurisdiction: null,
          field: 'pages',
          kind: 'withdrawal',
          published_value: null,
          stated_value: null,
        }),
      ),
      link,
    );
    expect(headline!.title).toMatch(/^Withdrawal: headline figure: Pages, report of /);
    expect(headline!.description).toContain('As published: not reported.');
    const [wholeRow] = correctionFeedItems(
      buildSiteModel(withRow({ field: null, published_value: null, stated_value: null })),
      link,
    );
    expect(wholeRow!.title).toMatch(/^Withdrawal: Williamson County, TX, whole row, report of /);
    expect(wholeRow!.description).toContain('As published: the whole row.');
    expect(wholeRow!.description).not.toMatch(/\d+\. As corrected/);
  });
});

describe('built /corrections.xml', () => {
  const xml = readText(FIXTURE_DIST, 'corrections.xml');
  const feed = parseFeed(xml);

  it('is RSS 2.0 linking to /corrections/', () => {
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><rss version="2\.0"/);
    expect(feed.link).toBe(`${SITE}/corrections/`);
  });

  it('has an item for each row of corrections.csv, with its date, statement and figures', () => {
    expect(feed.items).toHaveLength(CORRECTIONS.length);
    feed.items.forEach((item, i) => {
      const row = CORRECTIONS[i]!;
      const where = row['id']!;
      expect(item.link, where).toBe(`${SITE}/weeks/${row['report']}/#correction-${row['id']}`);
      expect(item.guid['#text'], where).toBe(item.link);
      expect(new Date(item.pubDate).toISOString(), where).toBe(`${row['date']}T00:00:00.000Z`);
      expect(item.description, where).toContain(`Statement: ${row['statement']}`);
      expect(item.description, where).toContain(`Source: ${row['source']}`);
      if (row['published_value'])
        expect(item.description, where).toContain(`As published: ${row['published_value']}.`);
      if (row['stated_value']) expect(item.description, where).toContain(row['stated_value']);
    });
  });

  it('links each item to a row of the report page that exists', () => {
    for (const item of feed.items) {
      const url = new URL(item.link);
      expect(resolves(FIXTURE_DIST, url.pathname), item.link).toBe(true);
      const page = readPage(FIXTURE_DIST, url.pathname);
      expect(page.getElementById(url.hash.slice(1)), item.link).not.toBeNull();
    }
  });
});

describe('built /corrections/', () => {
  const doc = readPage(FIXTURE_DIST, 'corrections/');
  const table = doc.querySelector('main table.corrections')!;
  const headers = [...table.querySelectorAll('thead th')].map((th) => squash(th.textContent));
  const rows = [...table.querySelectorAll('tbody tr')];
  const cell = (tr: Element, header: string) => tr.children[headers.indexOf(header)]!;

  it('lists every row of corrections.csv by date, newest first, as the file gives it', () => {
    expect(rows.map((tr) => tr.id)).toEqual(CORRECTIONS.map((row) => `correction-${row['id']}`));
    rows.forEach((tr, i) => {
      const row = CORRECTIONS[i]!;
      const where = row['id']!;
      expect(squash(cell(tr, 'Date').textContent), where).toBe(row['date']);
      expect(squash(cell(tr, 'Kind').textContent).toLowerCase(), where).toBe(row['kind']);
      if (row['published_value'])
        expect(squash(cell(tr, 'As published').textContent), where).toBe(row['published_value']);
      if (row['stated_value'])
        expect(squash(cell(tr, 'As corrected').textContent), where).toContain(row['stated_value']);
      expect(squash(cell(tr, 'Statement').textContent), where).toContain(row['statement']);
      expect(cell(tr, 'Source').querySelector('a')?.getAttribute('href'), where).toBe(
        row['source'],
      );
    });
  });

  it('links each entry to its report and its jurisdiction, and the links resolve', () => {
    rows.forEach((tr, i) => {
      const row = CORRECTIONS[i]!;
      const report = cell(tr, 'Report').querySelector('a')!.getAttribute('href')!;
      expect(report).toBe(`/weeks/${row['report']}/`);
      const place = cell(tr, 'Concerns').querySelector('a')!.getAttribute('href')!;
      expect(place).toBe(`/jurisdictions/${row['jurisdiction']}/`);
      for (const target of [report, place])
        expect(resolves(FIXTURE_DIST, target), target).toBe(true);
    });
  });

  it('advertises its feed in the head and links it, as the data page and home page do', () => {
    const alternate = doc.querySelector(
      'link[rel="alternate"][type="application/rss+xml"][href="/corrections.xml"]',
    );
    expect(alternate).not.toBeNull();
    expect(resolves(FIXTURE_DIST, '/corrections.xml')).toBe(true);
    for (const path of ['corrections/', 'data/', '/']) {
      const links = [...readPage(FIXTURE_DIST, path).querySelectorAll('main a')].map((a) =>
        a.getAttribute('href'),
      );
      expect(links, path).toContain('/corrections.xml');
    }
  });
});
