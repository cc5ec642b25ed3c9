import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { chartCounts, contentHash } from '../../src/lib/charts/cache.ts';
import { chartFiles, chartImage } from '../../src/lib/charts/images.ts';
import type { ChartImage } from '../../src/lib/charts/images.ts';
import { encodeIndexedPng } from '../../src/lib/charts/png.ts';
import { drawChartPng } from '../../src/lib/charts/render.ts';
import type { WeekReport } from '../../src/lib/contract/load.ts';
import { pngSize, siteModel, useTemporaryCache } from './helpers.ts';
import { weekDeclinedByJurisdictionChart } from '../../src/lib/charts/specs/week.ts';

const week = siteModel.weeks[0]!.report;
const spec = weekDeclinedByJurisdictionChart(week, siteModel.gazetteer)!;

/** Every file of a chart image: the wide and the narrow drawing, each at 1× and 2×. */
const filesOf = (image: ChartImage) =>
  [image.file, image.file2x, image.narrow.file, image.narrow.file2x].sort();

function withDeclined(report: WeekReport, id: string, declined: number): WeekReport {
  const copy = structuredClone(report);
  copy.jurisdictions.find((row) => row.jurisdiction === id)!.declined = declined;
  return copy;
}

describe('chart images', () => {
  const cacheDir = useTemporaryCache();

  it('draws the same bytes from the same input', () => {
    const first = drawChartPng(spec.config, spec.size, 1);
    const second = drawChartPng(structuredClone(spec.config), spec.size, 1);
    expect(first.equals(second)).toBe(true);
  });

  it('names the file after the content: a changed value gives another file', async () => {
    const changed = weekDeclinedByJurisdictionChart(
      withDeclined(week, 'tx-travis-county', 6),
      siteModel.gazetteer,
    )!;
    const original = await chartImage(spec);
    const other = await chartImage(changed);
    expect(other.file).not.toBe(original.file);
    expect(other.file2x).not.toBe(original.file2x);
    expect((await chartImage(structuredClone(spec))).file).toBe(original.file);
  });

  it('draws an image once, reuses it on the next call, and draws it again once deleted', async () => {
    const first = await chartImage(spec);
    expect(chartCounts()).toEqual({ drawn: 1, reused: 0 });
    expect(readdirSync(cacheDir()).sort()).toEqual(filesOf(first));
    const bytes = readFileSync(join(cacheDir(), first.file));

    expect(await chartImage(spec)).toEqual(first);
    expect(chartCounts()).toEqual({ drawn: 1, reused: 1 });

    rmSync(cacheDir(), { recursive: true });
    expect(await chartImage(spec)).toEqual(first);
    expect(chartCounts()).toEqual({ drawn: 2, reused: 1 });
    expect(readFileSync(join(cacheDir(), first.file)).equals(bytes)).toBe(true);
  });

  it('draws an image asked for by two pages at once only once', async () => {
    const [first, second] = await Promise.all([
      chartImage(spec),
      chartImage(structuredClone(spec)),
    ]);
    expect(second).toEqual(first);
    expect(chartCounts()).toEqual({ drawn: 1, reused: 1 });
    expect(readdirSync(cacheDir()).sort()).toEqual(filesOf(first));
  });

  it('gives the 1× image the size of the chart and the 2× image twice that', async () => {
    const image = await chartImage(spec);
    expect([image.width, image.height]).toEqual([spec.size.width, spec.size.height]);
    expect(pngSize(readFileSync(join(cacheDir(), image.file)))).toEqual(spec.size);
    expect(pngSize(readFileSync(join(cacheDir(), image.file2x)))).toEqual({
      width: 2 * spec.size.width,
      height: 2 * spec.size.height,
    });
    expect(image.alt).toBe(spec.alt);
  });

  it('draws the narrow rendition at its own size, under the names chartFiles gives', async () => {
    const image = await chartImage(spec);
    const { wide, narrow } = chartFiles(spec);
    expect(image).toMatchObject({ ...wide, narrow });
    expect(narrow.file).toMatch(new RegExp(`^${spec.kind}-narrow-[0-9a-f]{24}\\.png$`));
    expect([image.narrow.width, image.narrow.height]).toEqual([
      spec.narrow.size.width,
      spec.narrow.size.height,
    ]);
    expect(pngSize(readFileSync(join(cacheDir(), image.narrow.file)))).toEqual(spec.narrow.size);
    expect(pngSize(readFileSync(join(cacheDir(), image.narrow.file2x)))).toEqual({
      width: 2 * spec.narrow.size.width,
      height: 2 * spec.narrow.size.height,
    });
  });
});

describe('content hash', () => {
  it('does not depend on the order in which keys were written', () => {
    expect(contentHash({ a: 1, b: { c: [1, null], d: 'x' } })).toBe(
      contentHash({ b: { d: 'x', c: [1, null] }, a: 1 }),
    );
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });

  it('refuses a configuration holding a function, which JSON would silently drop', () => {
    expect(() => contentHash({ options: { onClick: () => 1 } })).toThrow(/plain data/);
  });
});

describe('palette PNG', () => {
  async function decode(png: Buffer): Promise<Buffer> {
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    return canvas.data();
  }

  it('keeps every pixel of an image with up to 256 colours', async () => {
    const canvas = createCanvas(64, 48);
    const context = canvas.getContext('2d');
    for (let i = 0; i < 256; i++) {
      context.fillStyle = `rgb(${i}, ${255 - i}, ${(i * 7) % 256})`;
      context.fillRect((i % 16) * 4, Math.floor(i / 16) * 3, 4, 3);
    }
    const png = encodeIndexedPng(canvas.data(), 64, 48);
    expect(png[25]).toBe(3);
    expect((await decode(png)).equals(canvas.data())).toBe(true);
  });

  it('maps the rarest colours of a larger set to their nearest palette entry', async () => {
    // 256 reds on two rows, and under the first 44 of them a one-pixel shade one blue step away:
    // 300 colours, of which the 44 rarest cannot have an entry of their own.
    const canvas = createCanvas(256, 3);
    const context = canvas.getContext('2d');
    for (let x = 0; x < 256; x++) {
      context.fillStyle = `rgb(${x}, 0, 0)`;
      context.fillRect(x, 0, 1, 3);
      if (x < 44) {
        context.fillStyle = `rgb(${x}, 0, 1)`;
        context.fillRect(x, 2, 1, 1);
      }
    }
    const decoded = await decode(encodeIndexedPng(canvas.data(), 256, 3));
    for (let x = 0; x < 256; x++) {
      for (let y = 0; y < 3; y++) {
        const offset = (y * 256 + x) * 4;
        expect([...decoded.subarray(offset, offset + 4)]).toEqual([x, 0, 0, 255]);
      }
    }
  });

  it('refuses transparent pixels rather than flattening them', () => {
    const canvas = createCanvas(4, 4);
    expect(() => encodeIndexedPng(canvas.data(), 4, 4)).toThrow(/opaque/);
  });
});
