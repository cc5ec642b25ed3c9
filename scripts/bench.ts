/**
 * `npm run bench [-- --weeks 520 --seed 1 --skip-identical --keep]`: builds ten years of
 * generated data and measures, in one run: the cold build (empty caches), the warm rebuild after
 * one more week (caches kept), a clean build of that grown data (every file hashed and compared
 * with the warm build's), and "the floor" — a bare Astro project emitting as many pages of the same
 * sizes with no data work or charts. For each: wall time, CPU time, peak resident memory of the
 * whole process tree, pages per second, image files drawn and in the site, renders over 500 ms, and the CPU
 * other processes took meanwhile. Then page weights by page type. Prints Markdown tables and
 * writes bench-output/bench.json and bench-output/bench.md. Figures, not assertions.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  busyTicks,
  diffTrees,
  markdownTable,
  median,
  PAGE_TYPES,
  pageResources,
  pageTypeOf,
  parseProcStat,
  parseProfile,
  parseRenderTimes,
  renderTimeByType,
  slowRenders,
  treeRssKb,
  treeRssKbByName,
  growthExponent,
} from './lib/bench.ts';
import type { BuildProfile, PageType, ProcessEntry, RenderTime, TreeDiff } from './lib/bench.ts';
import { generateDataset } from './lib/generate.ts';

const { values } = parseArgs({
  options: {
    weeks: { type: 'string', default: '520' },
    seed: { type: 'string', default: '1' },
    'skip-identical': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    sizes: { type: 'string' },
  },
});
const weeks = Number(values.weeks);
const seed = Number(values.seed);
const ROOT = resolve(import.meta.dirname, '..');
const NODE = process.execPath;
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const OUTPUT = join(ROOT, 'bench-output');
const SLOW_MS = 500;
const CLOCK_TICKS = 100;
const PAGE_KB = 4;
const started = Date.now();

// Data and caches go to /tmp. Output folders stay inside the project: Astro writes its
// intermediate bundle next to the outDir only when the outDir is inside the project, and into
// the project's shared .astro/ otherwise, where builds running side by side would collide.
const work = mkdtempSync(join(tmpdir(), 'dda-bench-'));
mkdirSync(OUTPUT, { recursive: true });
const outputs = mkdtempSync(join(OUTPUT, 'run-'));
const log = (message: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

function processTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const entry = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'), PAGE_KB);
      if (entry) entries.push(entry);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return entries;
}

interface Build {
  name: string;
  seconds: number;
  /** User + system CPU of the build's processes; above `seconds` means more than one core. */
  cpuSeconds: number;
  /** CPU the rest of the machine used during the build (other builds, tests). */
  otherCpuSeconds: number;
  loadBefore: number;
  peakRssMb: number;
  /** Files rendered (pages and endpoints). */
  pages: number;
  files: number;
  /** Image files the build drew, and image files in the site it wrote (kept ones included). */
  charts: { drawn: number; inSite: number } | null;
  renders: RenderTime[];
  /** Peak resident memory of each kind of process in the build's tree (`node`, Pagefind). */
  peakRssMbByProcess: Record<string, number>;
  profile: BuildProfile;
  logFile: string;
}

/** The site's image files (none in the floor's build): those drawn, and all in the site. */
function chartCounts(profile: BuildProfile, folder: string): Build['charts'] {
  if (!existsSync(folder)) return null;
  return {
    drawn: profile.counts.get('chart files drawn') ?? 0,
    inSite: readdirSync(folder).length,
  };
}

