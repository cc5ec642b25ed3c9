import { SITE_NAME } from '../text/titles.ts';
import { createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { ChartConfiguration } from 'chart.js';
import { CHART_FONT_FAMILY } from './font.ts';
import { DECLINED_COLOUR, INK, MUTED_INK, PAPER } from './palette.ts';
import { encodePng, withChartCanvas } from './render.ts';

/** The size Open Graph and most social sites crop link previews to. */
export const SOCIAL_WIDTH = 1200;
export const SOCIAL_HEIGHT = 630;
const MARGIN = 56;
const TEXT_COLUMN = 500;
const CHART_BOX = {
  x: MARGIN + TEXT_COLUMN + 24,
  y: MARGIN,
  width: SOCIAL_WIDTH - 2 * MARGIN - TEXT_COLUMN - 24,
  height: SOCIAL_HEIGHT - 2 * MARGIN,
};
const CHART_SCALE = 1.35;
/** Bumped whenever the layout below changes, so cached previews are drawn again. */
export const LAYOUT_REVISION = 1;

/** What a link preview shows, as plain data (it may be drawn in a worker thread). */
export interface SocialDrawing {
  period: string;
  figures: { value: string; label: string }[];
  chart: ChartConfiguration | null;
}

function drawText(context: SKRSContext2D, content: SocialDrawing): void {
  const font = (size: number, bold = false) =>
    `${bold ? 'bold ' : ''}${size}px "${CHART_FONT_FAMILY}"`;
  context.textBaseline = 'alphabetic';
  context.fillStyle = MUTED_INK;
  context.font = font(24);
  context.fillText(SITE_NAME, MARGIN, MARGIN + 20);
  context.fillStyle = INK;
  context.font = font(40, true);
  context.fillText('ICE Declined Detainer', MARGIN, MARGIN + 90);
  context.fillText('Outcome Report', MARGIN, MARGIN + 136);
  context.font = font(34);
  context.fillText(content.period, MARGIN, MARGIN + 190);
  let y = MARGIN + 250;
  for (const figure of content.figures) {
    context.fillStyle = MUTED_INK;
    context.font = font(24);
    context.fillText(figure.label, MARGIN, y);
    context.fillStyle = DECLINED_COLOUR;
    context.font = font(46, true);
    context.fillText(figure.value, MARGIN, y + 48);
    y += 92;
  }
}

/** The 1200×630 preview: title, period, headline figures and, on the right, the chart. */
export function drawSocialPng(content: SocialDrawing): Buffer {
  const canvas = createCanvas(SOCIAL_WIDTH, SOCIAL_HEIGHT);
  const context = canvas.getContext('2d');
  context.lang = 'en';
  context.fillStyle = PAPER;
  context.fillRect(0, 0, SOCIAL_WIDTH, SOCIAL_HEIGHT);
  context.fillStyle = DECLINED_COLOUR;
  context.fillRect(0, 0, 12, SOCIAL_HEIGHT);
  drawText(context, content);
  const { chart } = content;
  if (chart) {
    // Laid out for the box and drawn enlarged (not scaled afterwards), so text stays crisp and
    // large enough to read in a thumbnail.
    const size = { width: CHART_BOX.width / CHART_SCALE, height: CHART_BOX.height / CHART_SCALE };
    withChartCanvas(chart, size, CHART_SCALE, (chartCanvas) => {
      context.drawImage(chartCanvas, CHART_BOX.x, CHART_BOX.y);
    });
  }
  return encodePng(canvas);
}
