/**
 * The pure parts of `npm run bench` (scripts/bench.ts): statistics, reading Astro's build log,
 * summing the memory of a process tree, comparing two builds file by file, sorting built files
 * into page types, and what a page makes a reader download.
 */
import { parseHTML } from 'linkedom';

/** The middle value; for an even count, the mean of the two middle values. 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface RenderTime {
  /** The output file as Astro logs it, e.g. `/weeks/2017-01-28/index.html`. */
  path: string;
  ms: number;
}

/** Astro's `getTimeStat`: `812ms`, `1.25s` or `1m 3s`. */
function parseDuration(text: string): number | null {
  const ms = /^(\d+(?:\.\d+)?)ms$/.exec(text);
  if (ms) return Number(ms[1]);
  const seconds = /^(\d+(?:\.\d+)?)s$/.exec(text);
  if (seconds) return Number(seconds[1]) * 1000;
  const minutes = /^(\d+)m (\d+)s$/.exec(text);
  if (minutes) return (Number(minutes[1]) * 60 + Number(minutes[2])) * 1000;
  return null;
}

/**
 * Per-page render times from `astro build` output. Astro logs every prerendered file as
 * `├─ /path/index.html (+123ms)`, timed from the start of its render to the file written; a
 * file restored by an incremental build reads `(cached)` or `(restored)` and has no time.
 */
export function parseRenderTimes(log: string): RenderTime[] {
  const times: RenderTime[] = [];
  // eslint-disable-next-line no-control-regex -- colour codes, when Astro's output is a terminal
  const plain = log.replace(/\u001b\[[0-9;]*m/g, '');
  for (const match of plain.matchAll(/[├└]─ (\S+) \(\+([^)]+)\)/g)) {
    const ms = parseDuration(match[2]!);
    if (ms !== null) times.push({ path: match[1]!, ms });
  }
  return times;
}

/** Renders slower than `thresholdMs`, slowest first. */
export function slowRenders(times: readonly RenderTime[], thresholdMs = 500): RenderTime[] {
  return times
    .filter((time) => time.ms > thresholdMs)
    .sort((a, b) => b.ms - a.ms || a.path.localeCompare(b.path));
}

export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** The command name (`node`, `pagefind_extended`), as /proc gives it. */
  name: string;
  /** Resident set size in kilobytes. */
  rssKb: number;
}

/**
 * A process's id, parent and resident memory from its `/proc/<pid>/stat` line. The command name
 * is in parentheses and may itself hold spaces and parentheses, so fields are counted from the
 * last `)`.
 */
export function parseProcStat(line: string, pageKb: number): ProcessEntry | null {
  const close = line.lastIndexOf(')');
  const open = line.indexOf('(');
  const pid = Number.parseInt(line, 10);
  if (close === -1 || open === -1 || !Number.isInteger(pid)) return null;
  const fields = line.slice(close + 2).split(' ');
  // After the name: state, ppid, …, rss (in pages) is the 22nd field.
  const ppid = Number(fields[1]);
  const rssPages = Number(fields[21]);
  if (!Number.isInteger(ppid) || !Number.isInteger(rssPages)) return null;
  return { pid, ppid, name: line.slice(open + 1, close), rssKb: rssPages * pageKb };
}

/**
 * CPU time the machine's processes used (all cores: user, nice, system, irq, softirq), in clock
 * ticks, from the first line of `/proc/stat`.
 */
export function busyTicks(procStat: string): number {
  const fields = procStat.split('\n')[0]!.trim().split(/\s+/);
  if (fields[0] !== 'cpu') throw new Error('not /proc/stat');
  const [user, nice, system, , , irq, softirq] = fields.slice(1).map(Number);
  return user! + nice! + system! + irq! + softirq!;
}

/** A process and all its descendants, from one snapshot of the process table. */
function processTree(processes: readonly ProcessEntry[], rootPid: number): ProcessEntry[] {
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of processes) {
    const list = children.get(entry.ppid);
    if (list) list.push(entry);
    else children.set(entry.ppid, [entry]);
  }
  const root = processes.find((entry) => entry.pid === rootPid);
  if (!root) return [];
  const tree: ProcessEntry[] = [];
  const seen = new Set<number>();
  const stack = [root];
  while (stack.length) {
    const entry = stack.pop()!;
    if (seen.has(entry.pid)) continue;
    seen.add(entry.pid);
    tree.push(entry);
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return tree;
}

/** Resident memory of a process and all its descendants, from one snapshot of the process table. */
export function treeRssKb(processes: readonly ProcessEntry[], rootPid: number): number {
  return processTree(processes, rootPid).reduce((total, entry) => total + entry.rssKb, 0);
}

/**
 * Resident memory of a process tree by command name, in one snapshot: `node` (Astro, with its
 * drawing threads, which are threads of the same process), `pagefind_extended`, …
 */
export function treeRssKbByName(
  processes: readonly ProcessEntry[],
  rootPid: number,
): Map<string, number> {
  const byName = new Map<string, number>();
  for (const entry of processTree(processes, rootPid)) {
    byName.set(entry.name, (byName.get(entry.name) ?? 0) + entry.rssKb);
  }
  return byName;
}

/** What a build recorded with DDA_BUILD_PROFILE: durations by phase, points by name. */
export interface BuildProfile {
  phases: Map<string, number>;
  points: Map<string, number>;
  counts: Map<string, number>;
}

