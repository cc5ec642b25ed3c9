import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/lib/charts/cache.ts';
import type { ChartSpec } from '../../src/lib/charts/kit.ts';
import type { WeekReport } from '../../src/lib/contract/load.ts';
import { siteModel } from './helpers.ts';
import {
  weekDeclinedAgeChart,
  weekDeclinedByJurisdictionChart,
  weekDeclinedByStateChart,
  weekSectionIChart,
} from '../../src/lib/charts/specs/week.ts';
import { trendChart } from '../../src/lib/charts/specs/trend.ts';
import { jurisdictionHistoryChart } from '../../src/lib/charts/specs/jurisdiction.ts';
import { stateJurisdictionsChart } from '../../src/lib/charts/specs/state.ts';

const { gazetteer } = siteModel;
const [first, second, third] = siteModel.weeks.map((w) => w.report) as [
  WeekReport,
  WeekReport,
  WeekReport,
];
const reports = siteModel.weeks.map((w) => w.report);

const labels = (spec: ChartSpec) => spec.config.data.labels!.flat();
const values = (spec: ChartSpec, dataset = 0) => spec.config.data.datasets[dataset]!.data;
/** The values of a chart over time, whose data are {x, y} points on the time axis. */
const ys = (spec: ChartSpec, dataset = 0) =>
  (spec.config.data.datasets[dataset]!.data as { y: number | null }[]).map((point) => point.y);

function withoutCounts(report: WeekReport): WeekReport {
  const copy = structuredClone(report);
  for (const row of copy.jurisdictions) {
    row.declined = null;
    row.issued = null;
    row.issued_rank = null;
  }
  copy.declined = null;
  return copy;
}

describe('week charts', () => {
  it('declined by jurisdiction: the alt text names the leader and its figure of the total', () => {
    const spec = weekDeclinedByJurisdictionChart(first, gazetteer)!;
    expect(spec.alt).toContain('Travis County, TX recorded 5 of 7 declined detainers');
    expect(spec.alt).toContain('Jan 4 – Jan 10, 2020');
    expect(labels(spec)).toEqual([
      'Travis County, TX',
      'Williamson County, TX',
      'Nassau County, NY',
    ]);
    // A reported zero is a value and is drawn; only unknown counts are left out.
    expect(values(spec)).toEqual([5, 2, 0]);
    expect(spec.table.rows).toEqual([
      ['Travis County, TX', 5],
      ['Williamson County, TX', 2],
      ['Nassau County, NY', 0],
    ]);
  });

  it('leaves an unknown count out of the chart, names it in the note and keeps it in the table', () => {
    const spec = weekDeclinedByJurisdictionChart(second, gazetteer)!;
    expect(labels(spec)).not.toContain('Washington County, OR');
    expect(values(spec)).toEqual([9, 1]);
    expect(spec.note).toBe(
      'Declined count not reported for Washington County, OR; it is not drawn.',
    );
    expect(spec.table.rows).toContainEqual(['Washington County, OR', null]);

    const byState = weekDeclinedByStateChart(second, gazetteer)!;
    expect(labels(byState)).toEqual(['New York', 'Texas']);
    expect(byState.table.rows).toContainEqual(['Oregon', null]);
    expect(byState.note).toContain('Washington County, OR');
  });

  it('shows the top N and says how many more the table holds', () => {
    const spec = weekDeclinedByJurisdictionChart(first, gazetteer, 2)!;
    expect(values(spec)).toEqual([5, 2]);
    expect(spec.note).toBe(
      'The chart shows the top 2; 1 other jurisdiction with a reported count is in the table.',
    );
    expect(spec.table.rows).toHaveLength(3);
  });

  it('Section I: issued counts, with the nationwide figure in the alt text', () => {
    const spec = weekSectionIChart(first, gazetteer)!;
    expect(labels(spec)).toEqual(['Nassau County, NY', 'Travis County, TX']);
    expect(values(spec)).toEqual([20, 10]);
    expect(spec.alt).toContain('ICE issued 20 detainers to Nassau County, NY');
    expect(spec.alt).toContain('1,000 detainers nationwide');
  });

  it('age of declined detainers: buckets from issued to declined date, the oldest in words', () => {
    const spec = weekDeclinedAgeChart(first, gazetteer)!;
    // Rows 1–7 of the fixture; row 4 has no issued date.
    expect(values(spec)).toEqual([2, 2, 1, 0, 0, 1]);
    expect(spec.alt).toContain(
      'The oldest, in Travis County, TX, was issued on October 16, 2010, 3,368 days before it was recorded as declined on January 5, 2020.',
    );
    expect(spec.note).toBe('1 transcribed row without an issued or declined date is not drawn.');
  });

  it('returns no chart where there is nothing to draw', () => {
    const empty = withoutCounts(first);
    expect(weekDeclinedByJurisdictionChart(empty, gazetteer)).toBeNull();
    expect(weekDeclinedByStateChart(empty, gazetteer)).toBeNull();
    expect(weekSectionIChart(third, gazetteer)).toBeNull();
    expect(weekDeclinedAgeChart(third, gazetteer)).toBeNull();
    expect(trendChart([])).toBeNull();
  });
});

