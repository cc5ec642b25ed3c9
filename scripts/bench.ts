/**
 * `npm run bench [-- --weeks 520 --seed 1]`: builds ten years of generated data and prints, side
 * by side, the cold build, the warm rebuild after one more week, and "the floor" — a bare Astro
 * project emitting as many pages of the same size with no data work — plus page weights by page
 * type. Writes the table as JSON to bench-output/bench.json. Figures, not assertions.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { generateDataset } from '../src/lib/generate.ts';

const { values } = parseArgs({
  options: { weeks: { type: 'string', default: '520' }, seed: { type: 'string', default: '1' } },
});
const weeks = Number(values.weeks);
const seed = Number(values.seed);
const ROOT = resolve(import.meta.dirname, '..');
const NODE = process.execPath;
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const work = mkdtempSync(join(tmpdir(), 'dda-bench-'));

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

interface Run {
  seconds: number;
  peakRssMb: number;
  pages: number;
  output: string;
}

/** One `astro build`, timed by GNU time for wall clock and the peak resident memory. */
function build(cwd: string, env: Record<string, string>, outDir: string): Run {
  const timing = join(work, 'time.txt');
  const output = execFileSync(
    '/usr/bin/time',
    ['-f', '%e %M', '-o', timing, NODE, ASTRO, 'build', '--outDir', outDir],
    {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 1 << 28,
    },
  ).toString();
  const [seconds, kb] = readFileSync(timing, 'utf8').trim().split(/\s+/).map(Number) as [
    number,
    number,
  ];
  const pages = Number(/(\d+) page\(s\) built/.exec(output)?.[1] ?? 0);
  return { seconds, peakRssMb: Math.round(kb / 1024), pages, output };
}

function htmlFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) found.push(path);
    }
  };
  walk(dir);
  return found;
}

const pageType = (dist: string, file: string): string | null => {
  const path = file.slice(dist.length);
  if (path === '/index.html') return 'home';
  if (/^\/weeks\/\d{4}-\d{2}-\d{2}\/index\.html$/.test(path)) return 'week';
  if (/^\/jurisdictions\/[^/]+\/index\.html$/.test(path)) return 'jurisdiction';
  if (/^\/states\/[^/]+\/index\.html$/.test(path)) return 'state';
  return null;
};

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Bytes a reader downloads for a page: the HTML and the stylesheets, images and scripts it references. */
function pageWeights(dist: string) {
  const byType = new Map<string, { html: number[]; total: number[]; js: number[] }>();
  for (const file of htmlFiles(dist)) {
    const type = pageType(dist, file);
    if (!type) continue;
    const html = readFileSync(file);
    const refs = [
      ...html.toString().matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js|png|svg|webp))"/g),
    ].map((m) => m[1]!);
    const size = (ref: string) => {
      try {
        return gzipSync(readFileSync(join(dist, ref))).length;
      } catch {
        return 0;
      }
    };
    const entry = byType.get(type) ?? { html: [], total: [], js: [] };
    const htmlGz = gzipSync(html).length;
    entry.html.push(htmlGz);
    entry.total.push(htmlGz + [...new Set(refs)].reduce((n, ref) => n + size(ref), 0));
    entry.js.push(
      [...new Set(refs)].filter((r) => r.endsWith('.js')).reduce((n, ref) => n + size(ref), 0),
    );
    byType.set(type, entry);
  }
  return Object.fromEntries(
    [...byType].map(([type, e]) => [
      type,
      {
        pages: e.html.length,
        htmlGzMedian: median(e.html),
        htmlGzMax: Math.max(...e.html),
        totalGzMedian: median(e.total),
        totalGzMax: Math.max(...e.total),
        jsBytesMax: Math.max(...e.js),
      },
    ]),
  );
}

/** A bare Astro project with one route emitting `count` pages of `bytes` bytes each. */
function floorProject(count: number, bytes: number): string {
  const dir = join(work, 'floor');
  writeFiles(dir, {
    'package.json': '{"type":"module"}',
    'astro.config.mjs': "export default { site: 'https://example.org', trailingSlash: 'always' };",
    'src/pages/[page].astro': `---
export function getStaticPaths() {
  return Array.from({ length: ${count} }, (_, i) => ({ params: { page: String(i) } }));
}
const { page } = Astro.params;
const filler = 'x'.repeat(${bytes});
---
<html lang="en"><head><title>{page}</title></head><body><p>{filler}</p></body></html>
`,
  });
  execFileSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  return dir;
}

const data = join(work, 'data');
console.log(`Generating ${weeks} weeks (seed ${seed}) in ${data} …`);
writeFiles(data, generateDataset({ weeks, seed }));
const caches = {
  ASTRO_CACHE_DIR: join(work, 'astro-cache'),
  CHART_CACHE_DIR: join(work, 'chart-cache'),
};
const env = { DATA_DIR: data, ...caches };

console.log('Cold build (empty caches) …');
const cold = build(ROOT, env, join(work, 'dist-cold'));
const weights = pageWeights(join(work, 'dist-cold'));

console.log('Warm rebuild after adding one week …');
writeFiles(data, generateDataset({ weeks: weeks + 1, seed }));
const warm = build(ROOT, env, join(work, 'dist-warm'));

const htmlBytes = htmlFiles(join(work, 'dist-cold')).map((f) => statSync(f).size);
const averageBytes = Math.round(htmlBytes.reduce((a, b) => a + b, 0) / htmlBytes.length);
console.log(`The floor: a bare Astro project with ${cold.pages} pages of ${averageBytes} bytes …`);
const floor = build(floorProject(cold.pages, averageBytes), {}, join(work, 'dist-floor'));

const charts = (run: Run) =>
  /charts: (\d+) drawn, (\d+) reused/.exec(run.output)?.slice(1).map(Number) ?? null;
const result = {
  machine: `${process.platform} ${process.arch}, Node ${process.version}`,
  weeks,
  seed,
  builds: Object.fromEntries(
    Object.entries({ cold, warm, floor }).map(([name, run]) => [
      name,
      {
        seconds: run.seconds,
        peakRssMb: run.peakRssMb,
        pages: run.pages,
        pagesPerSecond: Math.round(run.pages / run.seconds),
        charts: charts(run),
      },
    ]),
  ),
  ratios: {
    coldToFloor: +(cold.seconds / floor.seconds).toFixed(2),
    warmToFloor: +(warm.seconds / floor.seconds).toFixed(2),
  },
  pageWeights: weights,
};

console.table(result.builds);
console.log('Ratios:', result.ratios);
console.table(weights);
mkdirSync(join(ROOT, 'bench-output'), { recursive: true });
writeFileSync(join(ROOT, 'bench-output/bench.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('Written to bench-output/bench.json');
rmSync(work, { recursive: true, force: true });