/** Reads the JSON lines a build appended (see src/handover/build-profile.ts); sums repeats. */
export function parseProfile(text: string): BuildProfile {
  const profile: BuildProfile = { phases: new Map(), points: new Map(), counts: new Map() };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as {
      phase?: string;
      ms?: number;
      point?: string;
      at?: number;
      count?: string;
      n?: number;
    };
    if (entry.phase !== undefined && entry.ms !== undefined) {
      profile.phases.set(entry.phase, (profile.phases.get(entry.phase) ?? 0) + entry.ms);
    } else if (entry.point !== undefined && entry.at !== undefined) {
      profile.points.set(entry.point, entry.at);
    } else if (entry.count !== undefined && entry.n !== undefined) {
      profile.counts.set(entry.count, (profile.counts.get(entry.count) ?? 0) + entry.n);
    }
  }
  return profile;
}

/** Render time summed by page type; every other rendered file counts as `file`. */
export function renderTimeByType(times: readonly RenderTime[]): Map<PageType | 'file', number> {
  const sums = new Map<PageType | 'file', number>();
  for (const { path, ms } of times) {
    const type = pageTypeOf(path) ?? 'file';
    sums.set(type, (sums.get(type) ?? 0) + ms);
  }
  return sums;
}

/**
 * How a cost grows with size: the exponent k of cost ∝ size^k, fitted by least squares on the
 * logarithms. 1 is linear; above 1, faster than the data. Null for fewer than two points.
 */
export function growthExponent(points: readonly { size: number; cost: number }[]): number | null {
  const usable = points.filter((p) => p.size > 0 && p.cost > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.size));
  const ys = usable.map((p) => Math.log(p.cost));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const covariance = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const variance = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return variance === 0 ? null : covariance / variance;
}

export interface TreeDiff {
  onlyInFirst: string[];
  onlyInSecond: string[];
  differing: string[];
}

/** Files (relative path → content hash) present in one build only, or in both with other bytes. */
export function diffTrees(
  first: ReadonlyMap<string, string>,
  second: ReadonlyMap<string, string>,
): TreeDiff {
  const diff: TreeDiff = { onlyInFirst: [], onlyInSecond: [], differing: [] };
  for (const [path, hash] of first) {
    const other = second.get(path);
    if (other === undefined) diff.onlyInFirst.push(path);
    else if (other !== hash) diff.differing.push(path);
  }
  for (const path of second.keys()) if (!first.has(path)) diff.onlyInSecond.push(path);
  for (const list of Object.values(diff)) list.sort();
  return diff;
}

export const PAGE_TYPES = ['home', 'week', 'comparison', 'jurisdiction', 'state'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** The page type of a built HTML file, by its path under the output folder (`/weeks/…/index.html`). */
export function pageTypeOf(path: string): PageType | null {
  if (path === '/index.html') return 'home';
  if (/^\/weeks\/\d{4}-\d{2}-\d{2}\/index\.html$/.test(path)) return 'week';
  if (/^\/weeks\/\d{4}-\d{2}-\d{2}\/vs\/\d{4}-\d{2}-\d{2}\/index\.html$/.test(path)) {
    return 'comparison';
  }
  if (/^\/jurisdictions\/[^/]+\/index\.html$/.test(path)) return 'jurisdiction';
  if (/^\/states\/[^/]+\/index\.html$/.test(path)) return 'state';
  return null;
}

export interface PageResources {
  stylesheets: string[];
  /** Image files a screen at 1× loads (`src`). */
  images: string[];
  /** Image files a screen at 2× loads: the `2x` candidate of `srcset` where there is one. */
  images2x: string[];
  /** External scripts, module preloads included. */
  scripts: string[];
  /** Bytes of inline scripts a browser runs (JSON-LD and other data blocks excluded). */
  inlineScriptBytes: number;
}

const SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/**
 * What a page makes a browser fetch, as site paths (`/charts/…png`), each once. Links to other
 * pages, feeds and downloads are not fetched until a reader follows them, so they do not count.
 */
export function pageResources(html: string): PageResources {
  const { document } = parseHTML(html);
  const unique = (values: (string | null)[]) => [
    ...new Set(values.filter((value): value is string => !!value && !value.startsWith('data:'))),
  ];
  const images = [...document.querySelectorAll('img[src]')];
  const inline = [...document.querySelectorAll('script:not([src])')].filter((script) =>
    SCRIPT_TYPES.has((script.getAttribute('type') ?? '').toLowerCase()),
  );
  return {
    stylesheets: unique(
      [...document.querySelectorAll('link[rel~="stylesheet"][href]')].map((link) =>
        link.getAttribute('href'),
      ),
    ),
    images: unique(images.map((img) => img.getAttribute('src'))),
    images2x: unique(
      images.map((img) => {
        const candidate = (img.getAttribute('srcset') ?? '')
          .split(',')
          .map((part) => part.trim().split(/\s+/))
          .find(([, descriptor]) => descriptor === '2x');
        return candidate?.[0] ?? img.getAttribute('src');
      }),
    ),
    scripts: unique([
      ...[...document.querySelectorAll('script[src]')].map((script) => script.getAttribute('src')),
      ...[...document.querySelectorAll('link[rel="modulepreload"][href]')].map((link) =>
        link.getAttribute('href'),
      ),
    ]),
    inlineScriptBytes: inline.reduce(
      (total, script) => total + Buffer.byteLength(script.textContent ?? ''),
      0,
    ),
  };
}

/**
 * Formats a table as Markdown (right-aligned numbers), so the printed table can go into
 * docs/performance.md as it is.
 */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('en-US') : cell)),
  );
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'),
  );
  const widths = headers.map((header, i) =>
    Math.max(3, header.length, ...cells.map((row) => row[i]!.length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, i) => (numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((width, i) => (numeric[i] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(headers), rule, ...cells.map(line)].join('\n');
}
