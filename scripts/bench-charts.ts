/**
 * `npm run bench:charts [-- --weeks 30 --jurisdictions 150 --seed 1 --memory 1000]`: draws the
 * charts of generated data (every week, comparison, state and trend chart, and a sample of the jurisdiction
 * charts, which number in the thousands over ten years) into an empty cache and prints
 * milliseconds and bytes per chart, the reuse rate of a rebuild after one more week, the map's
 * and the social images' cost, and resident memory across many drawings; then bytes by chart
 * kind for both renditions (wide and narrow, 1× and 2×) and, for one chart of each kind, what
 * the narrow rendition would weigh as SVG, and every chart drawn as PNGs and as SVG with its
 * text as paths, timed and weighed. Figures, not assertions; the JSON goes to
 * bench-output/charts.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chartCounts, ensureCached, resetChartCounts } from '../src/lib/charts/cache.ts';
import { createCanvas, SvgExportFlag } from '@napi-rs/canvas';
import { chartImage } from '../src/lib/charts/images.ts';
import { drawChartOn, drawChartPng } from '../src/lib/charts/render.ts';
import type { ChartImage } from '../src/lib/charts/images.ts';
import { socialCard, socialImage, socialImageFile } from '../src/lib/charts/social.ts';
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
import { comparisonChart } from '../src/lib/charts/specs/compare.ts';
import { compareReports } from '../src/lib/model/compare.ts';

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
    ...model.weeks
      .slice(1)
      .map(({ report }, i) =>
        comparisonChart(compareReports(model.weeks[i]!.report, report, gazetteer)),
      ),
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
const coldSpecs = siteCharts(olderWeeks, sample);

/** Mean bytes per chart kind: the wide and the narrow rendition, each at 1× and 2×. */
function bytesByKind(specs: ChartSpec[], images: ChartImage[]) {
  const kinds = new Map<string, ChartImage[]>();
  specs.forEach((spec, i) => kinds.set(spec.kind, [...(kinds.get(spec.kind) ?? []), images[i]!]));
  return Object.fromEntries(
    [...kinds].map(([kind, list]) => [
      kind,
      {
        charts: list.length,
        wide1x: Math.round(mean(list.map((image) => fileSize(image.file)))),
        wide2x: Math.round(mean(list.map((image) => fileSize(image.file2x)))),
        narrow1x: Math.round(mean(list.map((image) => fileSize(image.narrow.file)))),
        narrow2x: Math.round(mean(list.map((image) => fileSize(image.narrow.file2x)))),
        narrowHeight: Math.round(mean(list.map((image) => image.narrow.height))),
      },
    ]),
  );
}
const byKind = bytesByKind(coldSpecs, cold.images);

/**
 * The narrow rendition of the first chart of each kind as SVG, three ways: with `<text>` (an
 * `<img>` SVG cannot load the page's fonts, so the reader's own font would draw it, at other
 * widths than the layout measured), with the two WOFF2 files embedded so the text is drawn in the
 * font it was laid out in, and with the text turned into paths. Bytes and gzipped bytes.
 */
function svgAlternatives(specs: ChartSpec[]) {
  const require = createRequire(import.meta.url);
  const fontFace = ['400', '700']
    .map((weight) => {
      const file = require.resolve(
        `@fontsource/source-sans-3/files/source-sans-3-latin-${weight}-normal.woff2`,
      );
      return `@font-face{font-family:"DDA Chart Sans";font-weight:${weight};src:url(data:font/woff2;base64,${readFileSync(file).toString('base64')}) format("woff2")}`;
    })
    .join('');
  const seen = new Set<string>();
  const rows: Record<string, Record<string, string>> = {};
  for (const spec of specs) {
    if (seen.has(spec.kind)) continue;
    seen.add(spec.kind);
    const draw = (flag: SvgExportFlag) => {
      const canvas = createCanvas(spec.narrow.size.width, spec.narrow.size.height, flag);
      const chart = drawChartOn(canvas.getContext('2d'), spec.narrow.config, 1);
      chart.destroy();
      return canvas.getContent();
    };
    const text = draw(SvgExportFlag.NoPrettyXML);
    const embedded = Buffer.from(
      text.toString('utf8').replace(/(<svg[^>]*>)/, `$1<style>${fontFace}</style>`),
    );
    // The flags are one value each, not bits to combine (the binding refuses 3).
    const paths = draw(SvgExportFlag.ConvertTextToPaths);
    const both = (bytes: Buffer) => `${bytes.length} (${gzipSync(bytes).length})`;
    rows[spec.kind] = {
      'SVG, <text>': both(text),
      'SVG, fonts embedded': both(embedded),
      'SVG, text as paths': both(paths),
    };
  }
  return rows;
}
const svgRows = svgAlternatives(coldSpecs);

/**
 * Every chart both ways, timed on this thread: as the build draws it (four palette PNGs: wide and
 * narrow, 1× and 2×) and as SVG with its text as paths (one file per rendition, any density),
 * with what a reader downloads for one rendition, gzipped as a server sends it.
 */
