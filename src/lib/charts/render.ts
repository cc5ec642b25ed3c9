import { createRequire } from 'node:module';
import { createCanvas } from '@napi-rs/canvas';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import { CHART_FONT_FAMILY, registerChartFont } from './font.ts';
import { BREAK_FILL, INK, PAPER } from './palette.ts';
import type { AxisBreak, FixedTick, ImageSize } from './kit.ts';
import { encodeIndexedPng } from './png.ts';

/**
 * Bumped whenever this file changes how a configuration becomes pixels (defaults, plugins),
 * so the content cache never serves an image drawn by older code.
 * 2: value labels skip overlaps and read {x, y} points; axis breaks; fixed ticks.
 */
const RENDERER_REVISION = 2;

interface ValueLabelOptions {
  display: boolean;
}

interface AxisBreakOptions {
  breaks: AxisBreak[];
  /** Size of the break's label in CSS pixels. */
  font: number;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    /** Direct labels: each value printed at its bar or point, so no legend lookup is needed. */
    valueLabels?: ValueLabelOptions & { _type?: TType };
    /** Stretches of the x axis cut short (years without a report), shaded and labelled. */
    axisBreaks?: AxisBreakOptions;
  }
  interface CartesianScaleOptions {
    /**
     * Ticks at exactly these values with these labels. A configuration is plain data (it is
     * hashed), so the renderer turns this into the callbacks chart.js wants (see withTicks).
     */
    fixedTicks?: FixedTick[];
  }
}

const countFormat = new Intl.NumberFormat('en-US');
const VALUE_FONT = 12;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** A bar's or point's value, whether the data is a list of numbers or of {x, y} points. */
function valueAt(data: unknown[], index: number): number | null {
  const item = data[index];
  if (typeof item === 'number') return item;
  if (item && typeof item === 'object' && typeof (item as { y?: unknown }).y === 'number') {
    return (item as { y: number }).y;
  }
  return null;
}

/**
 * Prints each value beside its bar (or above its point), skipping absent values, and skipping
 * a label that would overprint one already drawn (points a few days apart on a long time axis):
 * the table beside the chart has every value.
 */
const valueLabels: Plugin = {
  id: 'valueLabels',
  defaults: { display: false },
  afterDatasetsDraw(chart, _args, options: ValueLabelOptions) {
    if (!options.display) return;
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const drawn: Box[] = [];
    ctx.save();
    ctx.font = `${VALUE_FONT}px "${CHART_FONT_FAMILY}"`;
    ctx.fillStyle = INK;
    ctx.textAlign = horizontal ? 'left' : 'center';
    ctx.textBaseline = horizontal ? 'middle' : 'bottom';
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      if (!chart.isDatasetVisible(datasetIndex)) return;
      chart.getDatasetMeta(datasetIndex).data.forEach((element, index) => {
        const value = valueAt(dataset.data as unknown[], index);
        if (value === null) return;
        const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
        const text = countFormat.format(value);
        const width = ctx.measureText(text).width;
        const [tx, ty] = horizontal ? [x + 4, y] : [x, y - 4];
        const box = horizontal
          ? { left: tx, right: tx + width, top: ty - VALUE_FONT / 2, bottom: ty + VALUE_FONT / 2 }
          : { left: tx - width / 2, right: tx + width / 2, top: ty - VALUE_FONT, bottom: ty };
        if (drawn.some((other) => overlaps(box, other))) return;
        drawn.push(box);
        ctx.fillText(text, tx, ty);
      });
    });
    ctx.restore();
  },
};

/**
 * Shades each break of the x axis across the plot, names its length at the top, and cuts the
 * axis line with two slashes at either edge, the usual mark of a broken axis.
 */
const axisBreaks: Plugin = {
  id: 'axisBreaks',
  defaults: { breaks: [], font: 12 },
  beforeDatasetsDraw(chart, _args, options: AxisBreakOptions) {
    const scale = chart.scales['x'];
    if (!scale || options.breaks.length === 0) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    for (const gap of options.breaks) {
      const left = scale.getPixelForValue(gap.from);
      const right = scale.getPixelForValue(gap.to);
      ctx.fillStyle = BREAK_FILL;
      ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
      ctx.fillStyle = INK;
      ctx.font = `${options.font}px "${CHART_FONT_FAMILY}"`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      gap.label.forEach((line, i) => {
        ctx.fillText(line, (left + right) / 2, chartArea.top + 4 + i * options.font * 1.2);
      });
      // The slashes sit on the axis line, over a gap cut in it.
      const axisY = scale.top;
      ctx.fillStyle = PAPER;
      ctx.fillRect(left + 2, axisY - 1, right - left - 4, 3);
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1.5;
      for (const x of [left, right]) {
        ctx.beginPath();
        ctx.moveTo(x - 2, axisY + 5);
        ctx.lineTo(x + 2, axisY - 5);
        ctx.stroke();
      }
    }
    ctx.restore();
  },
};

/** Hands chart.js the callbacks that put `fixedTicks` in place, on the renderer's own copy. */
function withTicks(config: ChartConfiguration): ChartConfiguration {
  const scales = (config.options?.scales ?? {}) as Record<string, Record<string, unknown>>;
  for (const scale of Object.values(scales)) {
    const fixed = scale['fixedTicks'] as FixedTick[] | undefined;
    if (!fixed) continue;
    scale['afterBuildTicks'] = (axis: { ticks: { value: number }[] }) => {
      axis.ticks = fixed.map((tick) => ({ value: tick.value }));
    };
    scale['ticks'] = {
      ...(scale['ticks'] as object),
      callback: (_value: number, index: number) => fixed[index]?.label ?? '',
    };
  }
  return config;
}

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
    Chart.register(...registerables, valueLabels, axisBreaks, paperBackground);
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

/**
 * Draws a chart.js configuration on a 2D context whose canvas is already sized, and returns the
 * chart to destroy once the drawing has been used. `withChartCanvas` draws PNGs this way;
 * `npm run bench:charts` also draws on an SVG canvas to weigh that format.
 */
export function drawChartOn(
  context: SKRSContext2D,
  config: ChartConfiguration,
  pixelRatio: number,
): { destroy(): void } {
  prepareRenderer();
  context.lang = 'en';
  // chart.js keeps references into the data it is given and adds observers to its arrays.
  const own = withTicks(structuredClone(config));
  return new Chart(context as unknown as CanvasRenderingContext2D, {
    ...own,
    options: {
      ...own.options,
      animation: false,
      responsive: false,
      devicePixelRatio: pixelRatio,
      locale: 'en-US',
    },
  });
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
  const canvas = createCanvas(size.width, size.height);
  const chart = drawChartOn(canvas.getContext('2d'), config, pixelRatio);
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
