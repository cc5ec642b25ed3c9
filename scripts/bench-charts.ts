/**
 * `npm run bench:charts [-- --weeks 30 --jurisdictions 150 --seed 1 --memory 1000]`: draws the
 * charts of generated data (every week, state and trend chart, and a sample of the jurisdiction
 * charts, which number in the thousands over ten years) into an empty cache and prints
 * milliseconds and bytes per chart, the reuse rate of a rebuild after one more week, the map's
 * and the social images' cost, and resident memory across many drawings. Figures, not
 * assertions; the JSON goes to bench-output/charts.json.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chartCounts, resetChartCounts } from '../src/lib/charts/cache.ts';
import { chartImage } from '../src/lib/charts/images.ts';
import type { ChartImage } from '../src/lib/charts/images.ts';
import { socialCard, socialImage } from '../src/lib/charts/social.ts';
import type { ChartSpec } from '../src/lib/charts/kit.ts';
import { generateDataset } from './lib/generate.ts';
import { loadDataset } from '../src/lib/contract/load.ts';
import type { Dataset } from '../src/lib/contract/load.ts';
import { weekMap } from '../src/lib/charts/map.ts';
import { buildSiteModel } from '../src/lib/model/site-model.ts';
import {
  weekDeclinedAgeChart,
  weekDeclinedByJurisdictionChart,
  weekDeclinedByStateChart,
  weekSectionIChart,
} from '../src/lib/charts/specs/week.ts';
import { trendChart } from '../src/lib/charts/specs/trend.ts';
import { jurisdictionHistoryChart } from '../src/lib/charts/specs/jurisdiction.ts';
import { stateJurisdictionsChart } from '../src/lib/charts/specs/state.ts';

const { values } = parseArgs({
  options: {
    weeks: { type: 'string', default: '30' },
    jurisdictions: { type: 'string', default: '150' },
    seed: { type: 'string', default: '1' },
    memory: { type: 'string', default: '1000' },
  },
});
const weeks = Number(values.weeks);
const memoryCharts = Number(values.memory);
const work = mkdtempSync(join(tmpdir(), 'dda-bench-charts-'));

function generated(): Dataset {
  const dir = join(work, 'data');
  for (const [path, content] of Object.entries(
    generateDataset({ weeks, seed: Number(values.seed) }),
  )) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return loadDataset(dir);
}

/**
 * The charts the site would draw for these reports; of the jurisdictions, only those in the
 * sample, so that both passes draw the same jurisdictions.
 */
function siteCharts(dataset: Dataset, sample: readonly string[]): ChartSpec[] {
  const model = buildSiteModel(dataset);
  const { gazetteer } = model;
  return [
    trendChart(dataset.reports),
    ...model.weeks.flatMap(({ report }) => [
      weekDeclinedByJurisdictionChart(report, gazetteer),
      weekSectionIChart(report, gazetteer),
      weekDeclinedByStateChart(report, gazetteer),
      weekDeclinedAgeChart(report, gazetteer),
    ]),
    ...sample.map((id) => jurisdictionHistoryChart(model.jurisdictions.get(id)!)),
    ...model.states.map((state) => stateJurisdictionsChart(state)),
  ].filter((spec): spec is ChartSpec => spec !== null);
}

const fileSize = (name: string) => statSync(join(process.env['CHART_CACHE_DIR']!, name)).size;
const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Draws (or reuses) every chart once; returns the time taken, the images and the counts. */
async function pass(specs: ChartSpec[]) {
  resetChartCounts();
  const started = performance.now();
  const images: ChartImage[] = [];
  for (const spec of specs) images.push(await chartImage(spec));
  const ms = performance.now() - started;
  return { ms, images, counts: chartCounts() };
}

process.env['CHART_CACHE_DIR'] = join(work, 'cache');
const dataset = generated();
const olderWeeks: Dataset = { ...dataset, reports: dataset.reports.slice(0, -1) };

console.log(`Charts of ${weeks} generated weeks (seed ${values.seed}), cache in ${work}`);

