import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { chartCacheDir, IMAGE_FILE_PATTERN } from '../lib/charts/cache.ts';
import { CHARTS_PATH } from '../lib/charts/images.ts';
import { WORKER_ENV } from '../lib/charts/pool.ts';
import { markPoint } from '../handover/build-profile.ts';

/**
 * `CHART_CACHE_PRUNE=1`: after the build, delete the cached images the site does not show, so a
 * cache kept between deploys (.github/workflows/deploy.yml) holds one site's images, not every
 * version's. Off by default: a local cache may serve builds of other data folders.
 */
const PRUNE_ENV = 'CHART_CACHE_PRUNE';

function pruneCache(cache: string, used: ReadonlySet<string>): void {
  if (!existsSync(cache)) return;
  for (const name of readdirSync(cache)) {
    if (IMAGE_FILE_PATTERN.test(name) && !used.has(name))
      rmSync(join(cache, name), { force: true });
  }
}

/**
 * The build's side of the chart images, which are the files of the routes in src/pages/charts/:
 * it names the drawing threads' script for the length of a build, and afterwards prunes the
 * chart cache to the images the built site holds, if asked to.
 */
export function chartsIntegration(): AstroIntegration {
  return {
    name: 'dda-charts',
    hooks: {
      'astro:build:start': () => {
        markPoint('build start');
        // Pages render after this hook, in this process or in workers that inherit its env.
        process.env[WORKER_ENV] = fileURLToPath(
          new URL('../lib/charts/draw-worker.ts', import.meta.url),
        );
      },
      'astro:build:generated': () => markPoint('pages generated'),
      'astro:build:done': ({ dir }) => {
        markPoint('build done');
        delete process.env[WORKER_ENV];
        if (!process.env[PRUNE_ENV]) return;
        const published = fileURLToPath(new URL(CHARTS_PATH, dir));
        pruneCache(chartCacheDir(), new Set(existsSync(published) ? readdirSync(published) : []));
      },
    },
  };
}
