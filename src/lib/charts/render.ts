import { createRequire } from 'node:module';
import { createCanvas } from '@napi-rs/canvas';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import { CHART_FONT_FAMILY, registerChartFont } from './font.ts';
import { INK, PAPER } from './palette.ts';
import { encodeIndexedPng } from './png.ts';

/**
 * Bumped whenever this file changes how a configuration becomes pixels (defaults, plugins),
 * so the content cache never serves an image drawn by older code.
 */
const RENDERER_REVISION = 1;

interface ValueLabelOptions {
  display: boolean;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    /** Direct labels: each value printed at its bar or point, so no legend lookup is needed. */
    valueLabels?: ValueLabelOptions & { _type?: TType };
  }
}

const countFormat = new Intl.NumberFormat('en-US');

/** Prints each value beside its bar (or above its point), skipping absent values. */
const valueLabels: Plugin = {
  id: 'valueLabels',
  defaults: { display: false },
  afterDatasetsDraw(chart, _args, options: ValueLabelOptions) {
    if (!options.display) return;
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.font = `12px "${CHART_FONT_FAMILY}"`;
    ctx.fillStyle = INK;
    ctx.textAlign = horizontal ? 'left' : 'center';
    ctx.textBaseline = horizontal ? 'middle' : 'bottom';
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      if (!chart.isDatasetVisible(datasetIndex)) return;
      chart.getDatasetMeta(datasetIndex).data.forEach((element, index) => {
        const value = dataset.data[index];
        if (typeof value !== 'number') return;
        const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
        ctx.fillText(countFormat.format(value), horizontal ? x + 4 : x, horizontal ? y : y - 4);
      });
    });
    ctx.restore();
  },
};

/** An opaque background: a transparent PNG would show dark-mode page colour behind dark text. */
const paperBackground: Plugin = {
  id: 'paperBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = PAPER;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

let rendererVersion: string | null = null;

/** Registers chart.js parts, plugins and the font once; returns the renderer's version string. */
export function prepareRenderer(): string {
  if (rendererVersion === null) {
    const fontDigest = registerChartFont();
    Chart.register(...registerables, valueLabels, paperBackground);
    Chart.defaults.font.family = CHART_FONT_FAMILY;
    Chart.defaults.font.size = 13;
    Chart.defaults.color = INK;
    const canvasVersion = (
      createRequire(import.meta.url)('@napi-rs/canvas/package.json') as { version: string }
    ).version;
    rendererVersion = `r${RENDERER_REVISION} chart.js@${Chart.version} canvas@${canvasVersion} zlib@${process.versions.zlib} font@${fontDigest}`;
  }
  return rendererVersion;
}

export interface ImageSize {
  /** CSS pixels; the image is `pixelRatio` times larger. */
  width: number;
  height: number;
}

/**
 * Draws a chart.js configuration into a canvas the size of `size` × `pixelRatio`, for use by
 * `drawChartPng` and by composite images that place a chart inside a larger picture.
 */
export function withChartCanvas<T>(
  config: ChartConfiguration,
  size: ImageSize,
  pixelRatio: number,
  use: (canvas: Canvas) => T,
): T {
  prepareRenderer();
  const canvas = createCanvas(size.width, size.height);
  const context: SKRSContext2D = canvas.getContext('2d');
  context.lang = 'en';
  // chart.js keeps references into the data it is given and adds observers to its arrays.
  const own = structuredClone(config);
  const chart = new Chart(context as unknown as CanvasRenderingContext2D, {
    ...own,
    options: {
      ...own.options,
      animation: false,
      responsive: false,
      devicePixelRatio: pixelRatio,
      locale: 'en-US',
    },
  });
  try {
    return use(canvas);
  } finally {
    chart.destroy();
  }
}

/** A palette PNG of the canvas (see png.ts for why not the canvas's own RGBA encoder). */
export function encodePng(canvas: Canvas): Buffer {
  return encodeIndexedPng(canvas.data(), canvas.width, canvas.height);
}

/** A PNG of the chart, `pixelRatio` times the CSS size in each direction. */
export function drawChartPng(
  config: ChartConfiguration,
  size: ImageSize,
  pixelRatio: number,
): Buffer {
  return withChartCanvas(config, size, pixelRatio, encodePng);
}
