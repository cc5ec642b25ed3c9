import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
const inFlight = new Map<string, Promise<number>>();

/** Draws one file into the cache; returns the time the drawing took. */
async function drawToCache(path: string, job: DrawJob): Promise<number> {
  const { bytes, ms } = await drawImage(job);
  // Written under a temporary name and renamed, so a build that is interrupted, or another
  // build sharing the cache, never sees half a file under the final name.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
  return ms;
}

/** What making sure of one image's files took. */
export interface CacheOutcome {
  outcome: 'drawn' | 'reused';
  /** Files this call drew (not those another call was drawing), and the time their drawing took. */
  filesDrawn: number;
  drawingMs: number;
}

/**
 * Makes sure every file of one image (e.g. its 1× and 2× variants) is in the cache, drawing only
 * the missing ones, and counts the image as drawn or reused.
 */
export async function ensureCached(files: readonly CachedFile[]): Promise<CacheOutcome> {
  const dir = chartCacheDir();
  let outcome: 'drawn' | 'reused' = 'reused';
  const waits: Promise<unknown>[] = [];
  const drawings: Promise<number>[] = [];
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
    drawings.push(drawing);
  }
  // Awaited together, so that in a build the 1× and 2× files go to two drawing threads.
  const [times] = await Promise.all([Promise.all(drawings), Promise.all(waits)]);
  counts[outcome] += 1;
  return {
    outcome,
    filesDrawn: times.length,
    drawingMs: times.reduce((sum, ms) => sum + ms, 0),
  };
}
