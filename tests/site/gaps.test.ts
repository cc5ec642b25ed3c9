import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gapBetween, previousReportName } from '../../src/lib/model/sequence.ts';
import { compareView } from '../../src/site/views/compare.ts';
import { weekView } from '../../src/site/views/week.ts';
import { ADDED_SOURCE, fixtureWithWeeks } from '../helpers/fixture-week.ts';
import { makeWorkDir } from '../helpers/site.ts';
import { siteDataOf } from '../helpers/views.ts';

/** The site fixture (last report 2020-01-18) with a report added five years later. */
const LATER = '2025-03-01';
const site = siteDataOf(
  fixtureWithWeeks(join(makeWorkDir('gap-'), 'data'), [
    {
      start: LATER,
      report: { published: '2025-03-20' },
      figures: { detainers_issued: 2182, declined_total: 4 },
      rows: [`tx-travis-county,,,,4,${ADDED_SOURCE},`],
    },
  ]),
);

describe('reports with a gap between them', () => {
  it('name the earlier report, and how much earlier, where it is not the week before', () => {
    expect(previousReportName('2020-01-11', '2020-01-18')).toBe('the previous report');
    expect(previousReportName('2020-01-18', LATER)).toBe(
      'the report of Jan 18 – Jan 24, 2020, five years earlier',
    );
    expect(gapBetween('2020-01-04', '2020-01-25')).toBe('three weeks');
    expect(gapBetween('2020-01-04', '2020-01-11')).toBeNull();
  });

  it("say so in a report page's changes", () => {
    const issued = weekView(site, LATER).figures.headline.find(
      (figure) => figure.field === 'detainers_issued',
    )!;
    // 950 in the report of Jan 18 – Jan 24, 2020.
    expect(issued.change).toBe(
      '+1,232 from the report of Jan 18 – Jan 24, 2020, five years earlier',
    );
    const consecutive = weekView(site, '2020-01-18').figures.headline.find(
      (figure) => figure.field === 'detainers_issued',
    )!;
    expect(consecutive.change).toMatch(/from the previous report$/);
  });

  it("say so in a comparison's title, heading and lead, and not for consecutive weeks", () => {
    const across = compareView(site, '2020-01-18', LATER);
    expect(across.gap).toBe('five years');
    expect(across.head.title).toBe(
      'Jan 18 – Jan 24, 2020 beside Mar 1 – Mar 7, 2025, five years apart',
    );
    expect(across.gapNote).toContain('not consecutive weeks');
    const next = compareView(site, '2020-01-11', '2020-01-18');
    expect(next.gap).toBeNull();
    expect(next.gapNote).toBeNull();
    expect(next.head.title).toBe(
      'Reports of Jan 11 – Jan 17, 2020 and Jan 18 – Jan 24, 2020 compared',
    );
  });
});
