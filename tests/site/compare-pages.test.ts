import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/lib/contract/load.ts';
import { REPORT_FIGURES } from '../../src/lib/contract/schema.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import { findBrokenLinks, listPages, resolves } from '../helpers/built-site.ts';
import { fixtureWithWeeks } from '../helpers/fixture-week.ts';
import { buildSite, FIXTURE_DATA, FIXTURE_DIST, makeWorkDir, readPage } from '../helpers/site.ts';

const SITE = 'https://declined-detainer-archive.github.io';
const HOSTILE_NAME = '<script>alert("x")</script> & <b>Place</b>';
const HOSTILE_URL = 'https://example.org/a?x="><script>alert(3)</script>&y=<b>';
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The expected comparison, worked out here from the two reports' CSV files alone (papaparse, no
 * code of the site): a count is the cell as written, blank meaning not reported.
 */
interface ExpectedRow {
  id: string;
  change: string;
  before: string;
  after: string;
  beforeSource: string | null;
  afterSource: string | null;
  difference: string;
}

function readCounts(data: string, start: string): Map<string, Record<string, string>> {
  const text = readFileSync(join(data, 'reports', start, 'jurisdictions.csv'), 'utf8');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return new Map(rows.data.map((row) => [row['jurisdiction']!, row]));
}

const shown = (row: Record<string, string> | undefined) =>
  !row
    ? 'not named'
    : row['declined'] === ''
      ? 'not reported'
      : Number(row['declined']).toLocaleString('en-US');

function expectedComparison(data: string, a: string, b: string): ExpectedRow[] {
  const [before, after] = [readCounts(data, a), readCounts(data, b)];
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  return ids.map((id): ExpectedRow => {
    const [x, y] = [before.get(id), after.get(id)];
    let change: string;
    let difference: string;
    if (!x || !y) {
      change = x ? 'disappeared' : 'appeared';
      difference = 'not named in both';
    } else if (x['declined'] === '' || y['declined'] === '') {
      change = 'count not reported';
      difference = 'not known';
    } else {
      const d = Number(y['declined']) - Number(x['declined']);
      change = d > 0 ? 'rose' : d < 0 ? 'fell' : 'unchanged';
      difference = d > 0 ? `+${d}` : d < 0 ? `\u2212${-d}` : '0';
    }
    const source = (row: Record<string, string> | undefined) =>
      row && row['declined'] !== '' ? row['declined_source']! : null;
    return {
      id,
      change,
      before: shown(x),
      after: shown(y),
      beforeSource: source(x),
      afterSource: source(y),
      difference,
    };
  });
}

/** The comparison table of a built page, in page order. */
function builtComparison(dist: string, a: string, b: string): ExpectedRow[] {
  const doc = readPage(dist, `weeks/${a}/vs/${b}/`);
  const table = doc.querySelector('main table.comparison');
  if (!table) throw new Error(`no comparison table on /weeks/${a}/vs/${b}/`);
  const figure = (cell: Element) => squash(cell.querySelector('span')?.textContent);
  const source = (cell: Element) => cell.querySelector('a.source')?.getAttribute('href') ?? null;
  return [...table.querySelectorAll('tbody tr')].map((tr) => {
    const [, change, before, after, difference] = [...tr.children] as Element[];
    const href = tr.querySelector('th a')!.getAttribute('href')!;
    return {
      id: href.match(/^\/jurisdictions\/([^/]+)\/$/)![1]!,
      change: squash(change!.textContent),
      before: figure(before!),
      after: figure(after!),
      beforeSource: source(before!),
      afterSource: source(after!),
      difference: squash(difference!.textContent),
    };
  });
}

const KIND_ORDER = ['appeared', 'disappeared', 'rose', 'fell', 'unchanged', 'count not reported'];
const weeksOf = (data: string) => readdirSync(join(data, 'reports')).sort();

