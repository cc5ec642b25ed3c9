import { createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rendition } from '../../src/lib/charts/kit.ts';
import { drawChartPng } from '../../src/lib/charts/render.ts';

/** One text a chart drew: its size in CSS pixels of the drawing, and where its ink can fall. */
export interface DrawnText {
  text: string;
  px: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const context = Object.getPrototypeOf(createCanvas(1, 1).getContext('2d')) as SKRSContext2D;

/**
 * Every text drawing `rendition` puts on the canvas, recorded from the context's own calls
 * (chart.js, the value labels, the axis breaks all end in fillText), so a test reads the sizes
 * that were drawn rather than those a configuration meant. Drawn at 1×, where a canvas pixel is
 * a CSS pixel of the drawing.
 */
export function drawnTexts(rendition: Rendition): DrawnText[] {
  return textsDrawnBy(() => drawChartPng(rendition.config, rendition.size, 1));
}

/** Every text `draw` puts on any canvas, in that canvas's pixels. */
export function textsDrawnBy(draw: () => void): DrawnText[] {
  const texts: DrawnText[] = [];
  const fillText = context.fillText;
  context.fillText = function (
    this: SKRSContext2D,
    text: string,
    x: number,
    y: number,
    maxWidth?: number,
  ) {
    const px = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1]);
    const metrics = this.measureText(text);
    const start =
      this.textAlign === 'center'
        ? x - metrics.width / 2
        : this.textAlign === 'right' || this.textAlign === 'end'
          ? x - metrics.width
          : x;
    const corners = [
      [start, y - metrics.actualBoundingBoxAscent],
      [start + metrics.width, y - metrics.actualBoundingBoxAscent],
      [start, y + metrics.actualBoundingBoxDescent],
      [start + metrics.width, y + metrics.actualBoundingBoxDescent],
    ].map(([cx, cy]) => this.getTransform().transformPoint({ x: cx!, y: cy! }));
    if (text.trim() !== '') {
      texts.push({
        text,
        px,
        left: Math.min(...corners.map((c) => c.x)),
        right: Math.max(...corners.map((c) => c.x)),
        top: Math.min(...corners.map((c) => c.y)),
        bottom: Math.max(...corners.map((c) => c.y)),
      });
    }
    return maxWidth === undefined
      ? fillText.call(this, text, x, y)
      : fillText.call(this, text, x, y, maxWidth);
  };
  try {
    draw();
  } finally {
    context.fillText = fillText;
  }
  return texts;
}

/** The smallest type a drawing uses, in CSS pixels of the drawing. */
export function smallestText(rendition: Rendition): number {
  return Math.min(...drawnTexts(rendition).map((text) => text.px));
}
