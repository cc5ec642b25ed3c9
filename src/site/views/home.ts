/** `/`: the latest report, the trend over every report, the latest corrections. */
import { chartPicture, mapPicture } from '../../lib/charts/images.ts';
import type { Picture } from '../../lib/charts/images.ts';
import { weekMap } from '../../lib/charts/map.ts';
import { trendChart } from '../../lib/charts/specs/trend.ts';
import { paths } from '../../lib/output/urls.ts';
import { formatDate, formatPeriod } from '../../lib/text/dates.ts';
import { figureViews, reportRows } from './parts.ts';
import type { FigureView, ReportRowView } from './parts.ts';
import type { PageHead, SiteData } from './site.ts';
import { correctionRows } from './tables.ts';
import type { CorrectionRowView } from './tables.ts';

/** How many corrections the home page lists before linking the rest. */
const LATEST_CORRECTIONS = 5;

export interface HomeView {
  head: PageHead;
  latest: {
    period: string;
    published: string;
    path: string;
    figures: FigureView[];
    map: Picture | null;
  } | null;
  trend: Picture | null;
  reports: ReportRowView[];
  corrections: CorrectionRowView[];
}

export function homeView(site: SiteData): HomeView {
  const { model } = site;
  const latest = model.weeks.at(-1);
  return {
    head: {
      title: 'Home',
      description:
        "An archive of ICE's weekly Declined Detainer Outcome Report: every figure with its source, with ICE's caveats, corrections and disputes, and the data to download.",
    },
    latest: latest
      ? {
          period: formatPeriod(latest.summary.start, latest.summary.end),
          published: formatDate(latest.summary.published),
          path: paths.week(latest.summary.start),
          figures: figureViews(model, latest.report.start, latest.headline),
          map: mapPicture(weekMap(latest.report, model.gazetteer)),
        }
      : null,
    trend: chartPicture(trendChart(model.weeks.map((w) => w.report))),
    reports: reportRows(model.weeks.map((w) => w.summary)),
    corrections: correctionRows(model, model.corrections.slice(0, LATEST_CORRECTIONS)),
  };
}