/** Checks every comparison page of a build against the data; returns the kinds of change seen. */
function checkComparisons(data: string, dist: string): Set<string> {
  const weeks = weeksOf(data);
  const seen = new Set<string>();
  for (let i = 1; i < weeks.length; i++) {
    const [a, b] = [weeks[i - 1]!, weeks[i]!];
    const where = `${a} vs ${b}`;
    const built = builtComparison(dist, a, b);
    const expected = expectedComparison(data, a, b);
    expect(
      [...built].sort((x, y) => x.id.localeCompare(y.id)),
      where,
    ).toEqual(expected);
    // Grouped by kind of change, in the order the page explains them.
    const order = built.map((row) => KIND_ORDER.indexOf(row.change));
    expect(order, where).toEqual([...order].sort((x, y) => x - y));
    for (const row of built) seen.add(row.change);

    const doc = readPage(dist, `weeks/${a}/vs/${b}/`);
    const counts = [...doc.querySelectorAll('main dl.totals dd')].map((dd) =>
      squash(dd.textContent),
    );
    expect(counts, where).toEqual(
      KIND_ORDER.map((kind) => String(expected.filter((row) => row.change === kind).length)),
    );
    // Back to both reports, and each report forward to the comparison.
    const links = [...doc.querySelectorAll('main a')].map((link) => link.getAttribute('href'));
    expect(links, where).toEqual(expect.arrayContaining([`/weeks/${a}/`, `/weeks/${b}/`]));
    const compareLink = (start: string) =>
      [...readPage(dist, `weeks/${start}/`).querySelectorAll('main a')].map((link) =>
        link.getAttribute('href'),
      );
    expect(compareLink(a), where).toContain(`/weeks/${a}/vs/${b}/`);
    expect(compareLink(b), where).toContain(`/weeks/${a}/vs/${b}/`);
  }
  // Only consecutive reports are compared.
  const pages = listPages(dist).filter((page) => page.includes('/vs/'));
  expect(pages).toEqual(weeks.slice(1).map((b, i) => `/weeks/${weeks[i]}/vs/${b}/`));
  return seen;
}

describe('comparison pages of the fixture', () => {
  it('tabulate what the two reports’ CSV files give, for each consecutive pair', () => {
    const seen = checkComparisons(FIXTURE_DATA, FIXTURE_DIST);
    expect([...seen].sort()).toEqual(['appeared', 'disappeared', 'fell', 'unchanged']);
  });

  it('show a drawn chart with its finding as alt text, the table as its data', () => {
    const doc = readPage(FIXTURE_DIST, 'weeks/2020-01-04/vs/2020-01-11/');
    const img = doc.querySelector('main figure img')!;
    expect(resolves(FIXTURE_DIST, img.getAttribute('src')!)).toBe(true);
    expect(img.getAttribute('alt')).toContain('Largest fall: Travis County, TX (−4, from 5 to 1).');
    expect(doc.querySelector('main figure table.comparison')).not.toBeNull();
  });

  it('mark a disputed or withdrawn figure and link its entry on /corrections/', () => {
    const doc = readPage(FIXTURE_DIST, 'weeks/2020-01-04/vs/2020-01-11/');
    const marks = [...doc.querySelectorAll('main a.correction-mark')];
    expect(marks.map((mark) => mark.getAttribute('href')).sort()).toEqual([
      '/corrections/#correction-fixture-travis-dispute',
      '/corrections/#correction-fixture-williamson-withdrawal',
    ]);
    const corrections = readPage(FIXTURE_DIST, 'corrections/');
    for (const mark of marks) {
      const id = mark.getAttribute('href')!.split('#')[1]!;
      expect(corrections.getElementById(id), id).not.toBeNull();
    }
  });
});

