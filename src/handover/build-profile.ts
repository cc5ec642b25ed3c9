/**
 * Where a build's time goes, for `npm run bench`: with `DDA_BUILD_PROFILE=<file>` set, each
 * timed phase appends one JSON line `{ "phase", "ms" }` to the file, each point of it
 * `{ "point", "at" }` and each count `{ "count", "n" }`. The phases run in the Astro
 * process and the module instances of its bundle, so they meet in a file. Without the variable nothing is recorded.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const PROFILE_ENV = 'DDA_BUILD_PROFILE';

function record(entry: Record<string, string | number>): void {
  const file = process.env[PROFILE_ENV];
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

export function recordPhase(phase: string, ms: number): void {
  record({ phase, ms: Math.round(ms) });
}

/** Adds `n` to a count of the build, e.g. the chart files it drew. */
export function recordCount(count: string, n: number): void {
  record({ count, n });
}

/** A point in the build (`at`: ms since the process started), e.g. the end of page rendering. */
export function markPoint(point: string): void {
  record({ point, at: Math.round(performance.now()) });
}

/** Runs `work` and records how long it took under `phase`. */
export function timed<T>(phase: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    recordPhase(phase, performance.now() - start);
  }
}

export async function timedAsync<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    recordPhase(phase, performance.now() - start);
  }
}
