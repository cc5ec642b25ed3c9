import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { periodEnd } from '../../src/lib/contract/dates.ts';
import { regenerateDescriptor } from '../data/fixture-helpers.ts';
import { FIXTURE_DATA, TEST_OUTPUT } from './site.ts';

export interface AddedWeek {
  start: string;
  /** report.json fields over those of the fixture's latest report. */
  report?: Record<string, unknown>;
  /** Headline figures by name: a value, with a source of its own, or null (not reported). */
  figures?: Record<string, number | null>;
  /** jurisdictions.csv records after the header. */
  rows: string[];
  /** Gazetteer records for jurisdictions no earlier report names. */
  gazetteer?: string[];
}

const HEADER = 'jurisdiction,issued_rank,issued,issued_source,declined,declined_source,note\n';
/** Where the added weeks' figures come from. */
export const ADDED_SOURCE = 'https://example.org/reports/4';

/**
 * A copy of the site fixture with report folders added, as a weekly data pull request would add
 * them, the descriptor regenerated as `npm run datapackage` would. Returns the data folder.
 */
export function fixtureWithWeeks(dir: string, weeks: readonly AddedWeek[]): string {
  cpSync(FIXTURE_DATA, dir, { recursive: true });
  const template = JSON.parse(
    readFileSync(join(FIXTURE_DATA, 'reports/2020-01-18/report.json'), 'utf8'),
  ) as { figures: Record<string, unknown> };
  for (const week of weeks) {
    const folder = join(dir, 'reports', week.start);
    mkdirSync(folder);
    const figures = Object.fromEntries(
      Object.entries(week.figures ?? {}).map(([name, value]) => [
        name,
        { value, source: value === null ? null : ADDED_SOURCE, note: null },
      ]),
    );
    const report = {
      ...template,
      period_start: week.start,
      period_end: periodEnd(week.start),
      title: `Fixture Weekly Declined Detainer Outcome Report, ${week.start}`,
      published_source: ADDED_SOURCE,
      ...week.report,
      figures: { ...template.figures, ...figures },
    };
    writeFileSync(join(folder, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(
      join(folder, 'jurisdictions.csv'),
      HEADER + week.rows.map((r) => `${r}\n`).join(''),
    );
    for (const row of week.gazetteer ?? [])
      appendFileSync(join(dir, 'jurisdictions.csv'), `${row}\n`);
  }
  regenerateDescriptor(dir);
  return dir;
}

/** The week a weekly pull request adds to the fixture, built once per run by the global setup. */
export const NEXT_WEEK: AddedWeek = {
  start: '2020-01-25',
  report: {
    title: 'Fixture Weekly Declined Detainer Outcome Report, Jan 25 – Jan 31, 2020',
    published: '2020-02-27',
  },
  figures: { detainers_issued: 1234, declined_total: 6, states_with_declines: 2 },
  rows: [`wa-king-county,,,,4,${ADDED_SOURCE},`, `tx-travis-county,,,,2,${ADDED_SOURCE},`],
  gazetteer: ['wa-king-county,King County,WA,county,53033,,Seattle,"King, WA"'],
};

/** The fixture plus NEXT_WEEK, and where the global setup builds it. */
export const NEXT_WEEK_DATA = join(TEST_OUTPUT, 'next-week/data');
export const NEXT_WEEK_DIST = join(TEST_OUTPUT, 'next-week/dist');