const sample = [...buildSiteModel(olderWeeks).jurisdictions.keys()]
  .sort()
  .slice(0, Number(values.jurisdictions));
// Cold: the archive without its newest week, into an empty cache.
const cold = await pass(siteCharts(olderWeeks, sample));
const bytes1x = cold.images.map((image) => fileSize(image.file));
const bytes2x = cold.images.map((image) => fileSize(image.file2x));
// Warm: one more week, as after merging a weekly data pull request.
const warm = await pass(siteCharts(dataset, sample));
const reuseRate = warm.counts.reused / (warm.counts.drawn + warm.counts.reused);

const model = buildSiteModel(dataset);
let started = performance.now();
const maps = model.weeks.map((week) => weekMap(week.report, model.gazetteer));
const mapMs = (performance.now() - started) / maps.length;
const mapBytes = maps.flatMap((map) => (map ? [Buffer.byteLength(map.svg)] : []));
const socialWeeks = model.weeks.slice(-10);
started = performance.now();
const socials = [];
for (const week of socialWeeks)
  socials.push(await socialImage(socialCard(week.report, model.gazetteer)));
const socialMs = (performance.now() - started) / socials.length;

/**
 * Resident memory while drawing `count` charts, each with a different value so that every one is
 * drawn (1× and 2×) and none is reused: what a cold build of a large archive does.
 */
async function memoryProfile(specs: ChartSpec[], count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const spec = structuredClone(specs[i % specs.length]!);
    const data = spec.config.data.datasets[0]!.data as (number | null)[];
    data[0] = (data[0] ?? 0) + 1000 + i;
    await chartImage(spec);
    if ((i + 1) % 100 === 0) samples.push(process.memoryUsage().rss / 2 ** 20);
  }
  return samples;
}
const rss = await memoryProfile(siteCharts(olderWeeks, sample), memoryCharts);

const results = {
  weeks,
  charts: cold.images.length,
  coldMsPerChart: round(cold.ms / cold.images.length),
  bytesPerChart1x: Math.round(mean(bytes1x)),
  bytesPerChart2x: Math.round(mean(bytes2x)),
  rebuild: { ...warm.counts, reuseRate: round(reuseRate * 100) },
  warmMsPerChart: round(warm.ms / (warm.counts.drawn + warm.counts.reused), 2),
  map: {
    msPerMap: round(mapMs),
    bytes: Math.round(mean(mapBytes)),
    gzipBytes: Math.round(mean(maps.flatMap((map) => (map ? [gzipSync(map.svg).length] : [])))),
  },
  social: {
    msPerImage: round(socialMs),
    bytes: Math.round(mean(socials.map((s) => fileSize(s.file)))),
  },
  memory: {
    charts: memoryCharts,
    rssMbPer100: rss.map((value) => round(value)),
    growthMbAfterFirst200: round((rss.at(-1) ?? 0) - (rss[1] ?? rss[0] ?? 0)),
    peakMb: round(Math.max(...rss)),
  },
};

console.table({
  'charts drawn (cold, 1× and 2× each)': results.charts,
  'ms per chart, cold': results.coldMsPerChart,
  'bytes per chart, 1× PNG': results.bytesPerChart1x,
  'bytes per chart, 2× PNG': results.bytesPerChart2x,
  'rebuild after one more week: drawn': warm.counts.drawn,
  'rebuild after one more week: reused': warm.counts.reused,
  'reuse rate, %': results.rebuild.reuseRate,
  'ms per chart, rebuild (drawn and reused)': results.warmMsPerChart,
  'ms per map': results.map.msPerMap,
  'bytes per map SVG (gzip)': `${results.map.bytes} (${results.map.gzipBytes})`,
  'ms per social image': results.social.msPerImage,
  'bytes per social image': results.social.bytes,
  [`RSS MB after each 100 of ${memoryCharts} charts`]: results.memory.rssMbPer100.join(' '),
  'RSS growth after the first 200, MB': results.memory.growthMbAfterFirst200,
});

mkdirSync(resolve('bench-output'), { recursive: true });
writeFileSync(resolve('bench-output/charts.json'), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
