import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { NARROW, NARROW_MIN_FONT, WIDE } from '../../src/lib/charts/kit.ts';
import type { ChartSpec } from '../../src/lib/charts/kit.ts';
import { weekDeclinedByJurisdictionChart } from '../../src/lib/charts/specs/week.ts';
import type { WeekReport } from '../../src/lib/contract/load.ts';
import { ADDED_SOURCE, fixtureWithWeeks } from '../helpers/fixture-week.ts';
import { makeWorkDir } from '../helpers/site.ts';
import { siteDataOf } from '../helpers/views.ts';
import { drawnTexts, smallestText } from './drawn-text.ts';
import { siteModel } from './helpers.ts';
import { sitePictures } from './pictures.ts';

const work = makeWorkDir('charts-narrow-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The fixture, and the fixture with a report five years after its last (a broken time axis). */
const sites = [
  siteDataOf(),
  siteDataOf(
    fixtureWithWeeks(join(work, 'gap'), [
      {
        start: '2025-03-01',
        report: { published: '2025-03-20' },
        figures: { detainers_issued: 1500, declined_total: 4 },
        rows: [`tx-travis-county,,,,4,${ADDED_SOURCE},`],
      },
    ]),
  ),
];
const specs: { page: string; spec: ChartSpec }[] = sites.flatMap((site) =>
  sitePictures(site).flatMap(({ page, picture }) =>
    picture.kind === 'chart' ? [{ page, spec: picture.spec }] : [],
  ),
);

describe('the narrow rendition of every chart', () => {
  it('covers every chart kind the site draws', () => {
    expect(new Set(specs.map(({ spec }) => spec.kind))).toEqual(
      new Set([
        'trend',
        'week-declined',
        'week-states',
        'week-section-i',
        'week-age',
        'jurisdiction',
        'state',
        'compare',
      ]),
    );
  });

  it.each(specs.map(({ page, spec }) => [`${page} ${spec.kind}`, spec] as const))(
    '%s: 320 px wide, no text under 12 px, every text inside the image',
    (_name, spec) => {
      expect(spec.narrow.size.width).toBe(NARROW.width);
      const texts = drawnTexts(spec.narrow);
      expect(texts.length).toBeGreaterThan(3);
      for (const text of texts) {
        expect(text.px, text.text).toBeGreaterThanOrEqual(NARROW_MIN_FONT);
        // Half a pixel of anti-aliasing either side is still inside.
        expect(text.left, text.text).toBeGreaterThanOrEqual(-0.5);
        expect(text.right, text.text).toBeLessThanOrEqual(spec.narrow.size.width + 0.5);
        expect(text.top, text.text).toBeGreaterThanOrEqual(-0.5);
        expect(text.bottom, text.text).toBeLessThanOrEqual(spec.narrow.size.height + 0.5);
      }
      // The wide drawing keeps its own floor: its source line, 11 px, shown at full size.
      expect(spec.size.width).toBe(WIDE.width);
      expect(smallestText(spec)).toBeGreaterThanOrEqual(WIDE.sourceFont);
    },
  );

  it('puts every chart in horizontal bars or on a time axis, never names side by side', () => {
    for (const { spec } of specs) {
      const { config } = spec.narrow;
      const x = (config.options?.scales?.['x'] ?? {}) as { type?: string };
      const horizontal = (config.options as { indexAxis?: string }).indexAxis === 'y';
      expect(horizontal || x.type === 'linear', spec.kind).toBe(true);
    }
  });
});

describe('a ranked chart with more bars on a phone', () => {
  const report = siteModel.weeks[0]!.report;
  /** The report with `count` jurisdictions, counts 1 to `count`. */
  const withRows = (count: number): WeekReport => ({
    ...report,
    jurisdictions: Array.from({ length: count }, (_, i) => ({
      ...report.jurisdictions[0]!,
      jurisdiction: `tx-place-${String(i).padStart(2, '0')}`,
      declined: i + 1,
    })),
  });
  const few = weekDeclinedByJurisdictionChart(withRows(3), siteModel.gazetteer)!;
  const many = weekDeclinedByJurisdictionChart(withRows(15), siteModel.gazetteer)!;

  it('grows taller by a row per bar, with the same type', () => {
    const rowsOf = (spec: ChartSpec) => spec.narrow.config.data.labels!.length;
    expect([rowsOf(few), rowsOf(many)]).toEqual([3, 15]);
    const perRow = (many.narrow.size.height - few.narrow.size.height) / 12;
    // A row holds a name line (13 px type) and a bar: never less than the two together.
    expect(perRow).toBeGreaterThanOrEqual(NARROW.textFont * 1.2 + 16);
    const sizes = (spec: ChartSpec) =>
      [...new Set(drawnTexts(spec.narrow).map((t) => t.px))].sort();
    expect(sizes(many)).toEqual(sizes(few));
  });

  it('writes each name on its own line above its bar, so the bars have the whole width', () => {
    const texts = drawnTexts(many.narrow);
    const names = many.narrow.config.data.labels as string[];
    const tops = names.map((name) => texts.find((text) => text.text === name)!);
    for (const name of tops) expect(name.left).toBeLessThan(NARROW.width / 4);
    // Largest first, each name lower than the one before.
    for (let i = 1; i < tops.length; i++) expect(tops[i]!.top).toBeGreaterThan(tops[i - 1]!.bottom);
  });
});
