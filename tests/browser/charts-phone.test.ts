import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHARTS_PATH } from '../../src/lib/charts/images.ts';
import { smallestText } from '../charts/drawn-text.ts';
import { drawingsByFile, sitePictures } from '../charts/pictures.ts';
import type { Drawing } from '../charts/pictures.ts';
import { browseBuiltSite } from '../helpers/browser.ts';
import { FIXTURE_DATA, FIXTURE_DIST } from '../helpers/site.ts';
import { siteDataOf } from '../helpers/views.ts';

/** The smallest text a reader may be shown, in CSS pixels. */
const MIN_READABLE_PX = 11;

/** Each page type with charts: the view builders say what it shows, the browser what it picks. */
const pictures = sitePictures(siteDataOf(FIXTURE_DATA));
const drawings = drawingsByFile(pictures);
const PAGES = [
  '/',
  '/weeks/',
  '/weeks/2020-01-04/',
  '/jurisdictions/tx-travis-county/',
  '/states/tx/',
  '/weeks/2020-01-04/vs/2020-01-11/',
];

/**
 * The smallest type of a drawing in its own CSS pixels: for a chart, the sizes its drawing set
 * (recorded from the canvas); for a map SVG, the smallest font-size in map units.
 */
function smallestType(drawing: Drawing): { px: number; width: number } {
  if (drawing.kind === 'chart') {
    return { px: smallestText(drawing.rendition), width: drawing.rendition.size.width };
  }
  const sizes = [...drawing.rendition.svg.matchAll(/font-size="([\d.]+)"/g)].map((m) =>
    Number(m[1]),
  );
  expect(drawing.rendition.svg).toMatch(/<text\b/);
  const viewBoxWidth = Number(/viewBox="0 0 ([\d.]+) /.exec(drawing.rendition.svg)![1]);
  return { px: Math.min(...sizes), width: viewBoxWidth };
}

/** Every chart image of the page, each scrolled to (they load lazily) and loaded. */
async function shownImages(page: Page) {
  return page.evaluate(async () => {
    const images = [...document.querySelectorAll<HTMLImageElement>('figure.chart-slot img')];
    const shown = [];
    for (const img of images) {
      img.scrollIntoView();
      if (!img.complete) await new Promise((done) => img.addEventListener('load', done));
      const box = img.getBoundingClientRect();
      shown.push({
        src: img.currentSrc,
        width: box.width,
        right: box.right + window.scrollX,
        viewport: document.documentElement.clientWidth,
      });
    }
    return shown;
  });
}

const { open } = browseBuiltSite(FIXTURE_DIST);

describe('charts on a phone', () => {
  for (const width of [360, 390]) {
    it.each(PAGES)(
      `%s at ${width} px: the narrow drawings, no text under 11 CSS px`,
      async (path) => {
        const { page, errors, close } = await open(path, { width });
        const images = await shownImages(page);
        const expected = pictures.filter((p) => p.page === path).length;
        expect(images.length).toBe(expected);
        expect(images.length).toBeGreaterThan(0);
        for (const image of images) {
          const file = new URL(image.src).pathname.split('/').at(-1)!;
          expect(new URL(image.src).pathname).toBe(`/${CHARTS_PATH}${file}`);
          const drawing = drawings.get(file);
          expect(drawing, file).toBeDefined();
          expect(drawing!.narrow, file).toBe(true);
          const type = smallestType(drawing!);
          const shownPx = (type.px * image.width) / type.width;
          expect(shownPx, `${file}: smallest text shown`).toBeGreaterThanOrEqual(MIN_READABLE_PX);
          // The image fits the column: nothing to scroll sideways for.
          expect(image.right, file).toBeLessThanOrEqual(image.viewport);
        }
        expect(errors).toEqual([]);
        await close();
      },
    );
  }

  it.each(PAGES)('%s at 1280 px: the wide drawings, shown no smaller than drawn', async (path) => {
    const { page, close } = await open(path, { width: 1280 });
    for (const image of await shownImages(page)) {
      const file = new URL(image.src).pathname.split('/').at(-1)!;
      const drawing = drawings.get(file)!;
      expect(drawing.narrow, file).toBe(false);
      const type = smallestType(drawing);
      expect((type.px * image.width) / type.width, file).toBeGreaterThanOrEqual(MIN_READABLE_PX);
    }
    await close();
  });

  it('serves every file a picture names', () => {
    for (const file of drawings.keys()) {
      expect(() => readFileSync(join(FIXTURE_DIST, CHARTS_PATH, file)), file).not.toThrow();
    }
  });
});
