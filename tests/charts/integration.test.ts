import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCached } from '../../src/lib/charts/cache.ts';
import { chartPicture, pictureFiles } from '../../src/lib/charts/images.ts';
import { WORKER_ENV } from '../../src/lib/charts/pool.ts';
import { trendChart } from '../../src/lib/charts/specs/trend.ts';
import { chartsIntegration } from '../../src/integrations/charts.ts';
import { siteModel, useTemporaryCache } from './helpers.ts';

type Hooks = Required<AstroIntegration['hooks']>;

const trendFiles = (weeks: number) =>
  pictureFiles(chartPicture(trendChart(siteModel.weeks.slice(0, weeks).map((w) => w.report)))!);

describe('charts integration', () => {
  const cacheDir = useTemporaryCache();
  const outDirs: string[] = [];
  afterEach(() => {
    delete process.env['CHART_CACHE_PRUNE'];
    for (const dir of outDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A built site whose charts/ folder holds `files`, as the image route writes them. */
  function siteWith(files: readonly string[]): URL {
    const outDir = mkdtempSync(join(tmpdir(), 'dda-dist-'));
    outDirs.push(outDir);
    mkdirSync(join(outDir, 'charts'));
    for (const file of files) writeFileSync(join(outDir, 'charts', file), '');
    return pathToFileURL(`${outDir}/`);
  }

  it('names the drawing threads’ script for the length of a build only', async () => {
    const hooks = chartsIntegration().hooks as Hooks;
    await hooks['astro:build:start']({} as never);
    expect(process.env[WORKER_ENV]).toMatch(/draw-worker\.ts$/);
    await hooks['astro:build:done']({ dir: siteWith([]) } as never);
    expect(process.env[WORKER_ENV]).toBeUndefined();
  });

  it('with CHART_CACHE_PRUNE, leaves in the cache only the images the built site holds', async () => {
    const used = trendFiles(2);
    const unused = trendFiles(1);
    await ensureCached([...used, ...unused]);
    const names = (files: { name: string }[]) => files.map((file) => file.name).sort();
    const hooks = chartsIntegration().hooks as Hooks;

    await hooks['astro:build:done']({ dir: siteWith(names(used)) } as never);
    expect(readdirSync(cacheDir()).sort()).toEqual(names([...used, ...unused]));

    process.env['CHART_CACHE_PRUNE'] = '1';
    await hooks['astro:build:done']({ dir: siteWith(names(used)) } as never);
    expect(readdirSync(cacheDir()).sort()).toEqual(names(used));
  });
});
