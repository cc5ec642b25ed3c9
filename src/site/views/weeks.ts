/** `/weeks/`: every report, newest first, with the trend. */
import { chartPicture } from '../../lib/charts/images.ts';
import type { Picture } from '../../lib/charts/images.ts';
import { trendChart } from '../../lib/charts/specs/trend.ts';
import { reportRows } from './parts.ts';
import type { ReportRowView } from './parts.ts';
import type { PageHead, SiteData } from './site.ts';

export interface WeeksView {
  head: PageHead;
  count: number;
  trend: Picture | null;
  /** Newest first. */
  reports: ReportRowView[];
}

export function weeksView(site: SiteData): WeeksView {
  const { weeks } = site.model;
  return {
    head: {
      title: 'Every report',
      description:
        'Every weekly Declined Detainer Outcome Report, newest first, with its headline figures and sources.',
    },
    count: weeks.length,
    trend: chartPicture(trendChart(weeks.map((w) => w.report))),
    reports: reportRows(weeks.map((w) => w.summary).reverse()),
  };
}
