import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  chartCacheDir,
  IMAGE_FILE_PATTERN,
  LEDGER_ENV,
  summariseLedger,
} from '../lib/charts/cache.ts';
import { WORKER_ENV } from '../lib/charts/pool.ts';

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
        ledgerDir = mkdtempSync(join(tmpdir(), 'dda-charts-'));
        // Pages render after this hook, in this process or in workers that inherit its env.
        process.env[LEDGER_ENV] = join(ledgerDir, 'ledger.txt');
        process.env[WORKER_ENV] = fileURLToPath(
          new URL('../lib/charts/draw-worker.ts', import.meta.url),
        );
      },
      'astro:build:done': ({ dir, logger }) => {
        const ledger = process.env[LEDGER_ENV];
        const summary = summariseLedger(
          ledger && existsSync(ledger) ? readFileSync(ledger, 'utf8') : '',
        );
        const target = fileURLToPath(new URL(`${CHARTS_FOLDER}/`, dir));
        const cache = chartCacheDir();
        if (summary.files.length) mkdirSync(target, { recursive: true });
        for (const file of summary.files) copyFileSync(join(cache, file), join(target, file));
        logger.info(`charts: ${summary.drawn} drawn, ${summary.reused} reused`);
        delete process.env[LEDGER_ENV];
        delete process.env[WORKER_ENV];
        if (ledgerDir) rmSync(ledgerDir, { recursive: true, force: true });
      },
    },
  };
}
