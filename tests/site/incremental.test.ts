/**
 * The weekly rebuild: the fixture built once, then rebuilt with the next week added from the
 * first build's caches (as a deploy restores them), must be byte for byte the clean build of the
 * same data that the global setup made, while rendering only what the new week changed.
 */
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEXT_WEEK, NEXT_WEEK_DATA, NEXT_WEEK_DIST } from '../helpers/fixture-week.ts';
import { buildSite, FIXTURE_DIST, makeWorkDir } from '../helpers/site.ts';

/** Relative path → SHA-256 of every file under a folder. */
function hashTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return files;
}

/**
 * The files Astro logs as rendered, and those it logs as kept from the previous build. Each file
 * is logged as `├─ <path>`, then ` (cached)` or ` (restored)` at once when kept, or `(+12ms)`
 * when its render ends; renders run four at a time, so other files' lines may come between.
 */
function renderLog(log: string) {
  // eslint-disable-next-line no-control-regex -- colour codes, when Astro's output is a terminal
  const plain = log.replace(/\u001b\[[0-9;]*m/g, '');
  const logged = [
    ...plain.matchAll(/[├└]─ (\/\S*?)(?=\d{2}:\d{2}:\d{2}|\s|$)( \((?:cached|restored)\))?/g),
  ];
  const kept = logged.filter((line) => line[2]).map((line) => line[1]!);
  const keptSet = new Set(kept);
  return { rendered: logged.map((line) => line[1]!).filter((path) => !keptSet.has(path)), kept };
}

describe('the incremental rebuild after a new week', () => {
  const work = makeWorkDir('incremental-');
  const dist = join(work, 'dist');
  let log: ReturnType<typeof renderLog>;
  beforeAll(async () => {
    // The caches of the fixture build (Astro's and the charts'), as the deploy restores them.
    cpSync(`${FIXTURE_DIST}-cache`, join(work, 'cache'), { recursive: true });
    log = renderLog(await buildSite(NEXT_WEEK_DATA, dist, join(work, 'cache')));
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives the same site, byte for byte, as a clean build of the same data', () => {
    const clean = hashTree(NEXT_WEEK_DIST);
    const warm = hashTree(dist);
    expect([...warm.keys()].sort()).toEqual([...clean.keys()].sort());
    const differing = [...clean].filter(([path, hash]) => warm.get(path) !== hash);
    expect(differing.map(([path]) => path)).toEqual([]);
  });

  it('renders the new week and what it changes, and keeps what it does not', () => {
    const previous = '2020-01-18';
    const rendered = new Set(log.rendered);
    for (const path of [
      `/weeks/${NEXT_WEEK.start}/index.html`,
      `/weeks/${NEXT_WEEK.start}.json`,
      // The week before now links to the new one.
      `/weeks/${previous}/index.html`,
      `/weeks/${previous}/vs/${NEXT_WEEK.start}/index.html`,
    ]) {
      expect(rendered, path).toContain(path);
    }
    // Reports two weeks back and more, and their files, change nothing.
    for (const path of ['/weeks/2020-01-04/index.html', '/weeks/2020-01-04/report.json']) {
      expect(log.kept, path).toContain(path);
    }
    expect(log.kept.length).toBeGreaterThan(log.rendered.length / 2);
  });
});
