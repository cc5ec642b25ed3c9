import { formatCount } from '../../lib/text/format.ts';
import type { WeekView } from '../../lib/model/site-model.ts';
import { formatPeriod } from '../../lib/text/dates.ts';

/** The meta description of a week page. */
export function weekDescription(week: WeekView): string {
  const { meta } = week.report;
  return `ICE's Declined Detainer Outcome Report for ${formatPeriod(meta.period_start, meta.period_end)}: ${formatCount(
    meta.figures.detainers_issued.value,
  )} detainers issued, ${formatCount(meta.figures.declined_total.value)} declined detainers recorded, with sources, corrections and data.`;
}

/** A schema.org `Dataset` describing one weekly report. */
export function weekJsonLd(week: WeekView, url: string): Record<string, unknown> {
  const { meta } = week.report;
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: `Declined Detainer Outcome Report, ${formatPeriod(meta.period_start, meta.period_end)}`,
    description: weekDescription(week),
    url,
    temporalCoverage: `${meta.period_start}/${meta.period_end}`,
    datePublished: meta.published,
    isBasedOn: meta.copies.map((copy) => copy.url),
    creator: { '@type': 'Organization', name: 'U.S. Immigration and Customs Enforcement' },
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
  };
}
