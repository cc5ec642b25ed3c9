import { contentHash, ensureCached } from './cache.ts';
import { drawChartPng, prepareRenderer } from './render.ts';
import type { ChartSpec } from './spec-kit.ts';

/** Where the build publishes the images, relative to the site's base path. */
export const CHARTS_PATH = 'charts/';

export interface ChartImage {
  /** File name of the 1× PNG under `charts/` of the built site. */
  file: string;
  /** File name of the 2× PNG, for `srcset` on sharp screens. */
  file2x: string;
  /** CSS pixels, for the `width` and `height` attributes that prevent layout shift. */
  width: number;
  height: number;
  alt: string;
}

/** The cache name of an image drawn from `input`, by whatever draws this `kind`. */
export function imageFileName(kind: string, input: unknown): string {
  return `${kind}-${contentHash({ renderer: prepareRenderer(), input })}`;
}

/**
 * The chart's image files, drawn into the cache unless they are there already. Call it while
 * rendering a page; the Astro integration copies every image used into the built site.
 */
export function chartImage(spec: ChartSpec): ChartImage {
  const base = imageFileName(spec.kind, { size: spec.size, config: spec.config });
  const file = `${base}.png`;
  const file2x = `${base}-2x.png`;
  ensureCached([
    { name: file, draw: () => drawChartPng(spec.config, spec.size, 1) },
    { name: file2x, draw: () => drawChartPng(spec.config, spec.size, 2) },
  ]);
  return { file, file2x, width: spec.size.width, height: spec.size.height, alt: spec.alt };
}
