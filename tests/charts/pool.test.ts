import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDrawJob } from '../../src/lib/charts/draw.ts';
import type { DrawJob } from '../../src/lib/charts/draw.ts';
import { drawImage, IDLE_THREADS_STOP_MS, WORKER_ENV } from '../../src/lib/charts/pool.ts';
import { siteModel } from './helpers.ts';
import {
  weekDeclinedByJurisdictionChart,
  weekSectionIChart,
} from '../../src/lib/charts/specs/week.ts';

const week = siteModel.weeks[0]!.report;
const specs = [
  weekDeclinedByJurisdictionChart(week, siteModel.gazetteer)!,
  weekSectionIChart(week, siteModel.gazetteer)!,
];
const jobs: DrawJob[] = [
  ...specs.flatMap((spec) =>
    [1, 2].map((pixelRatio) => ({
      kind: 'chart' as const,
      config: spec.config,
      size: spec.size,
      pixelRatio,
    })),
  ),
  {
    kind: 'social',
    drawing: {
      period: 'Jan. 28 – Feb. 3, 2017',
      figures: [{ value: '206', label: 'Declined detainers' }],
      chart: specs[0]!.config,
    },
  },
  { kind: 'text', text: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
];

describe('drawing threads', () => {
  beforeAll(() => {
    process.env[WORKER_ENV] = fileURLToPath(
      new URL('../../src/lib/charts/draw-worker.ts', import.meta.url),
    );
    process.env['CHART_WORKERS'] = '2';
  });
  afterAll(() => {
    delete process.env[WORKER_ENV];
    delete process.env['CHART_WORKERS'];
  });

  it('give every job the bytes drawing it on this thread gives, asked for all at once', async () => {
    const fromThreads = (await Promise.all(jobs.map((job) => drawImage(job)))).map(
      (drawn) => drawn.bytes,
    );
    jobs.forEach((job, i) => expect(fromThreads[i]!.equals(runDrawJob(job))).toBe(true));
  });

  it('reject a job that cannot be drawn with the thread’s error, and go on drawing', async () => {
    const broken: DrawJob = {
      kind: 'chart',
      config: { ...specs[0]!.config, type: 'no-such-chart' as 'bar' },
      size: specs[0]!.size,
      pixelRatio: 1,
    };
    await expect(drawImage(broken)).rejects.toThrow(/no-such-chart/);
    expect((await drawImage(jobs[0]!)).bytes.equals(runDrawJob(jobs[0]!))).toBe(true);
  });

  it('stop when they have had nothing to do for a while, and start again when asked', async () => {
    const threads = () =>
      Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
    await Promise.all(jobs.slice(0, 2).map((job) => drawImage(job)));
    const drawing = threads();
    await sleep(IDLE_THREADS_STOP_MS + 1000);
    expect(threads()).toBeLessThanOrEqual(drawing - 2);
    expect((await drawImage(jobs[1]!)).bytes.equals(runDrawJob(jobs[1]!))).toBe(true);
  });
});
