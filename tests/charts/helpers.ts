import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { resetChartCounts } from '../../src/lib/charts/cache.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import { buildSiteModel } from '../../src/lib/model/site-model.ts';
import { ROOT } from '../helpers/site.ts';

export const siteModel = buildSiteModel(loadDataset(join(ROOT, 'tests/fixtures/site/data')));
export const hostileModel = buildSiteModel(loadDataset(join(ROOT, 'tests/fixtures/hostile/data')));

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Gives each test an empty chart cache of its own and zeroed counters; returns its path. */
export function useTemporaryCache(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dda-chart-test-'));
    process.env['CHART_CACHE_DIR'] = dir;
    resetChartCounts();
  });
  afterEach(() => {
    delete process.env['CHART_CACHE_DIR'];
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
