import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DrawJob } from './draw.ts';
import { drawImage } from './pool.ts';

/**
 * The content cache of chart images. A file's name is a hash of everything that decides its
 * pixels, so an existing file is never drawn again, a changed input gets a new name, and the
 * folder can be deleted at any time (everything is drawn again on the next build).
 */

/** Default folder; `CHART_CACHE_DIR` overrides it (tests give each build its own). */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/dda-charts';

/**
 * Set by the Astro integration for the length of a build: the file to which every chart request
 * appends a line. Pages may be rendered in another module instance or worker than the one that
 * runs the integration, so the build's record of used images goes through the file system.
 */
export const LEDGER_ENV = 'DDA_CHARTS_LEDGER';

/** Image files are named `<kind>-<hash>[-2x].png` or `<kind>-<hash>.svg`; nothing else may be served from the cache. */
export const IMAGE_FILE_PATTERN = /^[a-z0-9-]+-[0-9a-f]{24}(?:(?:-2x)?\.png|\.svg)$/;

export function chartCacheDir(): string {
  return resolve(process.env['CHART_CACHE_DIR'] ?? DEFAULT_CACHE_DIR);
}

/**
 * JSON with object keys sorted, so that two equal configurations hash alike whatever order
 * their keys were written in. Functions would be left out by JSON and two charts differing only
 * in a callback would share a file, so they are refused.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'function') {
      throw new TypeError('a chart configuration must be plain data, not functions');
    }
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      return Object.fromEntries(
        Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return item;
  });
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 24);
}

export interface ChartCounts {
  drawn: number;
  reused: number;
}

const counts: ChartCounts = { drawn: 0, reused: 0 };

/** How many images this process drew and how many it found in the cache. */
export function chartCounts(): ChartCounts {
  return { ...counts };
}

export function resetChartCounts(): void {
  counts.drawn = 0;
  counts.reused = 0;
}

export interface CachedFile {
  name: string;
  job: DrawJob;
}

/**
 * Files being drawn, by path. Pages render several at a time (build.concurrency), and two pages
 * may show the same chart: the second waits for the first drawing instead of drawing it again
 * and writing the same temporary file.
 */
const inFlight = new Map<string, Promise<void>>();

async function drawToCache(path: string, job: DrawJob): Promise<void> {
  const { bytes, ms } = await drawImage(job);
  const ledger = process.env[LEDGER_ENV];
  if (ledger) appendFileSync(ledger, `drawing ${Math.round(ms)}\n`);
  // Written under a temporary name and renamed, so a build that is interrupted, or another
  // build sharing the cache, never sees half a file under the final name.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}

/**
 * Makes sure every file of one image (e.g. its 1× and 2× variants) is in the cache, drawing only
 * the missing ones, and counts the image as drawn or reused.
 */
export async function ensureCached(files: readonly CachedFile[]): Promise<'drawn' | 'reused'> {
  const dir = chartCacheDir();
  let outcome: 'drawn' | 'reused' = 'reused';
  const waits: Promise<void>[] = [];
  for (const file of files) {
    const path = join(dir, file.name);
    const pending = inFlight.get(path);
    if (pending) {
      waits.push(pending);
      continue;
    }
    if (existsSync(path)) continue;
    mkdirSync(dir, { recursive: true });
    outcome = 'drawn';
    const drawing = drawToCache(path, file.job).finally(() => inFlight.delete(path));
    inFlight.set(path, drawing);
    waits.push(drawing);
  }
  // Awaited together, so that in a build the 1× and 2× files go to two drawing threads.
  await Promise.all(waits);
  counts[outcome] += 1;
  const ledger = process.env[LEDGER_ENV];
  if (ledger) appendFileSync(ledger, `${outcome} ${files.map((file) => file.name).join(' ')}\n`);
  return outcome;
}

export interface LedgerSummary extends ChartCounts {
  /** Every image file the build used, each once. */
  files: string[];
  /** Time the drawings took, summed over the drawing threads. */
  drawingMs: number;
}

/** Reads the lines `ensureCached` (and the drawings) appended during a build. */
export function summariseLedger(text: string): LedgerSummary {
  const summary: LedgerSummary = { drawn: 0, reused: 0, files: [], drawingMs: 0 };
  const files = new Set<string>();
  // An image is asked for when a page's key is worked out and again when the page renders:
  // it counts once, as drawn if any request drew it. Its first file names it.
  const images = new Map<string, 'drawn' | 'reused'>();
  for (const line of text.split('\n')) {
    const [outcome, ...names] = line.split(' ');
    if (outcome === 'drawing') summary.drawingMs += Number(names[0]);
    if ((outcome !== 'drawn' && outcome !== 'reused') || !names[0]) continue;
    if (images.get(names[0]) !== 'drawn') images.set(names[0], outcome);
    for (const name of names) files.add(name);
  }
  for (const outcome of images.values()) summary[outcome] += 1;
  summary.files = [...files].sort();
  return summary;
}
