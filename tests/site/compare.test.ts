import { describe, expect, it } from 'vitest';
import {
  CHANGE_KINDS,
  compareReports,
  comparisonDescription,
  comparisonSummary,
  coverageCaveat,
  differenceText,
} from '../../src/lib/model/compare.ts';
import { periodEnd } from '../../src/lib/contract/dates.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import type { WeekReport } from '../../src/lib/contract/load.ts';
import type { ReportJurisdictionRow } from '../../src/lib/contract/schema.ts';
import { buildSiteModel } from '../../src/lib/model/site-model.ts';
import { FIXTURE_DATA } from '../helpers/site.ts';
import { siteDataOf } from '../helpers/views.ts';
import { comparePaths } from '../../src/site/views/compare.ts';
import { comparisonChart } from '../../src/lib/charts/specs/compare.ts';

const fixture = buildSiteModel(loadDataset(FIXTURE_DATA));
const { gazetteer } = fixture;
const template = fixture.weeks[0]!.report;

/** A report with the given declined counts (null: named without a count). */
function report(
  start: string,
  counts: Record<string, number | null>,
  coverage: 'complete' | 'partial' = 'complete',
): WeekReport {
  return {
    start,
    meta: {
      ...template.meta,
      period_start: start,
      period_end: periodEnd(start),
      coverage,
      coverage_note: coverage === 'partial' ? 'Some rows are missing.' : null,
    },
    jurisdictions: Object.entries(counts).map(
      ([jurisdiction, declined]): ReportJurisdictionRow => ({
        jurisdiction,
        issued_rank: null,
        issued: null,
        issued_source: null,
        declined,
        declined_source: declined === null ? null : `https://example.org/${start}`,
        note: null,
      }),
    ),
    declined: null,
    originalPath: null,
  };
}

// Every kind of change, with zeros (a known count) beside unknown counts.
const earlier = report('2020-02-01', {
  'tx-travis-county': 5,
  'tx-williamson-county': 2,
  'ny-nassau-county': 0,
  'ny-new-york-city': null,
  'or-washington-county': 3,
  'ca-los-angeles-county': 1,
});
const later = report('2020-02-08', {
  'tx-travis-county': 1,
  'ny-nassau-county': 0,
  'ny-new-york-city': 4,
  'or-washington-county': null,
  'ca-los-angeles-county': 7,
  'tx-unknown-place': 2,
});

describe('compareReports', () => {
  const comparison = compareReports(earlier, later, gazetteer);
  const byId = new Map(comparison.rows.map((row) => [row.jurisdiction, row]));

  it('classes each jurisdiction either report names, once', () => {
    expect(
      Object.fromEntries(comparison.rows.map((row) => [row.jurisdiction, row.change])),
    ).toEqual({
      'tx-unknown-place': 'appeared',
      'tx-williamson-county': 'disappeared',
      'ca-los-angeles-county': 'rose',
      'tx-travis-county': 'fell',
      'ny-nassau-county': 'unchanged',
      'ny-new-york-city': 'unknown',
      'or-washington-county': 'unknown',
    });
    expect(comparison.counts).toEqual({
      appeared: 1,
      disappeared: 1,
      rose: 1,
      fell: 1,
      unchanged: 1,
      unknown: 2,
    });
  });

  it('never takes an unknown count for 0: no difference, and not unchanged', () => {
    // Unknown → 4 and 3 → unknown: were null read as 0, these would be a rise and a fall.
    expect(byId.get('ny-new-york-city')).toMatchObject({ change: 'unknown', difference: null });
    expect(byId.get('or-washington-county')).toMatchObject({ change: 'unknown', difference: null });
    // A reported 0 in both is a known count that did not change.
    expect(byId.get('ny-nassau-county')).toMatchObject({ change: 'unchanged', difference: 0 });
  });

  it('gives the later count minus the earlier, and keeps each report’s own row', () => {
    expect(byId.get('ca-los-angeles-county')!.difference).toBe(6);
    expect(byId.get('tx-travis-county')!.difference).toBe(-4);
    expect(byId.get('tx-travis-county')!.before!.declined_source).toBe(
      'https://example.org/2020-02-01',
    );
    expect(byId.get('tx-williamson-county')).toMatchObject({ after: null, difference: null });
    expect(byId.get('tx-unknown-place')).toMatchObject({ before: null, difference: null });
  });

  it('lists rows by change in a fixed order, names from the gazetteer or the id', () => {
    const order = comparison.rows.map((row) => CHANGE_KINDS.indexOf(row.change));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(byId.get('tx-travis-county')!.name).toBe('Travis County, TX');
    expect(byId.get('tx-unknown-place')!.name).toBe('tx-unknown-place');
  });

  it('puts the largest change first within a kind', () => {
    const rose = compareReports(
      report('2020-02-01', { 'tx-travis-county': 1, 'ny-nassau-county': 1 }),
      report('2020-02-08', { 'tx-travis-county': 2, 'ny-nassau-county': 9 }),
      gazetteer,
    );
    expect(rose.rows.map((row) => [row.jurisdiction, row.difference])).toEqual([
      ['ny-nassau-county', 8],
      ['tx-travis-county', 1],
    ]);
  });

  it('refuses a later report before an earlier one', () => {
    expect(() => compareReports(later, earlier, gazetteer)).toThrow(/earlier report/);
    expect(() => compareReports(earlier, earlier, gazetteer)).toThrow(/earlier report/);
  });
});

