/**
 * Pictures as pages show them: a chart or a map, described by a spec (pure data a view builds)
 * and drawn into the content-hashed cache when a page first asks for it.
 */
import { contentHash, ensureCached } from './cache.ts';
import type { WeekMap } from './map.ts';
import { prepareRenderer } from './render.ts';
import type { ChartSpec } from './kit.ts';

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
  /** What the chart leaves out, shown under it. */
  note: string | null;
}

/** The cache name of an image drawn from `input`, by whatever draws this `kind`. */
export function imageFileName(kind: string, input: unknown): string {
  return `${kind}-${contentHash({ renderer: prepareRenderer(), input })}`;
}

/**
 * The chart's image files, drawn into the cache unless they are there already. Call it while
 * rendering a page; the Astro integration copies every image used into the built site.
 */
export async function chartImage(spec: ChartSpec): Promise<ChartImage> {
  const base = imageFileName(spec.kind, { size: spec.size, config: spec.config });
  const file = `${base}.png`;
  const file2x = `${base}-2x.png`;
  await ensureCached([
    { name: file, job: { kind: 'chart', config: spec.config, size: spec.size, pixelRatio: 1 } },
    { name: file2x, job: { kind: 'chart', config: spec.config, size: spec.size, pixelRatio: 2 } },
  ]);
  return {
    file,
    file2x,
    width: spec.size.width,
    height: spec.size.height,
    alt: spec.alt,
    note: spec.note,
  };
}

export interface MapImage {
  /** File name of the SVG under `charts/`: a vector map stays sharp at any zoom, so no 2×. */
  file: string;
  width: number;
  height: number;
  alt: string;
  note: string | null;
}

/**
 * The week's map as an SVG file in the cache, shown with `<img>` so the page carries no inline
 * SVG. Named after the SVG itself: building the text costs a millisecond, writing it is the
 * part worth skipping.
 */
export async function mapImage(map: WeekMap): Promise<MapImage> {
  const file = `map-${contentHash(map.svg)}.svg`;
  await ensureCached([{ name: file, job: { kind: 'text', text: map.svg } }]);
  return { file, width: map.width, height: map.height, alt: map.alt, note: map.note };
}

/** What a page shows as a picture: a chart.js chart, or a report's map. */
export type Picture = { kind: 'chart'; spec: ChartSpec } | { kind: 'map'; map: WeekMap };

/** A picture's image files, drawn into the cache unless they are there already. */
export function drawPicture(picture: Picture): Promise<ChartImage | MapImage> {
  return picture.kind === 'chart' ? chartImage(picture.spec) : mapImage(picture.map);
}

export const chartPicture = (spec: ChartSpec | null): Picture | null =>
  spec && { kind: 'chart', spec };
export const mapPicture = (map: WeekMap | null): Picture | null => map && { kind: 'map', map };
