/**
 * RSS feeds: every report, each jurisdiction's reports, every correction. Feed readers read an
 * item's title and description as HTML once they have undone the feed's XML escaping, so every
 * text is HTML-escaped here and then XML-escaped by @astrojs/rss: a name holding `<img src=x>`
 * or `<!--` arrives as that text, and a literal `&lt;b&gt;` in the data stays `&lt;b&gt;`. The
 * characters XML forbids, which @astrojs/rss would pass through, are dropped first.
 */
import { dateToUtc, periodEnd } from '../contract/dates.ts';
import { formatCount } from '../text/format.ts';
import type { WeekReport } from '../contract/load.ts';
import type { CorrectionRow, Figure } from '../contract/schema.ts';
import type { JurisdictionRecord, SiteModel, WeekModel } from '../model/site-model.ts';
import { jurisdictionRowAnchor, paths } from './urls.ts';
import { SITE_NAME } from '../text/titles.ts';
import { escapeHtml, xmlChars } from './xml.ts';
import { formatDate, formatPeriod } from '../text/dates.ts';
import {
  CORRECTION_KIND_LABELS,
  correctionAnchor,
  correctionFieldLabel,
  correctionOutcome,
} from '../model/corrections.ts';
import { jurisdictionLabel } from '../text/names.ts';
import type { LinkFn } from './urls.ts';

/** The fields of an `@astrojs/rss` item this site fills. */
export interface FeedItem {
  title: string;
  /** Absolute URL of the week page; @astrojs/rss also makes it the permalink GUID. */
  link: string;
  pubDate: Date;
  description: string;
}

/** A text as a feed carries it: XML characters only, escaped as HTML (see above). */
const feedText = (text: string) => escapeHtml(xmlChars(text));

const feedItem = (item: FeedItem): FeedItem => ({
  ...item,
  title: feedText(item.title),
  description: feedText(item.description),
});

const count = (value: number | null, what: string): string =>
  value === null ? `${what} not reported` : `${formatCount(value)} ${what}`;

/** "3,083 detainers issued, 206 declined"; an unknown figure reads "declined not reported". */
export function headline(issued: number | null, declined: number | null): string {
  return `${count(issued, 'detainers issued')}, ${count(declined, 'declined')}`;
}

const period = (report: WeekReport): string =>
  formatPeriod(report.meta.period_start, report.meta.period_end);

const figureSentence = (label: string, figure: Figure): string =>
  `${label}: ${formatCount(figure.value)}.`;

const correctionsSentence = (n: number, about: string): string =>
  n === 0
    ? `No corrections or disputes recorded ${about}.`
    : `${n} ${n === 1 ? 'correction or dispute' : 'corrections or disputes'} recorded ${about}.`;

function coverageSentence(report: WeekReport): string {
  return report.meta.coverage === 'complete'
    ? 'Coverage: complete; every jurisdiction row and count is transcribed.'
    : `Coverage: partial. ${report.meta.coverage_note ?? ''}`.trimEnd();
}

/** One item per report, newest first. */
export function reportFeedItems(model: SiteModel, link: LinkFn): FeedItem[] {
  return [...model.weeks].reverse().map((week: WeekModel): FeedItem => {
    const { report } = week;
    const { figures, published } = report.meta;
    return feedItem({
      title: `${period(report)}: ${headline(figures.detainers_issued.value, figures.declined_total.value)}`,
      link: link(paths.week(report.start)),
      pubDate: dateToUtc(published),
      description: [
        `ICE Declined Detainer Outcome Report for ${period(report)}, published ${formatDate(published)}.`,
        figureSentence('Detainers issued nationwide', figures.detainers_issued),
        figureSentence('Declined detainers recorded', figures.declined_total),
        `Jurisdictions named: ${formatCount(report.jurisdictions.length)}.`,
        coverageSentence(report),
        correctionsSentence(week.corrections.length, 'for this report'),
      ].join(' '),
    });
  });
}

