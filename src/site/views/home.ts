/**
 * `/`: what the archive holds, told in its first screen (the reports and their period, the
 * figures of the report that says the most and of the latest, whether ICE still publishes,
 * the corrections, where to go next), then the map, the trend and the latest corrections.
 */
import { chartPicture, mapPicture } from '../../lib/charts/images.ts';
import type { Picture } from '../../lib/charts/images.ts';
import { weekMap } from '../../lib/charts/map.ts';
import { trendChart } from '../../lib/charts/specs/trend.ts';
import type { CorrectionRow } from '../../lib/contract/schema.ts';
import type { SiteModel, WeekModel } from '../../lib/model/site-model.ts';
import { paths } from '../../lib/output/urls.ts';
import { formatDate, formatPeriod } from '../../lib/text/dates.ts';
import { formatCount } from '../../lib/text/format.ts';
import { plural } from '../../lib/text/words.ts';
import { figureViews, reportRows } from './parts.ts';
import type { FigureView, ReportRowView } from './parts.ts';
import type { PageHead, SiteData } from './site.ts';
import { correctionRows } from './tables.ts';
import type { CorrectionRowView } from './tables.ts';

/** How many corrections the home page lists before linking the rest. */
const LATEST_CORRECTIONS = 5;

/** The home page's word on publication (content/pages/home.mdx). */
export interface Publication {
  status: 'suspended' | 'published';
  date: string;
  statement: string;
  source: string;
}

/** A report as the first screen shows it: which one, why it is shown, three figures. */
export interface ReportCard {
  label: string;
  period: string;
  path: string;
  figures: (Pick<FigureView, 'figure' | 'marks'> & { label: string })[];
}

export interface HomeView {
  head: PageHead;
  /** "3 reports", the period they cover and when they were published; null before the first. */
  archive: { reports: string; covered: string; published: string } | null;
  publication: (Publication & { when: string }) | null;
  /** The report with the most figures known, and the latest where it is another report. */
  cards: ReportCard[];
  corrections: { summary: string; path: string };
  next: { label: string; path: string }[];
  map: { title: string; picture: Picture | null } | null;
  trend: Picture | null;
  reports: ReportRowView[];
  latestCorrections: CorrectionRowView[];
}

/** Headline figures a report gives a value for; unknown ones say nothing. */
const knownFigures = (week: WeekModel) =>
  Object.values(week.report.meta.figures).filter((figure) => figure.value !== null).length;

/**
 * The report that says the most: the one with the most headline figures known (the latest of
 * those tied), so the first screen does not lead with a report whose totals are unknown.
 */
function fullest(weeks: readonly WeekModel[]): WeekModel | undefined {
  return weeks.reduce<WeekModel | undefined>(
    (best, week) => (!best || knownFigures(week) >= knownFigures(best) ? week : best),
    undefined,
  );
}

/** The figures a card shows, in short words: the totals readers ask for first, and the places. */
const CARD_FIGURES: [field: string | null, label: string][] = [
  ['declined_total', 'declined detainers recorded'],
  ['detainers_issued', 'detainers issued nationwide'],
  [null, 'jurisdictions in the transcribed rows'],
];

function card(model: SiteModel, week: WeekModel, label: string): ReportCard {
  const figures = figureViews(model, week.report.start, week.headline);
  return {
    label,
    period: formatPeriod(week.summary.start, week.summary.end),
    path: paths.week(week.summary.start),
    // The first figure of each field is the one the card means (the jurisdictions named come
    // before the states of those jurisdictions).
    figures: CARD_FIGURES.map(([field, short]) => {
      const { figure, marks } = figures.find((f) => f.field === field)!;
      return { label: short, figure, marks };
    }),
  };
}

const KINDS: [CorrectionRow['kind'][], (n: number) => string][] = [
  [['correction', 'withdrawal'], (n) => `${formatCount(n)} by ICE`],
  [['dispute'], (n) => `${plural(n, 'dispute')} by others`],
  [['transcription'], (n) => `${plural(n, 'fix', 'fixes')} of this archive's transcription`],
];

function correctionsSummary(corrections: readonly CorrectionRow[]): string {
  if (corrections.length === 0) return 'No correction or dispute is recorded.';
  const parts = KINDS.flatMap(([kinds, words]) => {
    const n = corrections.filter((c) => kinds.includes(c.kind)).length;
    return n ? [words(n)] : [];
  });
  return `${plural(corrections.length, 'correction or dispute', 'corrections and disputes')}: ${parts.join(', ')}`;
}

export function homeView(site: SiteData, publication: Publication | null): HomeView {
  const { model } = site;
  const { weeks } = model;
  const first = weeks[0];
  const latest = weeks.at(-1);
  const best = fullest(weeks);
  const cards =
    best && latest
      ? best === latest
        ? [card(model, latest, 'Latest')]
        : [card(model, best, 'Most figures known'), card(model, latest, 'Latest')]
      : [];
  const map = best && weekMap(best.report, model.gazetteer, model.largestDeclined);
  return {
    head: {
      title: 'Home',
      description:
        "An archive of ICE's weekly Declined Detainer Outcome Report: every figure with its source, with ICE's caveats, corrections and disputes, and the data to download.",
    },
    archive:
      first && latest
        ? {
            reports: plural(weeks.length, 'weekly report'),
            covered: formatPeriod(first.summary.start, latest.summary.end),
            published:
              first === latest
                ? formatDate(first.summary.published)
                : `${formatDate(first.summary.published)} to ${formatDate(latest.summary.published)}`,
          }
        : null,
    publication: publication && { ...publication, when: formatDate(publication.date) },
    cards,
    corrections: { summary: correctionsSummary(model.corrections), path: paths.corrections() },
    next: [
      { label: 'Find a jurisdiction', path: paths.jurisdictions() },
      { label: 'Every report', path: paths.weeks() },
      { label: 'Download the data', path: paths.data() },
    ],
    map: best
      ? {
          title: `Where the jurisdictions of the report of ${formatPeriod(best.summary.start, best.summary.end)} are`,
          picture: mapPicture(map ?? null),
        }
      : null,
    trend: chartPicture(trendChart(weeks.map((w) => w.report))),
    reports: reportRows(weeks.map((w) => w.summary)),
    latestCorrections: correctionRows(model, model.corrections.slice(0, LATEST_CORRECTIONS)),
  };
}
