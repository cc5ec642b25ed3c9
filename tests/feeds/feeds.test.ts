import { describe, expect, it } from 'vitest';
import { headline, jurisdictionFeedItems, reportFeedItems } from '../../src/lib/output/feeds.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import { buildSiteModel } from '../../src/lib/model/site-model.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readPage, readText } from '../helpers/site.ts';
import { parseFeed } from './rss.ts';

const SITE = 'https://declined-detainer-archive.github.io/';
const model = buildSiteModel(loadDataset(FIXTURE_DATA));
const link = (path: string) => `https://example.test/${path}`;

describe('headline', () => {
  it('formats known figures and says which are not reported', () => {
    expect(headline(3083, 206)).toBe('3,083 detainers issued, 206 declined');
    expect(headline(900, null)).toBe('900 detainers issued, declined not reported');
    expect(headline(null, 0)).toBe('detainers issued not reported, 0 declined');
  });
});

describe('reportFeedItems', () => {
  const items = reportFeedItems(model, link);

  it('has one item per report, newest first, dated by publication at UTC midnight', () => {
    expect(items.map((i) => i.link)).toEqual([
      'https://example.test/weeks/2020-01-18/',
      'https://example.test/weeks/2020-01-11/',
      'https://example.test/weeks/2020-01-04/',
    ]);
    expect(items.map((i) => i.pubDate.toISOString())).toEqual([
      '2020-02-20T00:00:00.000Z',
      '2020-02-12T00:00:00.000Z',
      '2020-02-03T00:00:00.000Z',
    ]);
  });

  it('titles each item with the period and headline figures', () => {
    expect(items.at(-1)!.title).toBe('Jan 4 – Jan 10, 2020: 1,000 detainers issued, 7 declined');
  });

  it('describes publication, figures, coverage and corrections in plain text', () => {
    const oldest = items.at(-1)!.description;
    expect(oldest).toContain('published February 3, 2020');
    expect(oldest).toContain('Detainers issued nationwide: 1,000.');
    expect(oldest).toContain('Coverage: complete');
    expect(oldest).toContain('2 corrections or disputes recorded for this report.');
    const partial = items[1]!.description;
    expect(partial).toContain(
      "Coverage: partial. Only two jurisdictions' counts are known; Section II rows are not transcribed.",
    );
    expect(partial).toContain('No corrections or disputes recorded');
    expect(items.map((i) => i.description).join('')).not.toMatch(/[<>]/);
  });
});

describe('jurisdictionFeedItems', () => {
  it("gives the jurisdiction's own figures for each report naming it, newest first", () => {
    const travis = model.jurisdictions.get('tx-travis-county')!;
    const items = jurisdictionFeedItems(travis, model, link);
    expect(items.map((i) => i.title)).toEqual([
      'Travis County, TX — report for Jan 18 – Jan 24, 2020: detainers issued not reported, 1 declined',
      'Travis County, TX — report for Jan 11 – Jan 17, 2020: detainers issued not reported, 1 declined',
      'Travis County, TX — report for Jan 4 – Jan 10, 2020: 10 detainers issued, 5 declined',
    ]);
    expect(items.at(-1)!.description).toContain('(rank 2 in Section I)');
    expect(items.at(-1)!.description).toContain('1 correction or dispute recorded about Travis');
  });

  it('says when a count is not given and repeats the transcription note', () => {
    const washington = model.jurisdictions.get('or-washington-county')!;
    const [item] = jurisdictionFeedItems(washington, model, link);
    expect(item!.title).toContain('declined not reported');
    expect(item!.description).toContain('Transcription note: named in Section II; count not given');
  });
});

describe('built feeds', () => {
  it('/rss.xml lists every report newest first with permalink GUIDs and publication dates', () => {
    const feed = parseFeed(readText(FIXTURE_DIST, 'rss.xml'));
    expect(feed.link).toBe(SITE);
    const weeks = ['2020-01-18', '2020-01-11', '2020-01-04'];
    expect(feed.items.map((i) => i.link)).toEqual(weeks.map((w) => `${SITE}weeks/${w}/`));
    for (const item of feed.items) {
      expect(item.guid).toEqual({ '#text': item.link, '@_isPermaLink': 'true' });
    }
    expect(feed.items.map((i) => i.pubDate)).toEqual([
      'Thu, 20 Feb 2020 00:00:00 GMT',
      'Wed, 12 Feb 2020 00:00:00 GMT',
      'Mon, 03 Feb 2020 00:00:00 GMT',
    ]);
    expect(feed.items[1]!.title).toBe('Jan 11 – Jan 17, 2020: 900 detainers issued, 12 declined');
  });

  it("each jurisdiction feed lists the reports naming it, each linked to the jurisdiction's row", () => {
    const dataset = loadDataset(FIXTURE_DATA);
    const reportGuids = new Set(
      parseFeed(readText(FIXTURE_DIST, 'rss.xml')).items.map((i) => i.guid['#text']),
    );
    for (const { id } of dataset.gazetteer) {
      const naming = dataset.reports
        .filter((r) => r.jurisdictions.some((row) => row.jurisdiction === id))
        .map((r) => r.start)
        .reverse();
      const feed = parseFeed(readText(FIXTURE_DIST, `jurisdictions/${id}/rss.xml`));
      expect(
        feed.items.map((i) => i.link),
        id,
      ).toEqual(naming.map((start) => `${SITE}weeks/${start}/#jurisdiction-${id}`));
      for (const [i, item] of feed.items.entries()) {
        // The anchor is the jurisdiction's row on the report page, or its entry in the list of
        // those named without a count.
        const row = readPage(FIXTURE_DIST, `weeks/${naming[i]}/`).getElementById(
          `jurisdiction-${id}`,
        );
        expect(['TR', 'LI'], item.link).toContain(row?.tagName);
        expect(row!.textContent).toContain(dataset.gazetteer.find((j) => j.id === id)!.name);
        expect(reportGuids.has(item.guid['#text']), item.link).toBe(false);
        expect(item.guid['#text']).toBe(item.link);
      }
      expect(feed.link).toBe(`${SITE}jurisdictions/${id}/`);
    }
  });
});
