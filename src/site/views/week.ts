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
import { formatBytes, formatCount } from '../../lib/text/format.ts';
import { reportHeading } from '../../lib/text/titles.ts';
import { plural } from '../../lib/text/words.ts';
import { weekCitationView } from './citation.ts';
import type { CitationView } from './citation.ts';
import { countRows, countSummary, figureViews, reportRef } from './parts.ts';
import type { CountRowView, FigureView, NameGroup, ReportRef } from './parts.ts';
import { weekSearchEntry } from './search.ts';
import type { PageHead, SiteData } from './site.ts';
import { correctionRows, declinedRows, policyRows, policySummary } from './tables.ts';
import type { CorrectionRowView, DeclinedRowView, PolicyRowView } from './tables.ts';

/** The report page's sections in page order, by id: the headings and the page's contents list. */
export const WEEK_SECTIONS = {
  figures: 'Headline figures',
  declined: 'Declined detainers recorded',
  'section-i': 'Section I: detainers issued',
  'section-ii': 'Section II: declined detainers, row by row',
  policies: 'Section III: policies on record',
  caveats: "ICE's caveats",
  corrections: 'Corrections and disputes',
  note: 'Editorial note',
  downloads: 'Downloads',
  cite: 'Cite this page',
  copies: 'Copies of the report',
} as const;
export type WeekSectionId = keyof typeof WEEK_SECTIONS;

/**
 * A secondary part with more entries than this is folded in a `<details>` (its summary says what
 * it holds), so that on a phone the declined counts are not pages below the top: the figures of
 * less interest, Section I's table (its chart stays in view), Section II's rows, the figures
 * behind the charts, Section III, the caveats, the corrections and the downloads. Folded parts
 * are all in the HTML, and print whole (site.css).
 */
const FOLD_AFTER = 3;
const fold = (count: number, summary: string) => (count > FOLD_AFTER ? summary : null);

/** A picture with the table or text that stands beside it as its alternative. */
export interface ChartView {
  title: string;
  picture: Picture | null;
}

export interface WeekView {
  head: PageHead;
  start: string;
  /** The page's heading. */
  heading: string;
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
    /** The rows as shown: a table of those with something known, the others as names. */
    shown: { rows: CountRowView[]; unknown: NameGroup[] };
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
  /**
   * Section III as shown: the table, and the rows of which only the listing is known as lists
   * of names.
   */
  sectionIII: { rows: PolicyRowView[]; listedOnly: NameGroup[] };
  caveats: Caveat[];
  /** The summary of each folded part's `<details>`, or null where the part is shown open. */
  folds: Record<
    | 'otherFigures'
    | 'sectionI'
    | 'sectionII'
    | 'byState'
    | 'age'
    | 'policies'
    | 'caveats'
    | 'corrections'
    | 'downloads',
    string | null
  >;
  corrections: CorrectionRowView[];
  downloads: Download[];
  citation: CitationView;
  copies: Link[];
  /** The PDF as ICE published it, kept by the archive and served beside the page; or null. */
  original: {
    path: string;
    size: string;
    retrieved: string;
    /** Where it was retrieved from. */
    url: string;
    sha256: string;
  } | null;
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
    name: reportHeading(meta.period_start, meta.period_end),
    description: weekDescription(week),
    url,
    temporalCoverage: `${meta.period_start}/${meta.period_end}`,
    datePublished: meta.published,
    isBasedOn: meta.copies.map((copy) => copy.url),
    creator: { '@type': 'Organization', name: 'U.S. Immigration and Customs Enforcement' },
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
  };
}

/** The parts of a week page folded in a `<details>`, each with its summary. */
function weekFolds(view: Omit<WeekView, 'folds'>): WeekView['folds'] {
  const { figures, sectionI, declined, sectionII, policies, caveats, corrections, downloads } =
    view;
  const chartFigures = (chart: { table: ChartTable } | null) =>
    chart &&
    fold(chart.table.rows.length, `The chart's figures: ${plural(chart.table.rows.length, 'row')}`);
  return {
    otherFigures: fold(figures.other.length, plural(figures.other.length, 'figure')),
    sectionI: fold(
      sectionI.rows.length,
      `The table: ${plural(sectionI.rows.length, 'jurisdiction')}, with sources, notes and corrections`,
    ),
    sectionII:
      sectionII.rows &&
      fold(
        sectionII.rows.length,
        `The rows: ${plural(sectionII.rows.length, 'declined detainer')}, each with its facility, citizenship, dates, criminal activity, source and note`,
      ),
    byState: chartFigures(declined.byState),
    age: chartFigures(sectionII.age),
    policies: fold(
      policies.length,
      plural(policies.length, 'jurisdiction on record', 'jurisdictions on record'),
    ),
    caveats: fold(caveats.length, plural(caveats.length, 'caveat')),
    corrections: fold(
      corrections.length,
      plural(corrections.length, 'correction or dispute', 'corrections and disputes'),
    ),
    downloads: fold(downloads.length, plural(downloads.length, 'file')),
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
  const heading = reportHeading(meta.period_start, meta.period_end);
  const twin = paths.weekTwin(start);
  const neighbour = (summary: typeof previous, compare: string | null) =>
    summary && compare ? { ...reportRef(summary.start, summary.end), comparePath: compare } : null;
  const declinedChart = weekDeclinedByJurisdictionChart(report, gazetteer);
  const sectionIChart = weekSectionIChart(report, gazetteer);
  const map = weekMap(report, gazetteer, model.largestDeclined);
  const policies = policyRows(model, week.policies);
  const declinedCounts = countRows(model, start, week.byDeclined, 'declined', true);
  const view: Omit<WeekView, 'folds'> = {
    head: {
      title: `Report of ${period}`,
      description: weekDescription(week),
      search: weekSearchEntry(report, gazetteer, heading),
      jsonTwin: twin,
      jsonLd: weekJsonLd(week, site.link(paths.week(start))),
      social: socialCard(report, gazetteer),
    },
    start,
    heading,
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
      // Every row the report names is in this table or its list of names, with its anchor:
      // links to a jurisdiction's row land here.
      rows: declinedCounts,
      shown: countSummary(declinedCounts),
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
    policies,
    sectionIII: policySummary(policies),
    caveats: meta.caveats,
    corrections: correctionRows(model, week.corrections),
    downloads: weekDownloads(report, twin),
    citation: weekCitationView(site, start),
    copies: meta.copies,
    original: meta.original && {
      path: paths.weekFile(start, meta.original.file),
      size: formatBytes(meta.original.bytes),
      retrieved: formatDate(meta.original.retrieved),
      url: meta.original.url,
      sha256: meta.original.sha256,
    },
    pager: {
      previous: previous && reportRef(previous.start, previous.end),
      next: next && reportRef(next.start, next.end),
    },
  };
  return { ...view, folds: weekFolds(view) };
}

/** The JSON twin of a week page: what the page shows, as data (from its view, when given). */
export function weekTwin(site: SiteData, start: string, view = weekView(site, start)) {
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
    original: week.report.meta.original && {
      ...week.report.meta.original,
      served: site.link(view.original!.path),
    },
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