/** One item per report naming the jurisdiction, newest first. */
export function jurisdictionFeedItems(
  summary: JurisdictionRecord,
  model: SiteModel,
  link: LinkFn,
): FeedItem[] {
  const name = jurisdictionLabel(summary.jurisdiction);
  return [...summary.appearances].reverse().map(({ report: start, row }): FeedItem => {
    const { report } = model.weekByStart.get(start)!;
    const corrections = summary.corrections.filter((c) => c.report === start).length;
    return feedItem({
      title: `${name} — report for ${period(report)}: ${headline(row.issued, row.declined)}`,
      // Its row on the report page: an address, and a GUID, of its own (not the report's).
      link: link(`${paths.week(start)}#${jurisdictionRowAnchor(summary.jurisdiction.id)}`),
      pubDate: dateToUtc(report.meta.published),
      description: [
        `${name} is named in ICE's Declined Detainer Outcome Report for ${period(report)}, published ${formatDate(report.meta.published)}.`,
        `Detainers issued to it: ${formatCount(row.issued)}${row.issued_rank === null ? '' : ` (rank ${row.issued_rank} in Section I)`}.`,
        `Declined detainers recorded for it: ${formatCount(row.declined)}.`,
        ...(row.note ? [`Transcription note: ${row.note}`] : []),
        correctionsSentence(corrections, `about ${name} in this report`),
      ].join(' '),
    });
  });
}

/** "Travis County, TX: declined detainers", "headline figure: Pages", "Section II row 4 (…)". */
function correctionSubject(correction: CorrectionRow, model: SiteModel): string {
  const place = correction.jurisdiction && model.gazetteer.get(correction.jurisdiction);
  const name = place ? jurisdictionLabel(place) : correction.jurisdiction;
  const subject =
    correction.table === 'report'
      ? 'headline figure'
      : correction.table === 'declined'
        ? `Section II row ${correction.row}${name ? ` (${name})` : ''}`
        : correction.table === 'policies'
          ? `the Section III row for ${name ?? 'a jurisdiction'}`
          : (name ?? 'a jurisdiction row');
  const field = correctionFieldLabel(correction);
  return field ? `${subject}: ${field}` : `${subject}, whole row`;
}

/**
 * One item per correction or dispute, newest first, linked to its entry on the page of the
 * report it concerns, where it stands beside the figures. Values the record does not give are
 * said to be not reported, as on the pages (`correctionOutcome`).
 */
export function correctionFeedItems(model: SiteModel, link: LinkFn): FeedItem[] {
  return model.corrections.map((correction): FeedItem => {
    const kind = CORRECTION_KIND_LABELS[correction.kind];
    const reportPeriod = formatPeriod(correction.report, periodEnd(correction.report));
    const subject = correctionSubject(correction, model);
    const { asPublished, asCorrected } = correctionOutcome(correction);
    return feedItem({
      title: `${kind}: ${subject}, report of ${reportPeriod}`,
      link: link(`${paths.week(correction.report)}#${correctionAnchor(correction)}`),
      pubDate: dateToUtc(correction.date),
      description: [
        `${kind} made public ${formatDate(correction.date)} by ${correction.by}, about ${subject} in ICE's Declined Detainer Outcome Report for ${reportPeriod}.`,
        `As published: ${asPublished}. As corrected: ${asCorrected}.`,
        `Statement: ${correction.statement}`,
        `Source: ${correction.source}`,
      ].join(' '),
    });
  });
}

/** A feed as @astrojs/rss takes it: the channel and its items. */
export interface Feed {
  title: string;
  description: string;
  site: string;
  items: FeedItem[];
}

/** `/rss.xml`: one item per report. */
export function reportsFeed(model: SiteModel, link: LinkFn): Feed {
  return {
    title: feedText(SITE_NAME),
    description:
      'Each weekly Declined Detainer Outcome Report ICE published in 2017, with its headline figures, coverage and corrections.',
    site: link(paths.home()),
    items: reportFeedItems(model, link),
  };
}

/** `/jurisdictions/<id>/rss.xml`: one item per report naming the jurisdiction. */
export function jurisdictionFeed(
  summary: JurisdictionRecord,
  model: SiteModel,
  link: LinkFn,
): Feed {
  const label = jurisdictionLabel(summary.jurisdiction);
  return {
    title: feedText(`${SITE_NAME}: ${label}`),
    description: feedText(
      `Each weekly Declined Detainer Outcome Report that names ${label}, with its figures for it.`,
    ),
    site: link(paths.jurisdiction(summary.jurisdiction.id)),
    items: jurisdictionFeedItems(summary, model, link),
  };
}

/**
 * `/corrections.xml`: one item per correction or dispute. `openReports` is where readers' error
 * reports still under review are listed (the repository's open issues with the form's label).
 */
export function correctionsFeed(model: SiteModel, link: LinkFn, openReports: string): Feed {
  return {
    title: `${SITE_NAME}: corrections and disputes`,
    description: feedText(
      `Each correction ICE published and each dispute raised about the Declined Detainer Outcome Reports, with the figure as published and as corrected. Readers' error reports still under review: ${openReports}`,
    ),
    site: link(paths.corrections()),
    items: correctionFeedItems(model, link),
  };
}
