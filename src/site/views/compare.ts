/** `/weeks/<a>/vs/<b>/`: a report beside the next one. */
import { chartPicture } from '../../lib/charts/images.ts';
import type { Picture } from '../../lib/charts/images.ts';
import { comparisonChart } from '../../lib/charts/specs/compare.ts';
import {
  CHANGE_KINDS,
  CHANGES,
  compareReports,
  comparisonDescription,
  comparisonSummary,
  coverageCaveat,
  differenceText,
} from '../../lib/model/compare.ts';
import type { ComparedRow } from '../../lib/model/compare.ts';
import { gapBetween } from '../../lib/model/sequence.ts';
import { paths } from '../../lib/output/urls.ts';
import { formatPeriod } from '../../lib/text/dates.ts';
import { correctionMarks, jurisdictionRef } from './parts.ts';
import type { CorrectionMark, JurisdictionRef, ReportRef } from './parts.ts';
import type { PageHead, SiteData } from './site.ts';

/** One report's count for a jurisdiction, or null where the report does not name it. */
export type ComparedCountView = {
  count: number | null;
  source: string | null;
  marks: CorrectionMark[];
} | null;

export interface ComparisonRowView {
  jurisdiction: JurisdictionRef;
  change: string;
  before: ComparedCountView;
  after: ComparedCountView;
  difference: { text: string; unknown: boolean };
}

export interface CompareView {
  head: PageHead;
  before: ReportRef;
  after: ReportRef;
  /** "eight years" where the two reports are not consecutive weeks, else null. */
  gap: string | null;
  /** What the gap means for the comparison, or null. */
  gapNote: string | null;
  summary: string;
  caveat: string | null;
  counts: { title: string; description: string; count: number }[];
  chart: { title: string; picture: Picture | null };
  table: { caption: string; reports: ReportRef[]; rows: ComparisonRowView[] };
}

/**
 * `getStaticPaths` of `/weeks/<a>/vs/<b>/`: each report with the next one. Every pair would be
 * n(n−1)/2 pages (about 135,000 for ten years of weeks); consecutive pairs are n − 1.
 */
export function comparePaths(site: SiteData) {
  const { weeks } = site.model;
  return weeks.slice(1).map((after, i) => ({
    params: { date: weeks[i]!.report.start, other: after.report.start },
  }));
}

export function compareView(site: SiteData, beforeStart: string, afterStart: string): CompareView {
  const { model } = site;
  const before = model.weekByStart.get(beforeStart);
  const after = model.weekByStart.get(afterStart);
  if (!before || !after) throw new Error(`no reports start on ${beforeStart} and ${afterStart}`);
  const comparison = compareReports(before.report, after.report, model.gazetteer);
  const spec = comparisonChart(comparison);
  const [earlier, later] = [before, after].map(({ summary }) =>
    formatPeriod(summary.start, summary.end),
  ) as [string, string];
  const counted = (report: string, row: ComparedRow['before']): ComparedCountView =>
    row && {
      count: row.declined,
      source: row.declined_source,
      marks: correctionMarks(
        model,
        { report, table: 'jurisdictions', jurisdiction: row.jurisdiction, field: 'declined' },
        paths.corrections(),
      ),
    };
  const reports = [
    { path: paths.week(beforeStart), period: earlier },
    { path: paths.week(afterStart), period: later },
  ];
  const gap = gapBetween(beforeStart, afterStart);
  return {
    head: {
      title: gap
        ? `${earlier} beside ${later}, ${gap} apart`
        : `Reports of ${earlier} and ${later} compared`,
      description: comparisonDescription(comparison),
    },
    before: reports[0]!,
    after: reports[1]!,
    gap,
    gapNote:
      gap &&
      `The two reports are ${gap} apart, not consecutive weeks: the archive holds no report of the weeks between them, so each change below spans ${gap}.`,
    summary: comparisonSummary(comparison),
    caveat: coverageCaveat(comparison),
    counts: CHANGE_KINDS.map((kind) => ({
      title: CHANGES[kind].title,
      description: CHANGES[kind].description,
      count: comparison.counts[kind],
    })),
    chart: {
      title: spec?.title ?? 'Declined detainers by jurisdiction',
      picture: chartPicture(spec),
    },
    table: {
      caption: `Declined detainers recorded, by jurisdiction: report of ${earlier} and report of ${later}`,
      reports,
      rows: comparison.rows.map((row) => ({
        jurisdiction: jurisdictionRef(model, row.jurisdiction),
        change: CHANGES[row.change].label,
        before: counted(beforeStart, row.before),
        after: counted(afterStart, row.after),
        difference: { text: differenceText(row), unknown: row.difference === null },
      })),
    },
  };
}
