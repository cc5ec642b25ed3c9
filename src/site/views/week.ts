/** `/weeks/<start>/`: one report, and its JSON twin. */
import type { Caveat, Link } from '../../lib/contract/schema.ts';
import { chartPicture, mapPicture } from '../../lib/charts/images.ts';
import type { Picture } from '../../lib/charts/images.ts';
import type { ChartSpec, ChartTable } from '../../lib/charts/kit.ts';
import { weekMap } from '../../lib/charts/map.ts';
import { socialCard } from '../../lib/charts/social.ts';
import {
  weekDeclinedAgeChart,
  weekDeclinedByJurisdictionChart,
  weekDeclinedByStateChart,
  weekSectionIChart,
} from '../../lib/charts/specs/week.ts';
import type { WeekModel } from '../../lib/model/site-model.ts';
import { weekDownloads } from '../../lib/output/files.ts';
import type { Download } from '../../lib/output/files.ts';
import { paths } from '../../lib/output/urls.ts';
import { formatDate, formatPeriod } from '../../lib/text/dates.ts';
import { formatCount } from '../../lib/text/format.ts';
import { countRows, figureViews, reportRef } from './parts.ts';
import type { CountRowView, FigureView, ReportRef } from './parts.ts';
import { weekSearchEntry } from './search.ts';
import type { PageHead, SiteData } from './site.ts';
import { correctionRows, declinedRows, policyRows } from './tables.ts';
import type { CorrectionRowView, DeclinedRowView, PolicyRowView } from './tables.ts';

/** A picture with the table or text that stands beside it as its alternative. */
export interface ChartView {
  title: string;
  picture: Picture | null;
}

export interface WeekView {
  head: PageHead;
  start: string;
  period: string;
  end: string;
  /** "January 28, 2017" and so on, as the lede gives them. */
  dates: { start: string; end: string; published: string };
  publishedSource: string;
  publishedNote: string | null;
  title: string;
  figures: { headline: FigureView[]; other: FigureView[] };
  coverage: { kind: string; note: string | null };
  /** Links to the comparisons with the previous and the next report. */
  comparisons: {
    previous: (ReportRef & { comparePath: string }) | null;
    next: (ReportRef & { comparePath: string }) | null;
  };
  declined: {
    chart: ChartView;
    rows: CountRowView[];
    byState: (ChartView & { table: ChartTable }) | null;
    map: ChartView | null;
  };
  sectionI: { titleAsPrinted: string | null; chart: ChartView; rows: CountRowView[] };
  sectionII: {
    titleAsPrinted: string | null;
    rows: DeclinedRowView[] | null;
    age: (ChartView & { table: ChartTable }) | null;
  };
  policies: PolicyRowView[];
  caveats: Caveat[];
  corrections: CorrectionRowView[];
  downloads: Download[];
  copies: Link[];
  pager: { previous: ReportRef | null; next: ReportRef | null };
}

/** `getStaticPaths` of `/weeks/<start>/` and its twin: every report. */
export function weekPaths(site: SiteData) {
  return site.model.weeks.map((week) => ({ params: { date: week.report.start } }));
}

/** A chart whose data no other table on the page gives: it brings its own. */
const withTable = (spec: ChartSpec | null) =>
  spec && { title: spec.title, picture: chartPicture(spec), table: spec.table };

/** The meta description of a week page. */
function weekDescription(week: WeekModel): string {
  const { meta } = week.report;
  return `ICE's Declined Detainer Outcome Report for ${formatPeriod(meta.period_start, meta.period_end)}: ${formatCount(
    meta.figures.detainers_issued.value,
  )} detainers issued, ${formatCount(meta.figures.declined_total.value)} declined detainers recorded, with sources, corrections and data.`;
}