/** One `astro build`, its output logged to a file, its process tree sampled for memory. */
async function build(
  name: string,
  cwd: string,
  env: Record<string, string>,
  outDir: string,
): Promise<Build> {
  const logFile = join(outputs, `${name}.log`);
  const timing = join(work, `${name}.time`);
  const profileFile = join(work, `${name}.profile`);
  // The previous build, the data just written and the hashing leave gigabytes of dirty pages;
  // written back during this build, they would be counted in its time.
  execFileSync('sync');
  const loadBefore = loadavg()[0]!;
  const busyBefore = busyTicks(readFileSync('/proc/stat', 'utf8'));
  const start = performance.now();
  const child = spawn(
    '/usr/bin/time',
    ['-f', '%U %S', '-o', timing, NODE, ASTRO, 'build', '--outDir', outDir],
    {
      cwd,
      env: { ...process.env, ...env, DDA_BUILD_PROFILE: profileFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out = createWriteStream(logFile);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let peakKb = 0;
  const peakByName = new Map<string, number>();
  const sampler = setInterval(() => {
    const table = processTable();
    peakKb = Math.max(peakKb, treeRssKb(table, child.pid!));
    for (const [processName, kb] of treeRssKbByName(table, child.pid!)) {
      peakByName.set(processName, Math.max(peakByName.get(processName) ?? 0, kb));
    }
  }, 200);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(sampler);
  const seconds = (performance.now() - start) / 1000;
  const busySeconds = (busyTicks(readFileSync('/proc/stat', 'utf8')) - busyBefore) / CLOCK_TICKS;
  await new Promise((done) => out.end(done));
  const output = readFileSync(logFile, 'utf8');
  if (code !== 0) {
    throw new Error(`${name} build failed (exit ${code}); see ${relative(ROOT, logFile)}`);
  }
  const [user, system] = readFileSync(timing, 'utf8').trim().split(/\s+/).map(Number);
  const cpuSeconds = user! + system!;
  const renders = parseRenderTimes(output);
  const profile = parseProfile(existsSync(profileFile) ? readFileSync(profileFile, 'utf8') : '');
  return {
    name,
    seconds,
    cpuSeconds,
    otherCpuSeconds: Math.max(0, busySeconds - cpuSeconds),
    loadBefore,
    peakRssMb: Math.round(peakKb / 1024),
    // Every file Astro rendered, endpoints (CSV, JSON, feeds) included, as the floor renders one
    // page for each: Astro's own "page(s) built" counts pages only.
    pages: renders.length,
    files: listFiles(resolve(cwd, outDir)).length,
    charts: chartCounts(profile, resolve(cwd, outDir, 'charts')),
    renders,
    peakRssMbByProcess: Object.fromEntries(
      [...peakByName]
        .filter(([processName]) => processName !== 'time')
        .map(([processName, kb]) => [processName, Math.round(kb / 1024)]),
    ),
    profile,
    logFile,
  };
}

function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(path);
    }
  };
  walk(dir);
  return found;
}

/** Relative path → SHA-256 of every file in a built site. */
function hashTree(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir).map((file) => [
      relative(dir, file),
      createHash('sha256').update(readFileSync(file)).digest('hex'),
    ]),
  );
}

/** Bytes over the wire: text compressed as a static host gzips it, images as they are. */
const COMPRESSED = /\.(?:html|css|js|mjs|svg|json|xml|txt|csv)$/;

interface TypeWeights {
  pages: number;
  htmlGzMedian: number;
  htmlGzMax: number;
  downloadMedian: number;
  downloadMax: number;
  download2xMedian: number;
  download2xMax: number;
  jsBytesMax: number;
}

/**
 * Per page type: the gzipped HTML, and everything a reader downloads for the page — the HTML,
 * its stylesheets, scripts and images (`src` on a 1× screen, the `2x` candidate on a sharp one).
 */
function pageWeights(dist: string): Record<PageType, TypeWeights> {
  const sizes = new Map<string, number>();
  const transfer = (path: string): number => {
    let size = sizes.get(path);
    if (size === undefined) {
      const file = join(dist, path);
      const bytes = readFileSync(file);
      size = COMPRESSED.test(file) ? gzipSync(bytes).length : bytes.length;
      sizes.set(path, size);
    }
    return size;
  };
  const byType = new Map<PageType, { html: number[]; d1: number[]; d2: number[]; js: number[] }>();
  for (const file of listFiles(dist)) {
    const type = pageTypeOf(`/${relative(dist, file)}`);
    if (!type) continue;
    const html = readFileSync(file);
    const resources = pageResources(html.toString('utf8'));
    const sum = (paths: string[]) => paths.reduce((total, path) => total + transfer(path), 0);
    const htmlGz = gzipSync(html).length;
    const shared = sum(resources.stylesheets) + sum(resources.scripts);
    const entry = byType.get(type) ?? { html: [], d1: [], d2: [], js: [] };
    entry.html.push(htmlGz);
    entry.d1.push(htmlGz + shared + sum(resources.images));
    entry.d2.push(htmlGz + shared + sum(resources.images2x));
    entry.js.push(
      resources.scripts.reduce((total, path) => total + statSync(join(dist, path)).size, 0) +
        resources.inlineScriptBytes,
    );
    byType.set(type, entry);
  }
  return Object.fromEntries(
    PAGE_TYPES.filter((type) => byType.has(type)).map((type) => {
      const e = byType.get(type)!;
      return [
        type,
        {
          pages: e.html.length,
          htmlGzMedian: Math.round(median(e.html)),
          htmlGzMax: Math.max(...e.html),
          downloadMedian: Math.round(median(e.d1)),
          downloadMax: Math.max(...e.d1),
          download2xMedian: Math.round(median(e.d2)),
          download2xMax: Math.max(...e.d2),
          jsBytesMax: Math.max(...e.js),
        },
      ];
    }),
  ) as Record<PageType, TypeWeights>;
}

