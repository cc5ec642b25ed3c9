import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  correctionFeedItems,
  jurisdictionFeedItems,
  reportFeedItems,
} from '../../src/lib/feeds.ts';
import { loadDataset } from '../../src/lib/load.ts';
import { buildSiteModel, jurisdictionLabel } from '../../src/lib/site-model.ts';
import { absoluteUrl } from '../../src/lib/urls.ts';
import { buildSite, readText, ROOT, TEST_OUTPUT } from '../helpers/site.ts';
import { parseFeed } from './rss.ts';

const HOSTILE_DATA = join(ROOT, 'tests/fixtures/hostile/data');
const OUT = join(TEST_OUTPUT, 'hostile');
const DIST = join(OUT, 'dist');
const SITE = 'https://declined-detainer-archive.github.io/';
const model = buildSiteModel(loadDataset(HOSTILE_DATA));
const link = (path: string) => absoluteUrl(SITE, '/', path);

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  await buildSite(HOSTILE_DATA, DIST);
});

/** Markup the payloads would inject if any text reached the XML unescaped. */
const INJECTED = /<(script|evil|b|img)\b|<!\[CDATA\[/i;

describe('feeds built from hostile data', () => {
  it('/rss.xml parses and carries every text exactly, with no markup of its own', () => {
    const xml = readText(DIST, 'rss.xml');
    expect(xml).not.toMatch(INJECTED);
    const expected = reportFeedItems(model, link);
    const { items } = parseFeed(xml);
    expect(items.map((i) => [i.title, i.description])).toEqual(
      expected.map((i) => [i.title, i.description]),
    );
    // The coverage note's `]]><evil/>` arrives as text, so the escaping really ran.
    expect(items[0]!.description).toContain(']]><evil/>');
  });

  it('jurisdiction feeds keep names with <, & and bidi controls as text', () => {
    for (const summary of model.jurisdictions.values()) {
      const xml = readText(DIST, `jurisdictions/${summary.jurisdiction.id}/rss.xml`);
      expect(xml).not.toMatch(INJECTED);
      const feed = parseFeed(xml);
      expect(feed.title).toBe(
        `Declined Detainer Archive: ${jurisdictionLabel(summary.jurisdiction)}`,
      );
      expect(feed.items.map((i) => [i.title, i.description])).toEqual(
        jurisdictionFeedItems(summary, model, link).map((i) => [i.title, i.description]),
      );
    }
    const two = parseFeed(readText(DIST, 'jurisdictions/tx-hostile-two/rss.xml'));
    expect(two.items[0]!.title).toContain('\u202Eevil\u202C & <b>Two</b>, TX');
  });

  it('/corrections.xml carries statements, names and sources exactly, as text', () => {
    const xml = readText(DIST, 'corrections.xml');
    expect(xml).not.toMatch(INJECTED);
    const { items } = parseFeed(xml);
    expect(items.map((i) => [i.title, i.description])).toEqual(
      correctionFeedItems(model, link).map((i) => [i.title, i.description]),
    );
    expect(items[0]!.description).toContain('<script>alert("x")</script> ]]><evil/>');
  });
});

describe('downloads built from hostile data', () => {
  const parse = (path: string) =>
    Papa.parse<Record<string, string>>(readText(DIST, path), { header: true, skipEmptyLines: true })
      .data;

  it('neutralise every formula-like cell and keep the rest verbatim', () => {
    const [one, two, long] = parse('weeks/2020-01-04/jurisdictions.csv');
    expect(one!['note']).toBe(`'=HYPERLINK("https://evil.example","click")`);
    expect(two!['note']).toBe(`'-<script>alert("x")</script>`);
    expect(long!['note']).toBe("'@SUM(A1) \u202Eevil\u202C");
    expect(one!['issued_source']).toBe('https://example.org/a?x="><script>alert(3)</script>&y=<b>');
    const declined = parse('data/all-declined.csv');
    expect(declined.map((r) => r['facility'])).toEqual([
      '"><img src=x onerror=alert(1)>',
      ']]><evil/>',
      `'+<script>alert("x")</script>`,
    ]);
    expect(declined[2]!['citizenship']).toBe("'@evil");
    const gazetteer = parse('data/jurisdictions.csv');
    expect(gazetteer.map((r) => r['id'])).toEqual([
      'ny-hostile-long',
      'tx-hostile-one',
      'tx-hostile-two',
    ]);
    expect(gazetteer[1]!['aliases']).toBe(
      `]]><evil/>|</Script><script>alert(2)</script>|=HYPERLINK("https://evil.example","click")`,
    );
  });

  it('JSON files hold the raw text, which JSON.parse gives back unchanged', () => {
    const week = JSON.parse(readText(DIST, 'api/weeks/2020-01-04.json'));
    expect(week.meta.coverage_note).toBe('=HYPERLINK("https://evil.example","click") ]]><evil/>');
    expect(week.jurisdictions[0].note).toBe('=HYPERLINK("https://evil.example","click")');
  });
});
