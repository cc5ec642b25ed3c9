import type { ChartConfiguration } from 'chart.js';
import { formatCount } from '../text/format.ts';
import type { WeekReport } from '../contract/load.ts';
import type { CachedFile } from './cache.ts';
import { imageFileName } from './images.ts';
import { LAYOUT_REVISION, SOCIAL_HEIGHT, SOCIAL_WIDTH } from './social-png.ts';
import type { ChartSpec } from './kit.ts';
import { formatPeriod } from '../text/dates.ts';
import { weekDeclinedByJurisdictionChart, weekSectionIChart } from './specs/week.ts';
import type { Gazetteer } from '../model/site-model.ts';

/**
 * Bars in the preview's chart: enough to show the leaders, few enough that the phone layout
 * (names above bars) fits the preview's chart box at a scale that reads in a thumbnail.
 */
const SOCIAL_TOP = 5;

/** What a report's link preview shows; pure data, drawn by `socialImage`. */
export interface SocialCard {
  period: string;
  figures: { value: string; label: string }[];
  chart: ChartSpec | null;
}

export function socialCard(report: WeekReport, gazetteer: Gazetteer): SocialCard {
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
      weekSectionIChart(report, gazetteer, SOCIAL_TOP),
  };
}

/**
 * The chart as the preview draws it: the phone layout, whose bars have their names above them
 * and so the whole width, without its title and source line. The card beside it names the
 * report and the archive, and those two were the smallest text in a thumbnail.
 */
export function previewChart(config: ChartConfiguration): ChartConfiguration {
  const options = config.options ?? {};
  return {
    ...config,
    options: {
      ...options,
      plugins: {
        ...options.plugins,
        title: { display: false },
        subtitle: { display: false },
      },
    },
  };
}

export interface SocialImage {
  /** File name under `charts/` of the built site. */
  file: string;
  width: number;
  height: number;
  alt: string;
}

/** The week's 1200×630 link preview (title, period, headline figures, top chart), and how to draw it. */
function socialDrawing(content: SocialCard): { image: SocialImage; file: CachedFile } {
  const drawing = {
    period: content.period,
    figures: content.figures,
    chart: content.chart ? previewChart(content.chart.narrow.config) : null,
  };
  const file = `${imageFileName('social', { layout: LAYOUT_REVISION, ...drawing })}.png`;
  return {
    image: {
      file,
      width: SOCIAL_WIDTH,
      height: SOCIAL_HEIGHT,
      alt: `ICE Declined Detainer Outcome Report, ${content.period}: ${content.figures
        .map((figure) => `${figure.label.toLowerCase()}: ${figure.value}`)
        .join('; ')}.${content.chart ? ` ${content.chart.alt}` : ''}`,
    },
    file: { name: file, job: { kind: 'social', drawing } },
  };
}

/** The link preview as a page's head names it; nothing drawn. */
export const socialImage = (content: SocialCard): SocialImage => socialDrawing(content).image;

/** The link preview's file with how to draw it, for the build's image route. */
export const socialImageFile = (content: SocialCard): CachedFile => socialDrawing(content).file;