/** A schema.org `Dataset` describing one weekly report. */
function weekJsonLd(week: WeekModel, url: string): Record<string, unknown> {
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

export function weekView(site: SiteData, start: string): WeekView {
  const { model } = site;
  const week = model.weekByStart.get(start);
  if (!week) throw new Error(`no report starts on ${start}`);
  const { report, previous, next } = week;
  const { meta } = report;
  const { gazetteer } = model;
  const period = formatPeriod(meta.period_start, meta.period_end);
  const twin = paths.weekTwin(start);
  const neighbour = (summary: typeof previous, compare: string | null) =>
    summary && compare ? { ...reportRef(summary.start, summary.end), comparePath: compare } : null;
  const declinedChart = weekDeclinedByJurisdictionChart(report, gazetteer);
  const sectionIChart = weekSectionIChart(report, gazetteer);
  const map = weekMap(report, gazetteer);
  return {
    head: {
      title: `Report of ${period}`,
      description: weekDescription(week),
      search: weekSearchEntry(report, gazetteer),
      jsonTwin: twin,
      jsonLd: weekJsonLd(week, site.link(paths.week(start))),
      social: socialCard(report, gazetteer),
    },
    start,
    period,
    end: meta.period_end,
    dates: {
      start: formatDate(meta.period_start),
      end: formatDate(meta.period_end),
      published: formatDate(meta.published),
    },
    publishedSource: meta.published_source,
    publishedNote: meta.published_note,
    title: meta.title,
    figures: {
      headline: figureViews(model, start, week.headline),
      other: figureViews(model, start, week.otherFigures),
    },
    coverage: { kind: meta.coverage, note: meta.coverage_note },
    comparisons: {
      previous: neighbour(previous, previous && paths.comparison(previous.start, start)),
      next: neighbour(next, next && paths.comparison(start, next.start)),
    },
    declined: {
      chart: { title: 'Declined detainers by jurisdiction', picture: chartPicture(declinedChart) },
      // Every row the report names is in this table: links to a jurisdiction's row land here.
      rows: countRows(model, start, week.byDeclined, 'declined', true),
      byState: withTable(weekDeclinedByStateChart(report, gazetteer)),
      map: map && { title: 'Where the jurisdictions are', picture: mapPicture(map) },
    },
    sectionI: {
      titleAsPrinted: meta.section_titles.I ?? null,
      chart: { title: 'Detainers issued (Section I)', picture: chartPicture(sectionIChart) },
      rows: countRows(model, start, week.sectionI, 'issued'),
    },
    sectionII: {
      titleAsPrinted: meta.section_titles.II ?? null,
      rows: report.declined?.length ? declinedRows(model, start, report.declined) : null,
      age: withTable(weekDeclinedAgeChart(report, gazetteer)),
    },
    policies: policyRows(model, week.policies),
    caveats: meta.caveats,
    corrections: correctionRows(model, week.corrections),
    downloads: weekDownloads(report, twin),
    copies: meta.copies,
    pager: {
      previous: previous && reportRef(previous.start, previous.end),
      next: next && reportRef(next.start, next.end),
    },
  };
}

/** The JSON twin of a week page: what the page shows, as data. */
export function weekTwin(site: SiteData, start: string) {
  const view = weekView(site, start);
  const week = site.model.weekByStart.get(start)!;
  return {
    page: site.link(paths.week(start)),
    title: view.head.title,
    description: view.head.description,
    report: {
      start,
      end: view.end,
      title: view.title,
      published: week.report.meta.published,
      published_source: view.publishedSource,
      published_note: view.publishedNote,
      coverage: view.coverage.kind,
      coverage_note: view.coverage.note,
      section_titles: week.report.meta.section_titles,
    },
    figures: [...view.figures.headline, ...view.figures.other].map((figure) => ({
      field: figure.field,
      label: figure.label,
      value: figure.figure.value,
      source: figure.figure.source,
      note: figure.figure.note,
      change: figure.change,
      corrections: figure.marks.map((mark) => mark.text),
    })),
    declined_by_jurisdiction: view.declined.rows.map(twinCountRow),
    section_i: view.sectionI.rows.map(twinCountRow),
    section_ii: week.report.declined,
    policies: week.policies,
    caveats: view.caveats,
    corrections: week.corrections,
    copies: view.copies,
    downloads: view.downloads.map((download) => ({ ...download, url: site.link(download.path) })),
    previous: view.pager.previous && site.link(view.pager.previous.path),
    next: view.pager.next && site.link(view.pager.next.path),
  };
}

const twinCountRow = (row: CountRowView) => ({
  jurisdiction: row.jurisdiction.id,
  name: row.jurisdiction.label,
  rank: row.rank,
  count: row.count,
  source: row.source,
  note: row.note,
  corrections: row.marks.map((mark) => mark.text),
});
