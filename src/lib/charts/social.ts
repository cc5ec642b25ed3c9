import { createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { formatPeriod } from '../dates.ts';
import { formatCount } from '../format.ts';
import type { WeekReport } from '../load.ts';
import { ensureCached } from './cache.ts';
import { CHART_FONT_FAMILY } from './font.ts';
import { imageFileName } from './images.ts';
import { DECLINED_COLOUR, INK, MUTED_INK, PAPER } from './palette.ts';
import { encodePng, withChartCanvas } from './render.ts';
import type { ChartSpec } from './spec-kit.ts';
import { weekDeclinedByJurisdictionChart, weekSectionIChart } from './specs.ts';
import type { Gazetteer } from './specs.ts';

/** The size Open Graph and most social sites crop link previews to. */
const SOCIAL_WIDTH = 1200;
const SOCIAL_HEIGHT = 630;
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
const LAYOUT_REVISION = 1;
/** Bars in the preview's chart: enough to show the leaders, few enough to read in a thumbnail. */
const SOCIAL_TOP = 8;

interface SocialContent {
  period: string;
  figures: { value: string; label: string }[];
  chart: ChartSpec | null;
}

function socialContent(report: WeekReport, gazetteer: Gazetteer): SocialContent {
  const { meta } = report;
  return {
    period: formatPeriod(meta.period_start, meta.period_end),
    figures: [
      {
        label: 'Declined detainers recorded',
        value: formatCount(meta.figures.declined_total.value),
      },
      {
        label: 'Detainers issued nationwide',
        value: formatCount(meta.figures.detainers_issued.value),
      },
      { label: 'Jurisdictions named', value: formatCount(report.jurisdictions.length) },
    ],
    chart:
      weekDeclinedByJurisdictionChart(report, gazetteer, SOCIAL_TOP) ??
      weekSectionIChart(report, gazetteer),
  };
}

function drawText(context: SKRSContext2D, content: SocialContent): void {
  const font = (size: number, bold = false) =>
    `${bold ? 'bold ' : ''}${size}px "${CHART_FONT_FAMILY}"`;
  context.textBaseline = 'alphabetic';
  context.fillStyle = MUTED_INK;
  context.font = font(24);
  context.fillText('Declined Detainer Archive', MARGIN, MARGIN + 20);
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

function drawSocialPng(content: SocialContent): Buffer {
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
    withChartCanvas(chart.config, size, CHART_SCALE, (chartCanvas) => {
      context.drawImage(chartCanvas, CHART_BOX.x, CHART_BOX.y);
    });
  }
  return encodePng(canvas);
}

export interface SocialImage {
  /** File name under `charts/` of the built site. */
  file: string;
  width: number;
  height: number;
  alt: string;
}

/** The week's 1200×630 link preview (title, period, headline figures, top chart), cached. */
export async function socialImage(report: WeekReport, gazetteer: Gazetteer): Promise<SocialImage> {
  const content = socialContent(report, gazetteer);
  const file = `${imageFileName('social', {
    layout: LAYOUT_REVISION,
    period: content.period,
    figures: content.figures,
    chart: content.chart?.config ?? null,
  })}.png`;
  await ensureCached([{ name: file, draw: () => drawSocialPng(content) }]);
  return {
    file,
    width: SOCIAL_WIDTH,
    height: SOCIAL_HEIGHT,
    alt: `ICE Declined Detainer Outcome Report, ${content.period}: ${content.figures
      .map((figure) => `${figure.label.toLowerCase()}: ${figure.value}`)
      .join('; ')}.${content.chart ? ` ${content.chart.alt}` : ''}`,
  };
}
