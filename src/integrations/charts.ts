import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  chartCacheDir,
  IMAGE_FILE_PATTERN,
  LEDGER_ENV,
  summariseLedger,
} from '../lib/charts/cache.ts';
import { WORKER_ENV } from '../lib/charts/pool.ts';
import { markPoint, recordPhase } from '../handover/build-profile.ts';

/**
 * `CHART_CACHE_PRUNE=1`: after the build, delete the cached images it did not use, so a cache
 * kept between deploys (.github/workflows/deploy.yml) holds one site's images, not every
 * version's. Off by default: a local cache may serve builds of other data folders.
 */
const PRUNE_ENV = 'CHART_CACHE_PRUNE';

/**
 * A cached image into the site (whose folder Astro empties before each build): a hard link where
 * the cache and the site share a file system (a cached file is never changed in place, only
 * replaced by a rename), a copy otherwise.
 */
function publish(cached: string, target: string): void {
  try {
    linkSync(cached, target);
  } catch (error) {
    // Another file system, or one without hard links.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
    copyFileSync(cached, target);
  }
}

function pruneCache(cache: string, used: ReadonlySet<string>): void {
  for (const name of readdirSync(cache)) {
    if (IMAGE_FILE_PATTERN.test(name) && !used.has(name))
      rmSync(join(cache, name), { force: true });
  }
}

/** Where the images go in the built site (and where the dev server serves them). */
const CHARTS_FOLDER = 'charts';

/**
 * Publishes the chart images. Pages draw them into the content cache while they render; after
 * the build this copies exactly the images the build used into `<outDir>/charts/` and logs how
 * many were drawn and reused. The dev server serves them straight from the cache.
 */
export function chartsIntegration(): AstroIntegration {
  let ledgerDir: string | null = null;
  return {
    name: 'dda-charts',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const name = /\/charts\/([^/?#]+)(?:[?#].*)?$/.exec(request.url ?? '')?.[1] ?? '';
          const path = IMAGE_FILE_PATTERN.test(name) ? join(chartCacheDir(), name) : null;
          if (!path || !existsSync(path)) return next();
          response.setHeader('Content-Type', name.endsWith('.svg') ? 'image/svg+xml' : 'image/png');
          response.end(readFileSync(path));
        });
      },
      'astro:build:start': () => {
        markPoint('build start');
        ledgerDir = mkdtempSync(join(tmpdir(), 'dda-charts-'));
        // Pages render after this hook, in this process or in workers that inherit its env.
        process.env[LEDGER_ENV] = join(ledgerDir, 'ledger.txt');
        process.env[WORKER_ENV] = fileURLToPath(
          new URL('../lib/charts/draw-worker.ts', import.meta.url),
        );
      },
      'astro:build:generated': () => markPoint('pages generated'),
      'astro:build:done': ({ dir, logger }) => {
        markPoint('build done');
        const started = performance.now();
        const ledger = process.env[LEDGER_ENV];
        const summary = summariseLedger(
          ledger && existsSync(ledger) ? readFileSync(ledger, 'utf8') : '',
        );
        const target = fileURLToPath(new URL(`${CHARTS_FOLDER}/`, dir));
        const cache = chartCacheDir();
        if (summary.files.length) mkdirSync(target, { recursive: true });
        for (const file of summary.files) publish(join(cache, file), join(target, file));
        if (process.env[PRUNE_ENV]) pruneCache(cache, new Set(summary.files));
        recordPhase('chart images published', performance.now() - started);
        recordPhase('chart drawing (thread time)', summary.drawingMs);
        logger.info(`charts: ${summary.drawn} drawn, ${summary.reused} reused`);
        delete process.env[LEDGER_ENV];
        delete process.env[WORKER_ENV];
        if (ledgerDir) rmSync(ledgerDir, { recursive: true, force: true });
      },
    },
  };
}
