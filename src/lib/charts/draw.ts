import type { ChartConfiguration } from 'chart.js';
import { drawChartPng } from './render.ts';
import type { ImageSize } from './kit.ts';
import { drawSocialPng } from './social-png.ts';
import type { SocialDrawing } from './social-png.ts';

/**
 * What the cache draws for one file, as plain data: it crosses to a worker thread by structured
 * clone (see pool.ts), so it holds no functions or class instances.
 */
export type DrawJob =
  | { kind: 'chart'; config: ChartConfiguration; size: ImageSize; pixelRatio: number }
  | { kind: 'social'; drawing: SocialDrawing }
  /** A file whose text is already made (the map's SVG): only written, never drawn. */
  | { kind: 'text'; text: string };

/** The file's bytes. The same job gives the same bytes in any thread. */
export function runDrawJob(job: DrawJob): Buffer {
  switch (job.kind) {
    case 'chart':
      return drawChartPng(job.config, job.size, job.pixelRatio);
    case 'social':
      return drawSocialPng(job.drawing);
    case 'text':
      return Buffer.from(job.text, 'utf8');
  }
}
