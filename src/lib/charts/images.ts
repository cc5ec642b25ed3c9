/**
 * Pictures as pages show them: a chart or a map, described by a spec (pure data a view builds).
 * A picture's files are named from what decides their pixels, so a page can link them without
 * drawing them; the build's image route (src/site/images.ts) draws each into the cache.
 */
import { contentHash, ensureCached } from './cache.ts';
import type { CachedFile } from './cache.ts';
import type { DrawJob } from './draw.ts';
import type { MapRendition, WeekMap } from './map.ts';
import { prepareRenderer } from './render.ts';
import type { ChartSpec, Rendition } from './kit.ts';

export { NARROW_MEDIA } from './kit.ts';

/** Where the build publishes the images, relative to the site's base path. */
export const CHARTS_PATH = 'charts/';

/** One drawing's files and the CSS size they are shown at. */
export interface ImageFiles {
  /** File name of the 1× image under `charts/` of the built site. */
  file: string;
  /** File name of the 2× PNG, for `srcset` on sharp screens; null for an SVG (vector). */
  file2x: string | null;
  /** CSS pixels, for the `width` and `height` attributes that prevent layout shift. */
  width: number;
  height: number;
}

/** A picture as a page shows it: a wide drawing, a narrow one for phones, and their texts. */
export interface PictureImage extends ImageFiles {
  /** Shown instead where `NARROW_MEDIA` matches (a phone's column). */
  narrow: ImageFiles;
  alt: string;
  /** What the picture leaves out, shown under it. */
  note: string | null;
}

/** A chart's images: PNGs at 1× and 2×, wide and narrow. */
export interface ChartImage extends PictureImage {
  file2x: string;
  narrow: ImageFiles & { file2x: string };
}
/** A map's images: one SVG each, wide and narrow. */
export type MapImage = PictureImage;

/** The cache name of an image drawn from `input`, by whatever draws this `kind`. */
export function imageFileName(kind: string, input: unknown): string {
  return `${kind}-${contentHash({ renderer: prepareRenderer(), input })}`;
}

/** The 1× and 2× files of one rendition of a chart, and how to draw each. */
function renditionFiles(kind: string, rendition: Rendition) {
  const base = imageFileName(kind, { size: rendition.size, config: rendition.config });
  const files = {
    file: `${base}.png`,
    file2x: `${base}-2x.png`,
    width: rendition.size.width,
    height: rendition.size.height,
  };
  const job = (pixelRatio: number): DrawJob => ({
    kind: 'chart',
    config: rendition.config,
    size: rendition.size,
    pixelRatio,
  });
  return {
    files,
    cached: [
      { name: files.file, job: job(1) },
      { name: files.file2x, job: job(2) },
    ],
  };
}

/** The chart's image files, wide and narrow, with how to draw each. */
function chartDrawing(spec: ChartSpec): { image: ChartImage; files: CachedFile[] } {
  const wide = renditionFiles(spec.kind, spec);
  const narrow = renditionFiles(`${spec.kind}-narrow`, spec.narrow);
  return {
    image: { ...wide.files, narrow: narrow.files, alt: spec.alt, note: spec.note },
    files: [...wide.cached, ...narrow.cached],
  };
}

/** The names of a chart's files, wide and narrow; the narrow ones are `<kind>-narrow-<hash>`. */
export function chartFiles(spec: ChartSpec): { wide: ImageFiles; narrow: ImageFiles } {
  const { file, file2x, width, height, narrow } = chartDrawing(spec).image;
  return { wide: { file, file2x, width, height }, narrow };
}

/** The map's SVG files, wide and narrow, named after their text. */
export function mapFiles(map: WeekMap): { wide: ImageFiles; narrow: ImageFiles } {
  const files = (kind: string, rendition: MapRendition): ImageFiles => ({
    file: `${kind}-${contentHash(rendition.svg)}.svg`,
    file2x: null,
    width: rendition.width,
    height: rendition.height,
  });
  return { wide: files('map', map), narrow: files('map-narrow', map.narrow) };
}

/**
 * The week's map as SVG files, shown with `<img>` so the page carries no inline SVG. Named after
 * the SVG itself: building the text costs a millisecond, writing it is the part worth skipping.
 * A vector map stays sharp at any zoom, so no 2×.
 */
function mapDrawing(map: WeekMap): { image: MapImage; files: CachedFile[] } {
  const { wide, narrow } = mapFiles(map);
  return {
    image: { ...wide, narrow, alt: map.alt, note: map.note },
    files: [
      { name: wide.file, job: { kind: 'text', text: map.svg } },
      { name: narrow.file, job: { kind: 'text', text: map.narrow.svg } },
    ],
  };
}

/** What a page shows as a picture: a chart.js chart, or a report's map. */
export type Picture = { kind: 'chart'; spec: ChartSpec } | { kind: 'map'; map: WeekMap };

const drawingOf = (picture: Picture) =>
  picture.kind === 'chart' ? chartDrawing(picture.spec) : mapDrawing(picture.map);

/** A picture as a page shows it: its files' names and sizes and its texts, nothing drawn. */
export const pictureImage = (picture: Picture): PictureImage => drawingOf(picture).image;

/**
 * Every file of a picture with how to draw it: one drawing, which goes to the cache as a whole
 * so that its 1× and 2× files are drawn on two threads at once.
 */
export const pictureFiles = (picture: Picture): CachedFile[] => drawingOf(picture).files;

/** A chart's image files, drawn into the cache unless they are there already. */
export async function chartImage(spec: ChartSpec): Promise<ChartImage> {
  const { image, files } = chartDrawing(spec);
  await ensureCached(files);
  return image;
}

export const chartPicture = (spec: ChartSpec | null): Picture | null =>
  spec && { kind: 'chart', spec };
export const mapPicture = (map: WeekMap | null): Picture | null => map && { kind: 'map', map };