describe('comparison texts', () => {
  const comparison = compareReports(earlier, later, gazetteer);

  it('writes the difference signed, or why there is none', () => {
    const text = Object.fromEntries(
      comparison.rows.map((row) => [row.jurisdiction, differenceText(row)]),
    );
    expect(text['ca-los-angeles-county']).toBe('+6');
    expect(text['tx-travis-county']).toBe('−4');
    expect(text['ny-nassau-county']).toBe('0');
    expect(text['ny-new-york-city']).toBe('not known');
    expect(text['tx-williamson-county']).toBe('not named in both');
  });

  it('sums up every kind of change in one sentence', () => {
    expect(comparisonSummary(comparison)).toBe(
      'Of the 7 jurisdictions named in the report of Feb 1 – Feb 7, 2020 or the report of Feb 8 – Feb 14, 2020: 1 appeared, 1 disappeared, 1 rose, 1 fell, 1 unchanged, and 2 have a count not reported in one or both.',
    );
  });

  it('describes the page in one short sentence', () => {
    const description = comparisonDescription(comparison);
    expect(description).toBe(
      'How declined detainers per jurisdiction changed from the report of Feb 1 – Feb 7, 2020 to the next: 1 appeared, 1 disappeared, 1 rose, 1 fell, 1 unchanged.',
    );
    expect(description.length).toBeLessThanOrEqual(160);
  });

  it('warns that a partial transcription can make a jurisdiction appear or disappear', () => {
    expect(coverageCaveat(comparison)).toBeNull();
    const partial = compareReports(
      earlier,
      report('2020-02-08', { 'tx-travis-county': 1 }, 'partial'),
      gazetteer,
    );
    expect(coverageCaveat(partial)).toMatch(
      /^The transcription of the report of Feb 8 – Feb 14, 2020 is partial/,
    );
    const both = compareReports(
      report('2020-02-01', {}, 'partial'),
      report('2020-02-08', {}, 'partial'),
      gazetteer,
    );
    expect(coverageCaveat(both)).toMatch(/^Neither transcription is complete/);
  });
});

describe('comparePaths', () => {
  it('pairs each report with the next one, and no other', () => {
    expect(comparePaths(siteDataOf()).map((p) => p.params)).toEqual([
      { date: '2020-01-04', other: '2020-01-11' },
      { date: '2020-01-11', other: '2020-01-18' },
    ]);
  });
});

describe('comparisonChart', () => {
  const spec = comparisonChart(compareReports(earlier, later, gazetteer))!;
  const labels = spec.config.data.labels!;
  const series = spec.config.data.datasets.map((d) => d.data);

  it('draws both counts of each jurisdiction with one, largest first, none for an unknown', () => {
    expect(labels).toEqual([
      'Los Angeles County, CA',
      'Travis County, TX',
      'New York City, NY',
      'Washington County, OR',
      'tx-unknown-place',
      'Williamson County, TX',
      'Nassau County, NY',
    ]);
    expect(series).toEqual([
      [1, 5, null, 3, null, 2, 0],
      [7, 1, 4, null, 2, null, 0],
    ]);
  });

  it('says in the alt text what changed most, and in the note what is not drawn', () => {
    expect(spec.alt).toContain('Largest rise: Los Angeles County, CA (+6, from 1 to 7).');
    expect(spec.alt).toContain('Largest fall: Travis County, TX (−4, from 5 to 1).');
    expect(spec.note).toContain(
      'tx-unknown-place is not named in the report of Feb 1 – Feb 7, 2020',
    );
    expect(spec.note).toContain(
      'The declined count in the report of Feb 1 – Feb 7, 2020 is not reported for New York City, NY',
    );
    expect(spec.note).toContain(
      'The declined count in the report of Feb 8 – Feb 14, 2020 is not reported for Washington County, OR',
    );
  });

  it('keeps every row in its table, "not named" apart from "not reported"', () => {
    expect(spec.table.rows).toContainEqual(['New York City, NY', null, 4, 'not known']);
    expect(spec.table.rows).toContainEqual([
      'Williamson County, TX',
      2,
      'not named',
      'not named in both',
    ]);
    expect(spec.table.rows).toHaveLength(7);
  });

  it('counts rather than names jurisdictions once a list would not fit in a sentence', () => {
    const ids = [...gazetteer.keys()];
    const many = comparisonChart(
      compareReports(
        report('2020-02-01', Object.fromEntries(ids.map((id) => [id, null]))),
        report('2020-02-08', Object.fromEntries(ids.map((id) => [`${id}-x`, 1]))),
        gazetteer,
      ),
    )!;
    expect(ids.length).toBeGreaterThan(5);
    expect(many.note).toContain(
      `${ids.length} jurisdictions are not named in the report of Feb 1 – Feb 7, 2020`,
    );
    expect(many.note).toContain(
      `The declined count in the report of Feb 1 – Feb 7, 2020 is not reported for ${ids.length} jurisdictions;`,
    );
    const ties = comparisonChart(
      compareReports(
        report('2020-02-01', Object.fromEntries(ids.map((id) => [id, 1]))),
        report('2020-02-08', Object.fromEntries(ids.map((id) => [id, 2]))),
        gazetteer,
      ),
    )!;
    expect(ties.alt).toContain(`Largest rise: ${ids.length} jurisdictions, +1 each.`);
  });

  it('shows the top N and says how many are left to the table; draws nothing without a count', () => {
    const top = comparisonChart(compareReports(earlier, later, gazetteer), 3)!;
    expect(top.config.data.labels).toHaveLength(3);
    expect(top.note).toContain('4 others are in the table');
    const empty = compareReports(
      report('2020-02-01', { 'tx-travis-county': null }),
      report('2020-02-08', { 'tx-travis-county': null }),
      gazetteer,
    );
    expect(comparisonChart(empty)).toBeNull();
  });
});
