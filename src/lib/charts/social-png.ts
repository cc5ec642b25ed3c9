import { SITE_NAME } from '../text/titles.ts';
import { createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { ChartConfiguration } from 'chart.js';
import { CHART_FONT_FAMILY } from './font.ts';
import { DECLINED_COLOUR, INK, MUTED_INK, PAPER } from './palette.ts';
import { NARROW } from './kit.ts';
import { encodePng, prepareRenderer, withChartCanvas } from './render.ts';

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
/**
 * The chart is the phone layout (320 px wide, text of 12 px and more) drawn to the box's width:
 * its smallest text is then 19.5 px of the 1200 px image, against 14.9 px before (the wide layout
 * at 1.35), or about 6 CSS px in a preview shown 360 px wide.
 */
const CHART_SCALE = CHART_BOX.width / NARROW.width;
/** Bumped whenever the layout below changes, so cached previews are drawn again. */
export const LAYOUT_REVISION = 2;

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
  // Labels at 28 px (8 CSS px in a 360 px-wide preview), figures at 52 px bold (16 CSS px).
  for (const figure of content.figures) {
    context.fillStyle = MUTED_INK;
    context.font = font(28);
    context.fillText(figure.label, MARGIN, y);
    context.fillStyle = DECLINED_COLOUR;
    context.font = font(52, true);
    context.fillText(figure.value, MARGIN, y + 54);
    y += 100;
  }
}

/** The 1200×630 preview: title, period, headline figures and, on the right, the chart. */
export function drawSocialPng(content: SocialDrawing): Buffer {
  // The text is drawn before the chart, whose drawing would otherwise be the first to register
  // the font: in a fresh thread the title came out in a fallback serif.
  prepareRenderer();
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