/**
 * A bare Astro project with one route emitting a page for each file the site's build rendered
 * (pages and endpoints), each of the same size: Astro's own cost for this much output.
 */
function floorProject(sizes: number[], weeks: number): string {
  const dir = join(work, `floor-${weeks}`);
  writeFiles(dir, {
    'package.json': '{"type":"module"}',
    'sizes.json': JSON.stringify(sizes),
    'astro.config.mjs': "export default { site: 'https://example.org', trailingSlash: 'always' };",
    'src/pages/[page].astro': `---
import sizes from '../../sizes.json';
export function getStaticPaths() {
  return sizes.map((bytes, i) => ({ params: { page: String(i) }, props: { bytes } }));
}
const { page } = Astro.params;
// The markup around the filler is about 100 bytes.
const filler = 'x'.repeat(Math.max(0, Astro.props.bytes - 100));
---
<html lang="en"><head><title>{page}</title></head><body><p>{filler}</p></body></html>
`,
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const seconds = (value: number) => Number(value.toFixed(1));

const sizes = values.sizes
  ? [...new Set(values.sizes.split(',').map(Number))].sort((a, b) => a - b)
  : [weeks];
if (sizes.some((size) => !Number.isInteger(size) || size < 2)) {
  throw new Error(`--sizes must be whole numbers of weeks of at least 2, got "${values.sizes}"`);
}
/** The size whose builds are compared byte for byte and whose pages are weighed. */
const mainSize = sizes.includes(weeks) ? weeks : sizes.at(-1)!;

interface SizeRun {
  weeks: number;
  cold: Build;
  clean: Build | null;
  warm: Build;
  floor: Build;
  floorPages: number;
  floorBytes: number;
  identical: (TreeDiff & { files: number }) | null;
  weights: Record<PageType, TypeWeights> | null;
}

/** Cold, warm, clean (main size only) and floor builds of `size` generated weeks. */
async function measure(size: number): Promise<SizeRun> {
  const main = size === mainSize;
  const data = join(work, `data-${size}`);
  log(`${size} weeks: generating (seed ${seed}) in ${data}`);
  writeFiles(data, generateDataset({ weeks: size, seed }));
  const cacheEnv = (name: string) => ({
    DATA_DIR: data,
    ASTRO_CACHE_DIR: join(work, `astro-cache-${size}-${name}`),
    CHART_CACHE_DIR: join(work, `chart-cache-${size}-${name}`),
  });
  const distOf = (name: string) => join(outputs, `dist-${size}-${name}`);
  const label = (name: string) => `${size}-${name}`;

  log(`${size} weeks: cold build (empty caches) …`);
  const cold = await build(label('cold'), ROOT, cacheEnv('a'), distOf('cold'));
  log(`  ${seconds(cold.seconds)} s`);

  const weights = main ? pageWeights(distOf('cold')) : null;
  const rendered = listFiles(distOf('cold')).filter(
    (file) => !/\/(?:charts|_astro|pagefind)\//.test(file) && !/\/sitemap[^/]*\.xml$/.test(file),
  );
  const renderedSizes = rendered.map((file) => statSync(file).size);

  log(`${size} weeks: warm rebuild after adding one week (caches of the cold build) …`);
  writeFiles(data, generateDataset({ weeks: size + 1, seed }));
  const warm = await build(label('warm'), ROOT, cacheEnv('a'), distOf('warm'));
  log(`  ${seconds(warm.seconds)} s`);

  // A warm build must write what a clean build of the same data writes, byte for byte.
  let clean: Build | null = null;
  let identical: SizeRun['identical'] = null;
  if (main && !values['skip-identical']) {
    log(`${size} weeks: clean build of the grown data, to compare with the warm one …`);
    clean = await build(label('clean'), ROOT, cacheEnv('b'), distOf('clean'));
    const warmTree = hashTree(distOf('warm'));
    identical = { files: warmTree.size, ...diffTrees(warmTree, hashTree(distOf('clean'))) };
    // With --keep, both builds stay, so that files that differ can be compared.
    if (!values.keep) rmSync(distOf('clean'), { recursive: true, force: true });
    log(`  ${seconds(clean.seconds)} s`);
  }

  log(`${size} weeks: the floor, a bare Astro project with ${renderedSizes.length} pages …`);
  const floorDir = floorProject(renderedSizes, size);
  const floor = await build(label('floor'), floorDir, {}, join(floorDir, 'dist'));
  log(`  ${seconds(floor.seconds)} s`);

  if (!values.keep) {
    for (const name of ['cold', 'warm']) rmSync(distOf(name), { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
  return {
    weeks: size,
    cold,
    clean,
    warm,
    floor,
    floorPages: renderedSizes.length,
    floorBytes: renderedSizes.reduce((a, b) => a + b, 0),
    identical,
    weights,
  };
}

const measured: SizeRun[] = [];
for (const size of sizes) measured.push(await measure(size));
const mainRun = measured.find((run) => run.weeks === mainSize)!;
const runs = [mainRun.cold, mainRun.warm, ...(mainRun.clean ? [mainRun.clean] : []), mainRun.floor];
const { cold, warm, floor, identical } = mainRun;
const weights = mainRun.weights!;

/** Where one build's wall time went, from its profile and its log (seconds; null if unknown). */
function breakdown(run: Build): { label: string; seconds: number | null }[] {
  const phase = (name: string) => run.profile.phases.get(name) ?? null;
  const point = (name: string) => run.profile.points.get(name) ?? null;
  const start = point('build start');
  const generated = point('pages generated');
  const done = point('build done');
  const between = (a: number | null, b: number | null) => (a !== null && b !== null ? b - a : null);
  const byType = renderTimeByType(run.renders);
  const rows: { label: string; ms: number | null }[] = [
    { label: 'Start, config and data validation (to build start)', ms: start },
    { label: '  of which: validating the data', ms: phase('validate data') },
    {
      label: 'Bundling and rendering every page (build start → pages generated)',
      ms: between(start, generated),
    },
    {
      label: '  of which: reading the data and building the site model',
      ms: phase('site data and model'),
    },
    // Working out each entity's cache keys builds its view once; images are drawn as they render.
    ...[...run.profile.phases]
      .filter(([name]) => name.startsWith('views and keys'))
      .map(([name, ms]) => ({ label: `  ${name} (summed over concurrent work)`, ms })),
    ...[...byType].map(([type, ms]) => ({
      label: `  render time, ${type === 'file' ? 'other files and endpoints' : `${type} pages`} (summed over concurrent renders)`,
      ms,
    })),
    {
      label: '  chart drawing (summed over the drawing threads)',
      ms: phase('chart drawing (thread time)'),
    },
    {
      label: 'After rendering (pages generated → build done: sitemap, …)',
      ms: between(generated, done),
    },
    { label: 'Publishing the chart images into the site', ms: phase('chart images published') },
    { label: 'Search index (Pagefind)', ms: phase('search index (Pagefind)') },
  ];
  const accounted =
    (done ?? 0) + (phase('chart images published') ?? 0) + (phase('search index (Pagefind)') ?? 0);
  rows.push({
    label: 'The rest (writing out, exit)',
    ms: done === null ? null : run.seconds * 1000 - accounted,
  });
  return rows.map(({ label, ms }) => ({ label, seconds: ms === null ? null : seconds(ms / 1000) }));
}

/**
 * Growth exponents over every size and between the two largest, where a fixed cost (bundling,
 * starting processes) no longer hides how the cost grows with the archive.
 */
const exponentsOf = (runs: readonly SizeRun[]) =>
  (['cold', 'warm', 'floor'] as const).map((kind) => ({
    kind,
    seconds: growthExponent(runs.map((run) => ({ size: run.weeks, cost: run[kind].seconds }))),
    memory: growthExponent(runs.map((run) => ({ size: run.weeks, cost: run[kind].peakRssMb }))),
  }));
const growth =
  sizes.length > 1
    ? { allSizes: exponentsOf(measured), largestStep: exponentsOf(measured.slice(-2)) }
    : null;

const result = {
  date: new Date().toISOString(),
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    astro: (
      JSON.parse(readFileSync(join(ROOT, 'node_modules/astro/package.json'), 'utf8')) as {
        version: string;
      }
    ).version,
  },
  weeks: mainSize,
  seed,
  builds: Object.fromEntries(
    runs.map((run) => [
      run.name,
      {
        seconds: seconds(run.seconds),
        cpuSeconds: seconds(run.cpuSeconds),
        otherCpuSeconds: seconds(run.otherCpuSeconds),
        loadBefore: Number(run.loadBefore.toFixed(2)),
        peakRssMb: run.peakRssMb,
        peakRssMbByProcess: run.peakRssMbByProcess,
        pages: run.pages,
        files: run.files,
        pagesPerSecond: seconds(run.pages / run.seconds),
        charts: run.charts,
        slowRenders: slowRenders(run.renders, SLOW_MS),
        breakdown: breakdown(run),
      },
    ]),
  ),
  ratios: {
    coldToFloor: Number((cold.seconds / floor.seconds).toFixed(2)),
    warmToFloor: Number((warm.seconds / floor.seconds).toFixed(2)),
  },
  floor: { pages: mainRun.floorPages, bytes: mainRun.floorBytes },
  identical,
  pageWeights: weights,
  sizes: measured.map((run) => ({
    weeks: run.weeks,
    pages: run.floorPages,
    ...Object.fromEntries(
      (['cold', 'warm', 'floor'] as const).map((kind) => [
        kind,
        { seconds: seconds(run[kind].seconds), peakRssMb: run[kind].peakRssMb },
      ]),
    ),
  })),
  growth,
  totalSeconds: seconds((Date.now() - started) / 1000),
};

const describe: Record<string, string> = {
  cold: 'Cold: empty caches',
  clean: 'Clean build of the grown data',
  warm: 'Warm: one more week',
  floor: 'Floor: bare Astro',
};
const kindOf = (run: Build) => run.name.slice(run.name.indexOf('-') + 1);
const buildTable = markdownTable(
  [
    'Build',
    'Wall s',
    'CPU s',
    'Other load, CPU s',
    'Peak RSS MB',
    'Peak RSS MB by process',
    'Pages',
    'Pages/s',
    'Image files drawn',
    'Image files in site',
    `Renders > ${SLOW_MS} ms`,
  ],
  runs.map((run) => [
    describe[kindOf(run)] ?? run.name,
    seconds(run.seconds),
    seconds(run.cpuSeconds),
    seconds(run.otherCpuSeconds),
    run.peakRssMb,
    Object.entries(run.peakRssMbByProcess)
      .map(([name, mb]) => `${name} ${mb}`)
      .join(', '),
    run.pages,
    seconds(run.pages / run.seconds),
    run.charts?.drawn ?? '–',
    run.charts?.inSite ?? '–',
    slowRenders(run.renders, SLOW_MS).length,
  ]),
);
const coldBreakdown = breakdown(cold);
const warmBreakdown = breakdown(warm);
const breakdownLabels = [...new Set([...coldBreakdown, ...warmBreakdown].map((row) => row.label))];
const secondsIn = (rows: typeof coldBreakdown, label: string) =>
  rows.find((row) => row.label === label)?.seconds ?? '–';
const breakdownTable = markdownTable(
  ['Where the time goes', 'Cold s', 'Warm s'],
  breakdownLabels.map((label) => [
    label,
    secondsIn(coldBreakdown, label),
    secondsIn(warmBreakdown, label),
  ]),
);
const exponentText = (exponents: ReturnType<typeof exponentsOf>) =>
  exponents
    .map(
      (g) =>
        `${g.kind} time k = ${g.seconds?.toFixed(2) ?? '–'}, memory k = ${g.memory?.toFixed(2) ?? '–'}`,
    )
    .join('; ');
const growthTable = growth
  ? [
      markdownTable(
        [
          'Weeks',
          'Pages',
          'Cold s',
          'Warm s',
          'Floor s',
          'Cold / floor',
          'Warm / floor',
          'Cold peak MB',
          'Warm peak MB',
          'Floor peak MB',
        ],
        measured.map((run) => [
          run.weeks,
          run.floorPages,
          seconds(run.cold.seconds),
          seconds(run.warm.seconds),
          seconds(run.floor.seconds),
          Number((run.cold.seconds / run.floor.seconds).toFixed(2)),
          Number((run.warm.seconds / run.floor.seconds).toFixed(2)),
          run.cold.peakRssMb,
          run.warm.peakRssMb,
          run.floor.peakRssMb,
        ]),
      ),
      '',
      `Growth, cost ∝ weeks^k fitted on a log–log scale (1 is linear). Over every size: ${exponentText(growth.allSizes)}. From ${measured.at(-2)!.weeks} to ${measured.at(-1)!.weeks} weeks: ${exponentText(growth.largestStep)}.`,
    ].join('\n')
  : 'One size measured; pass --sizes 52,260,520,1040 for the growth curve.';
const weightTable = markdownTable(
  [
    'Page type',
    'Pages',
    'HTML gz median',
    'HTML gz max',
    'Download median (1×)',
    'Download max (1×)',
    'Download median (2×)',
    'Download max (2×)',
    'JS bytes',
  ],
  Object.entries(weights).map(([type, w]) => [
    type,
    w.pages,
    w.htmlGzMedian,
    w.htmlGzMax,
    w.downloadMedian,
    w.downloadMax,
    w.download2xMedian,
    w.download2xMax,
    w.jsBytesMax,
  ]),
);
const slowList = runs
  .filter((run) => kindOf(run) !== 'floor')
  .map((run) => {
    const slow = slowRenders(run.renders, SLOW_MS);
    const shown = slow.slice(0, 10).map((r) => `  - ${r.path}: ${Math.round(r.ms)} ms`);
    return [
      `- ${describe[kindOf(run)]}: ${slow.length} of ${run.renders.length} renders over ${SLOW_MS} ms${slow.length ? ', slowest:' : '.'}`,
      ...shown,
    ].join('\n');
  })
  .join('\n');
const identicalText = !identical
  ? 'Byte-identical check skipped (--skip-identical).'
  : identical.onlyInFirst.length + identical.onlyInSecond.length + identical.differing.length
    ? [
        `The warm build and a clean build of the same data differ: ${identical.differing.length} files differ, ${identical.onlyInFirst.length} only in the warm build, ${identical.onlyInSecond.length} only in the clean one:`,
        ...[...identical.differing, ...identical.onlyInFirst, ...identical.onlyInSecond]
          .slice(0, 20)
          .map((path) => `  - ${path}`),
      ].join('\n')
    : `The warm build and a clean build of the same data are byte-identical: ${identical.files.toLocaleString('en-US')} files, every SHA-256 equal.`;
const report = [
  `${mainSize} generated weeks (seed ${seed}); ${result.machine.cores} cores (${result.machine.cpu}), ${result.machine.memoryGiB} GiB, Node ${result.machine.node}, Astro ${result.machine.astro}.`,
  '',
  buildTable,
  '',
  `Cold / floor: ${result.ratios.coldToFloor}; warm / floor: ${result.ratios.warmToFloor}. The floor renders ${mainRun.floorPages.toLocaleString('en-US')} pages totalling ${Math.round(mainRun.floorBytes / 2 ** 20)} MB, one per page or endpoint file of the site.`,
  '',
  breakdownTable,
  '',
  growthTable,
  '',
  identicalText,
  '',
  slowList,
  '',
  'Bytes per page type (gzip for text, images as they are; a 2× screen loads the 2× images):',
  '',
  weightTable,
  '',
  `Total bench time: ${Math.round(result.totalSeconds)} s.`,
].join('\n');

console.log(`\n${report}\n`);
writeFileSync(join(OUTPUT, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(OUTPUT, 'bench.md'), `${report}\n`);
log('Written to bench-output/bench.json and bench-output/bench.md');
if (values.keep) {
  log(`Kept ${work} and ${relative(ROOT, outputs)}`);
} else {
  rmSync(work, { recursive: true, force: true });
  log(`Build logs kept in ${relative(ROOT, outputs)}`);
}