describe('comparison pages with unknown counts', () => {
  let work: string;
  let data: string;
  let dist: string;

  /**
   * The fixture plus two partial reports in which counts go unknown and come back: 1 → blank
   * (not "fell"), blank → 3 (not "rose"), and 0 → 0 (a known count, "unchanged").
   */
  beforeAll(async () => {
    work = makeWorkDir('compare-');
    data = join(work, 'data');
    dist = join(work, 'dist');
    const weeks: [string, string, string[]][] = [
      [
        '2020-01-25',
        '2020-01-31',
        [
          'tx-travis-county,,,,,,named; count not given',
          'ca-los-angeles-county,,,,2,S,',
          'ny-new-york-city,,,,12,S,',
          'ny-nassau-county,,,,0,S,',
        ],
      ],
      [
        '2020-02-01',
        '2020-02-07',
        [
          'tx-travis-county,,,,3,S,',
          'ca-los-angeles-county,,,,5,S,',
          'ny-new-york-city,,,,7,S,',
          'ny-nassau-county,,,,0,S,',
          'tx-williamson-county,,,,1,S,',
          `tx-hostile-place,,,,2,"${HOSTILE_URL.replaceAll('"', '""')}",`,
        ],
      ],
    ];
    const unknown = Object.fromEntries(REPORT_FIGURES.map(({ name }) => [name, null]));
    fixtureWithWeeks(
      data,
      weeks.map(([start, , rows], i) => {
        const source = `https://example.org/reports/${start}`;
        return {
          start,
          report: {
            title: `Fixture report ${start}`,
            published_source: source,
            coverage: 'partial',
            coverage_note: 'Only some counts are transcribed.',
          },
          figures: unknown,
          rows: rows.map((row) => row.replace(',S,', `,${source},`)),
          gazetteer:
            i === 0
              ? [`tx-hostile-place,"${HOSTILE_NAME.replaceAll('"', '""')}",TX,other,,48453,,`]
              : [],
        };
      }),
    );
    await buildSite(data, dist);
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is valid data', () => {
    expect(checkDataset(folderSource(data)).issues).toEqual([]);
  });

  it('tabulate what the CSV files give, an unknown count classed as such and never as 0', () => {
    const seen = checkComparisons(data, dist);
    expect([...seen].sort()).toEqual([...KIND_ORDER].sort());
    const travis = (a: string, b: string) =>
      builtComparison(dist, a, b).find((row) => row.id === 'tx-travis-county');
    expect(travis('2020-01-18', '2020-01-25')).toMatchObject({
      change: 'count not reported',
      before: '1',
      after: 'not reported',
      afterSource: null,
      difference: 'not known',
    });
    expect(travis('2020-01-25', '2020-02-01')).toMatchObject({
      change: 'count not reported',
      before: 'not reported',
      after: '3',
    });
  });

  it('say that a partial transcription may make a jurisdiction appear or disappear', () => {
    const doc = readPage(dist, 'weeks/2020-01-25/vs/2020-02-01/');
    expect(squash(doc.querySelector('main')?.textContent)).toContain(
      'Neither transcription is complete',
    );
  });

  it('keep a name and a source full of markup as text and as an address', () => {
    const doc = readPage(dist, 'weeks/2020-01-25/vs/2020-02-01/');
    const row = [...doc.querySelectorAll('main table.comparison tbody tr')].find(
      (tr) => tr.querySelector('th a')?.getAttribute('href') === '/jurisdictions/tx-hostile-place/',
    )!;
    expect(squash(row.querySelector('th')!.textContent)).toBe(`${HOSTILE_NAME}, TX`);
    expect(row.querySelector('a.source')!.getAttribute('href')).toBe(HOSTILE_URL);
    // Markup that reached the page unescaped would have become elements.
    expect(doc.querySelectorAll('main script, main b')).toHaveLength(0);
    expect(doc.querySelector('main .chart-note')!.textContent).toContain(HOSTILE_NAME);
  });

  it('leave no broken internal link', () => {
    expect(findBrokenLinks(dist, SITE)).toEqual([]);
  });
});
