import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import { addDays, daysBetween, PERIOD_DAYS, periodEnd } from '../../src/lib/contract/dates.ts';
import type { AxisBreak, ChartSpec, FixedTick, Rendition } from '../../src/lib/charts/kit.ts';
import { LONG_GAP_DAYS } from '../../src/lib/charts/kit.ts';
import { jurisdictionHistoryChart } from '../../src/lib/charts/specs/jurisdiction.ts';
import { daysInWords, formatPeriod } from '../../src/lib/text/dates.ts';
import { weeksView } from '../../src/site/views/weeks.ts';
import { ADDED_SOURCE, fixtureWithWeeks } from '../helpers/fixture-week.ts';
import type { AddedWeek } from '../helpers/fixture-week.ts';
import { FIXTURE_DATA, makeWorkDir } from '../helpers/site.ts';
import { siteDataOf } from '../helpers/views.ts';
import { drawnTexts } from './drawn-text.ts';

const work = makeWorkDir('charts-gaps-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fixtureStarts = siteDataOf(FIXTURE_DATA).model.weeks.map((w) => w.report.start);
const lastStart = fixtureStarts.at(-1)!;

/** A report added to the fixture, naming Travis County (which every fixture report names). */
const added = (start: string): AddedWeek => ({
  start,
  report: { published: addDays(start, 20) },
  figures: { detainers_issued: 1500, declined_total: 4 },
  rows: [`tx-travis-county,,,,4,${ADDED_SOURCE},`],
});

/** The site of the fixture plus the given reports: its trend and Travis County's history. */
function chartsWith(...starts: string[]) {
  const dir = fixtureWithWeeks(join(work, starts.join('+') || 'fixture'), starts.map(added));
  const site = siteDataOf(dir);
  const trend = weeksView(site).trend;
  if (trend?.kind !== 'chart') throw new Error('no trend chart');
  return {
    trend: trend.spec,
    history: jurisdictionHistoryChart(site.model.jurisdictions.get('tx-travis-county')!)!,
  };
}

const xAxis = (config: ChartConfiguration) =>
  config.options!.scales!['x'] as {
    type: string;
    fixedTicks: FixedTick[];
    min: number;
    max: number;
  };
const breaksOf = (config: ChartConfiguration) =>
  (config.options!.plugins as { axisBreaks: { breaks: AxisBreak[] } }).axisBreaks.breaks;
/** Each report's position on the time axis: the x of the points that have a value. */
const positions = (config: ChartConfiguration) =>
  (config.data.datasets[0]!.data as { x: number; y: number | null }[]).map((p) => p);
const period = (start: string) => `the report of ${formatPeriod(start, periodEnd(start))}`;
const renditions = (spec: ChartSpec): Rendition[] => [spec, spec.narrow];

describe('a report years after the last', () => {
  const later = '2025-03-01';
  const { trend, history } = chartsWith(later);
  const missingDays = daysBetween(lastStart, later) - PERIOD_DAYS;
  const years = Math.floor(missingDays / 365.25);
  // The wording the whole site uses for a gap (the comparison pages say it the same way).
  const span = daysInWords(missingDays);

  it('is set apart on the trend by a break labelled with how long no report covers', () => {
    expect(years).toBeGreaterThanOrEqual(5);
    for (const { config } of renditions(trend)) {
      expect(xAxis(config).type).toBe('linear');
      const [gap, ...more] = breaksOf(config);
      expect(more).toEqual([]);
      expect(gap!.label.join(' ')).toBe(`no report for ${span}`);
      const points = positions(config);
      const xOf = (start: string) =>
        points.filter((p) => p.y !== null)[[...fixtureStarts, later].indexOf(start)]!.x;
      // The break lies between the last fixture report and the later one, and nothing else does.
      expect(gap!.from).toBeGreaterThan(xOf(lastStart));
      expect(gap!.to).toBeLessThan(xOf(later));
      // Consecutive weeks are a week apart; the two reports years apart are not neighbours.
      expect(xOf(fixtureStarts[1]!) - xOf(fixtureStarts[0]!)).toBe(PERIOD_DAYS);
      expect(xOf(later) - xOf(lastStart)).toBeGreaterThan(2 * PERIOD_DAYS);
      // The line stops at the gap: an empty point between the two.
      const between = points.filter((p) => p.x > xOf(lastStart) && p.x < xOf(later));
      expect(between.map((p) => p.y)).toEqual([null]);
      // Both sides of the break have a date under them.
      const ticks = xAxis(config).fixedTicks;
      expect(
        ticks.some(
          (t) => t.value <= xOf(lastStart) && [t.label].flat().includes(lastStart.slice(0, 4)),
        ),
      ).toBe(true);
      expect(
        ticks.some((t) => t.value >= gap!.to && [t.label].flat().includes(later.slice(0, 4))),
      ).toBe(true);
    }
  });

  it('draws the break and its label', () => {
    for (const rendition of renditions(trend)) {
      const texts = drawnTexts(rendition).map((text) => text.text);
      expect(texts).toContain(`for ${span}`);
    }
  });

  it('says so in the trend alt text', () => {
    expect(trend.alt).toContain(
      `The reports are not all consecutive weeks: ${span} with no report between ${period(lastStart)} and ${period(later)} (the time axis is broken there).`,
    );
  });

  it('sets the jurisdiction history apart the same way, and says so', () => {
    for (const { config } of renditions(history)) {
      expect(breaksOf(config)).toHaveLength(1);
      expect(breaksOf(config)[0]!.label.join(' ')).toBe(`no report for ${span}`);
    }
    expect(history.alt).toContain(
      `The reports that name it are not all consecutive weeks: ${span} with no report between ${period(lastStart)} and ${period(later)}`,
    );
  });
});

describe('reports in consecutive weeks', () => {
  const { trend } = chartsWith();

  it('have no break, no empty point and nothing about gaps in the alt text', () => {
    for (const { config } of renditions(trend)) {
      expect(breaksOf(config)).toEqual([]);
      expect(positions(config).map((p) => p.y)).not.toContain(null);
    }
    expect(trend.alt).not.toContain('consecutive');
  });
});

describe('a missing week', () => {
  const skipped = addDays(lastStart, 2 * PERIOD_DAYS);
  const { trend } = chartsWith(skipped);

  it('is drawn to scale, the line broken across it, and named in the alt text', () => {
    expect(daysBetween(lastStart, skipped)).toBeLessThan(LONG_GAP_DAYS);
    for (const { config } of renditions(trend)) {
      expect(breaksOf(config)).toEqual([]);
      const points = positions(config);
      const known = points.filter((p) => p.y !== null);
      expect(known.at(-1)!.x - known.at(-2)!.x).toBe(2 * PERIOD_DAYS);
      expect(points.at(-2)!.y).toBeNull();
    }
    expect(trend.alt).toContain(
      `one week with no report between ${period(lastStart)} and ${period(skipped)}.`,
    );
  });
});