describe('trend chart', () => {
  it('plots both figures per report and states the totals', () => {
    const spec = trendChart(reports)!;
    expect(ys(spec, 0)).toEqual([1000, 900, 950]);
    expect(ys(spec, 1)).toEqual([7, 12, 3]);
    expect(spec.alt).toContain('22 declined detainers recorded in the 3 reports');
    expect(spec.note).toBeNull();
  });

  it('leaves a gap for a figure a report does not give, never a zero', () => {
    const withGap = structuredClone(reports);
    withGap[1]!.meta.figures.declined_total.value = null;
    const spec = trendChart(withGap)!;
    expect(ys(spec, 1)).toEqual([7, null, 3]);
    expect(spec.config.data.datasets[1]).toMatchObject({ spanGaps: false });
    expect(spec.note).toBe(
      'The number of declined detainers recorded is not reported for the report of Jan 11 – Jan 17, 2020; it is not drawn.',
    );
    expect(spec.table.rows[1]).toEqual(['Jan 11 – Jan 17, 2020', 900, null]);
  });
});

describe('jurisdiction and state charts', () => {
  it('jurisdiction: declined and issued per report, unknowns absent and named', () => {
    const spec = jurisdictionHistoryChart(siteModel.jurisdictions.get('tx-travis-county')!)!;
    expect(ys(spec, 0)).toEqual([5, 1, 1]);
    expect(ys(spec, 1)).toEqual([10, null, null]);
    expect(spec.alt).toContain('Declined detainers recorded: 7 across the 3 reports');
    expect(spec.note).toBe(
      'The issued count is not reported for the report of Jan 11 – Jan 17, 2020 and the report of Jan 18 – Jan 24, 2020; they are not drawn.',
    );
  });

  it('jurisdiction named without any count: no chart', () => {
    expect(
      jurisdictionHistoryChart(siteModel.jurisdictions.get('or-washington-county')!),
    ).toBeNull();
  });

  it('state: its jurisdictions, the leader in the alt text', () => {
    const texas = siteModel.states.find((state) => state.usps === 'TX')!;
    const spec = stateJurisdictionsChart(texas)!;
    expect(labels(spec)).toEqual(['Travis County, TX', 'Williamson County, TX']);
    expect(values(spec, 0)).toEqual([7, 2]);
    expect(spec.alt).toContain(
      'Travis County, TX recorded the most declined detainers: 7 of the 9',
    );
  });
});

it('every configuration is plain data, so it can be hashed for the cache', () => {
  const specs = [
    weekDeclinedByJurisdictionChart(first, gazetteer),
    weekSectionIChart(first, gazetteer),
    weekDeclinedByStateChart(first, gazetteer),
    weekDeclinedAgeChart(first, gazetteer),
    trendChart(reports),
    jurisdictionHistoryChart(siteModel.jurisdictions.get('tx-travis-county')!),
    stateJurisdictionsChart(siteModel.states[0]!),
  ];
  for (const spec of specs) {
    expect(spec).not.toBeNull();
    for (const config of [spec!.config, spec!.narrow.config]) {
      expect(JSON.parse(canonicalJson(config))).toEqual(config);
    }
  }
});
