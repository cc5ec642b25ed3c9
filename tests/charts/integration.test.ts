import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_ENV } from '../../src/lib/charts/cache.ts';
import { chartImage } from '../../src/lib/charts/images.ts';
import { chartsIntegration } from '../../src/integrations/charts.ts';
import { siteModel, useTemporaryCache } from './helpers.ts';
import { trendChart } from '../../src/lib/charts/specs/trend.ts';

type Hooks = Required<AstroIntegration['hooks']>;
type Middleware = (
  request: { url: string },
  response: { setHeader: (name: string, value: string) => void; end: (body: Buffer) => void },
  next: () => void,
) => void;

const spec = trendChart(siteModel.weeks.map((week) => week.report))!;

describe('charts integration', () => {
  const cacheDir = useTemporaryCache();
  const outDirs: string[] = [];
  afterEach(() => {
    for (const dir of outDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes exactly the images the build used into charts/ and logs the counts', async () => {
    const hooks = chartsIntegration().hooks as Hooks;
    const outDir = mkdtempSync(join(tmpdir(), 'dda-dist-'));
    outDirs.push(outDir);
    const messages: string[] = [];
    const logger = { info: (message: string) => messages.push(message) };
    const filesOf = (image: Awaited<ReturnType<typeof chartImage>>) => [
      image.file,
      image.file2x,
      image.narrow.file,
      image.narrow.file2x,
    ];

    const early = await chartImage(trendChart(siteModel.weeks.slice(0, 1).map((w) => w.report))!);
    const unused = await chartImage(trendChart(siteModel.weeks.slice(0, 2).map((w) => w.report))!);
    await hooks['astro:build:start']({ logger } as never);
    const ledger = process.env[LEDGER_ENV]!;
    const image = await chartImage(spec);
    // Asked for twice (a page's key, then its render): one image, drawn.
    await chartImage(spec);
    // In the cache before the build: reused.
    await chartImage(trendChart(siteModel.weeks.slice(0, 1).map((w) => w.report))!);
    await hooks['astro:build:done']({ dir: pathToFileURL(`${outDir}/`), logger } as never);

    // The image drawn before the build and not asked for by it stays out of the site.
    const used = [...filesOf(image), ...filesOf(early)].sort();
    expect(readdirSync(cacheDir()).sort()).toEqual([...used, ...filesOf(unused)].sort());
    expect(readdirSync(join(outDir, 'charts')).sort()).toEqual(used);
    for (const file of used) {
      // The same file, linked rather than copied: the cache and the site share a file system.
      expect(statSync(join(outDir, 'charts', file)).ino).toBe(statSync(join(cacheDir(), file)).ino);
    }
    expect(messages).toEqual(['charts: 1 drawn, 1 reused']);
    expect(process.env[LEDGER_ENV]).toBeUndefined();
    expect(() => readFileSync(ledger)).toThrow();
  });

  it('with CHART_CACHE_PRUNE, leaves in the cache only the images the build used', async () => {
    const hooks = chartsIntegration().hooks as Hooks;
    const outDir = mkdtempSync(join(tmpdir(), 'dda-dist-'));
    outDirs.push(outDir);
    const logger = { info: () => {} };
    await chartImage(trendChart(siteModel.weeks.slice(0, 1).map((w) => w.report))!);
    process.env['CHART_CACHE_PRUNE'] = '1';
    try {
      await hooks['astro:build:start']({ logger } as never);
      const image = await chartImage(spec);
      await hooks['astro:build:done']({ dir: pathToFileURL(`${outDir}/`), logger } as never);
      expect(readdirSync(cacheDir()).sort()).toEqual(
        [image.file, image.file2x, image.narrow.file, image.narrow.file2x].sort(),
      );
    } finally {
      delete process.env['CHART_CACHE_PRUNE'];
    }
  });

  it('serves cached images to the dev server, and nothing else', async () => {
    let middleware: Middleware | null = null;
    const server = { middlewares: { use: (handler: Middleware) => (middleware = handler) } };
    (chartsIntegration().hooks as Hooks)['astro:server:setup']({ server } as never);
    const image = await chartImage(spec);
    const request = (url: string) => {
      const served: { type?: string; body?: Buffer; passed: boolean } = { passed: false };
      middleware!(
        { url },
        { setHeader: (_name, value) => (served.type = value), end: (body) => (served.body = body) },
        () => (served.passed = true),
      );
      return served;
    };

    const hit = request(`/base/charts/${image.file}?v=1`);
    expect(hit.type).toBe('image/png');
    expect(hit.body).toEqual(readFileSync(join(cacheDir(), image.file)));
    expect(request('/charts/..%2F..%2Fpackage.json').passed).toBe(true);
    expect(request(`/charts/${image.file.replace(/[0-9a-f]{24}/, '0'.repeat(24))}`).passed).toBe(
      true,
    );
  });
});