async function formatComparison(specs: ChartSpec[]) {
  const gz = (bytes: Buffer) => gzipSync(bytes).length;
  let pngMs = 0;
  let svgMs = 0;
  const png1x: number[] = [];
  const png2x: number[] = [];
  const svg: number[] = [];
  for (const spec of specs) {
    for (const rendition of [spec, spec.narrow]) {
      let start = performance.now();
      const one = drawChartPng(rendition.config, rendition.size, 1);
      const two = drawChartPng(rendition.config, rendition.size, 2);
      pngMs += performance.now() - start;
      start = performance.now();
      const canvas = createCanvas(
        rendition.size.width,
        rendition.size.height,
        SvgExportFlag.ConvertTextToPaths,
      );
      drawChartOn(canvas.getContext('2d'), rendition.config, 1).destroy();
      const paths = canvas.getContent();
      svgMs += performance.now() - start;
      png1x.push(gz(one));
      png2x.push(gz(two));
      svg.push(gz(paths));
    }
    // The canvas library frees canvases only when the event loop turns (see pool.ts).
    await setImmediate();
  }
  return {
    charts: specs.length,
    msPerChart: { png4Files: round(pngMs / specs.length), svg2Files: round(svgMs / specs.length) },
    gzipBytesPerRendition: {
      png1x: Math.round(mean(png1x)),
      png2x: Math.round(mean(png2x)),
      svgTextAsPaths: Math.round(mean(svg)),
    },
  };
}
const formats = await formatComparison(coldSpecs);
// Warm: one more week, as after merging a weekly data pull request.
const warm = await pass(siteCharts(dataset, sample));
const reuseRate = warm.counts.reused / (warm.counts.drawn + warm.counts.reused);

const model = buildSiteModel(dataset);
let started = performance.now();
const maps = model.weeks.map((week) =>
  weekMap(week.report, model.gazetteer, model.largestDeclined),
);
const mapMs = (performance.now() - started) / maps.length;
const drawnMaps = maps.filter((map) => map !== null);
const mapBytes = drawnMaps.map((map) => Buffer.byteLength(map.svg));
const narrowMapBytes = drawnMaps.map((map) => Buffer.byteLength(map.narrow.svg));
const socialWeeks = model.weeks.slice(-10);
started = performance.now();
const socials = [];
for (const week of socialWeeks) {
  const card = socialCard(week.report, model.gazetteer);
  await ensureCached([socialImageFile(card)]);
  socials.push(socialImage(card));
}
const socialMs = (performance.now() - started) / socials.length;

/**
 * Resident memory while drawing `count` charts, each with a different value so that every one is
 * drawn (wide and narrow, 1× and 2×) and none is reused: what a cold build of a large archive does.
 */
async function memoryProfile(specs: ChartSpec[], count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const spec = structuredClone(specs[i % specs.length]!);
    for (const { config } of [spec, spec.narrow]) {
      const data = config.data.datasets[0]!.data as (
        number | { x: number; y: number | null } | null
      )[];
      const first = data[0] ?? null;
      data[0] =
        first !== null && typeof first === 'object'
          ? { ...first, y: (first.y ?? 0) + 1000 + i }
          : (first ?? 0) + 1000 + i;
    }
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
    gzipBytes: Math.round(mean(drawnMaps.map((map) => gzipSync(map.svg).length))),
    narrowBytes: Math.round(mean(narrowMapBytes)),
    narrowGzipBytes: Math.round(mean(drawnMaps.map((map) => gzipSync(map.narrow.svg).length))),
  },
  byKind,
  svgNarrow: svgRows,
  formats,
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
  'bytes per narrow map SVG (gzip)': `${results.map.narrowBytes} (${results.map.narrowGzipBytes})`,
  'ms per social image': results.social.msPerImage,
  'bytes per social image': results.social.bytes,
  [`RSS MB after each 100 of ${memoryCharts} charts`]: results.memory.rssMbPer100.join(' '),
  'RSS growth after the first 200, MB': results.memory.growthMbAfterFirst200,
});

console.log('Bytes per chart by kind, mean, PNG (narrow: the phone rendition, 320 px wide)');
console.table(byKind);
console.log('The narrow rendition of one chart of each kind as SVG: bytes (gzipped)');
console.table(svgRows);
console.log(`Every chart both ways (${formats.charts} charts, wide and narrow), on one thread`);
console.table({
  'ms per chart: four PNGs (1× and 2×, wide and narrow)': formats.msPerChart.png4Files,
  'ms per chart: two SVGs, text as paths': formats.msPerChart.svg2Files,
  'gzipped bytes per rendition: 1× PNG': formats.gzipBytesPerRendition.png1x,
  'gzipped bytes per rendition: 2× PNG': formats.gzipBytesPerRendition.png2x,
  'gzipped bytes per rendition: SVG, text as paths': formats.gzipBytesPerRendition.svgTextAsPaths,
});

mkdirSync(resolve('bench-output'), { recursive: true });
writeFileSync(resolve('bench-output/charts.json'), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
