/**
 * Week to week: how the declined-detainer counts (Section II) of the jurisdictions two reports
 * name differ. A count a report does not give is unknown, never 0, so a jurisdiction with an
 * unknown count in either report is classed as such rather than as risen, fallen or unchanged;
 * and a jurisdiction a report does not name has no figure in it at all ("not named").
 */
import { formatCount, formatDelta } from '../text/format.ts';
import type { WeekReport } from '../contract/load.ts';
import type { GazetteerRow, ReportJurisdictionRow } from '../contract/schema.ts';
import { formatPeriod } from '../text/dates.ts';
import { jurisdictionLabel } from '../text/names.ts';

/** In the order the comparison table lists them. */
export const CHANGE_KINDS = [
  'appeared',
  'disappeared',
  'rose',
  'fell',
  'unchanged',
  'unknown',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The word a table cell shows, the same as a heading, and what it means. */
export const CHANGES: Record<ChangeKind, { label: string; title: string; description: string }> = {
  appeared: {
    label: 'appeared',
    title: 'Appeared',
    description: 'named in the later report, not in the earlier one',
  },
  disappeared: {
    label: 'disappeared',
    title: 'Disappeared',
    description: 'named in the earlier report, not in the later one',
  },
  rose: { label: 'rose', title: 'Rose', description: 'a higher count in the later report' },
  fell: { label: 'fell', title: 'Fell', description: 'a lower count in the later report' },
  unchanged: {
    label: 'unchanged',
    title: 'Unchanged',
    description: 'the same count in both reports',
  },
  unknown: {
    label: 'count not reported',
    title: 'Count not reported',
    description: 'named in both reports, but a count is not reported in one or both',
  },
};

export interface ComparedRow {
  jurisdiction: string;
  /** "Travis County, TX", or the id where the gazetteer has no entry. */
  name: string;
  change: ChangeKind;
  /** The earlier report's row, or null where that report does not name the jurisdiction. */
  before: ReportJurisdictionRow | null;
  after: ReportJurisdictionRow | null;
  /** Later count minus earlier count, where both are known; otherwise null. */
  difference: number | null;
}

export interface Comparison {
  before: WeekReport;
  after: WeekReport;
  /** Grouped by change in the order of `CHANGE_KINDS`, largest change or count first. */
  rows: ComparedRow[];
  counts: Record<ChangeKind, number>;
}

function classify(
  before: ReportJurisdictionRow | null,
  after: ReportJurisdictionRow | null,
): { change: ChangeKind; difference: number | null } {
  if (!before) return { change: 'appeared', difference: null };
  if (!after) return { change: 'disappeared', difference: null };
  if (before.declined === null || after.declined === null) {
    return { change: 'unknown', difference: null };
  }
  const difference = after.declined - before.declined;
  return { change: difference > 0 ? 'rose' : difference < 0 ? 'fell' : 'unchanged', difference };
}

/** What orders rows within one change: the size of the change, or the count where there is one. */
function magnitude(row: ComparedRow): number {
  if (row.difference !== null) return Math.abs(row.difference);
  return (row.after ?? row.before)?.declined ?? -1;
}

/**
 * Compares the declined counts of the jurisdictions two reports name, in one pass over the rows
 * of each (the site builds one comparison per pair of consecutive reports).
 */
export function compareReports(
  before: WeekReport,
  after: WeekReport,
  gazetteer: ReadonlyMap<string, GazetteerRow>,
): Comparison {
  if (before.start >= after.start) {
    throw new Error(
      `compare an earlier report with a later one, not ${before.start} with ${after.start}`,
    );
  }
  const pairs = new Map<string, [ReportJurisdictionRow | null, ReportJurisdictionRow | null]>();
  for (const row of before.jurisdictions) pairs.set(row.jurisdiction, [row, null]);
  for (const row of after.jurisdictions) {
    const pair = pairs.get(row.jurisdiction);
    if (pair) pair[1] = row;
    else pairs.set(row.jurisdiction, [null, row]);
  }
  const rows = [...pairs].map(([jurisdiction, [earlier, later]]): ComparedRow => {
    const place = gazetteer.get(jurisdiction);
    return {
      jurisdiction,
      name: place ? jurisdictionLabel(place) : jurisdiction,
      before: earlier,
      after: later,
      ...classify(earlier, later),
    };
  });
  const order = new Map(CHANGE_KINDS.map((kind, i) => [kind, i]));
  rows.sort(
    (a, b) =>
      order.get(a.change)! - order.get(b.change)! ||
      magnitude(b) - magnitude(a) ||
      a.name.localeCompare(b.name),
  );
  const counts = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<
    ChangeKind,
    number
  >;
  for (const row of rows) counts[row.change]++;
  return { before, after, rows, counts };
}

/** The difference as a table shows it: "+3", "−2", "0", or why there is none. */
export function differenceText(row: ComparedRow): string {
  if (row.difference !== null) return formatDelta(row.difference);
  return row.change === 'unknown' ? 'not known' : 'not named in both';
}

const reportName = (report: WeekReport) =>
  `the report of ${formatPeriod(report.meta.period_start, report.meta.period_end)}`;

/** "Of the 5 jurisdictions named in either report, 2 appeared, …", for the page and the chart. */
export function comparisonSummary(comparison: Comparison): string {
  const { counts, rows } = comparison;
  const parts = CHANGE_KINDS.map((kind) =>
    kind === 'unknown'
      ? `${formatCount(counts.unknown)} ${counts.unknown === 1 ? 'has' : 'have'} a count not reported in one or both`
      : `${formatCount(counts[kind])} ${CHANGES[kind].label}`,
  );
  const named = rows.length === 1 ? 'jurisdiction' : 'jurisdictions';
  return `Of the ${formatCount(rows.length)} ${named} named in ${reportName(comparison.before)} or ${reportName(comparison.after)}: ${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}.`;
}

/** A page description short enough for search results and link previews. */
export function comparisonDescription(comparison: Comparison): string {
  const { counts } = comparison;
  const changes = (['appeared', 'disappeared', 'rose', 'fell', 'unchanged'] as const)
    .map((kind) => `${formatCount(counts[kind])} ${CHANGES[kind].label}`)
    .join(', ');
  return `How declined detainers per jurisdiction changed from ${reportName(comparison.before)} to the next: ${changes}.`;
}

/**
 * Where a transcription is partial, a jurisdiction it does not list may still be in the report:
 * "appeared" and "disappeared" then compare transcriptions as much as reports.
 */
export function coverageCaveat(comparison: Comparison): string | null {
  const partial = [comparison.before, comparison.after].filter(
    (report) => report.meta.coverage === 'partial',
  );
  if (partial.length === 0) return null;
  const which =
    partial.length === 2
      ? 'Neither transcription is complete'
      : `The transcription of ${reportName(partial[0]!)} is partial`;
  return `${which}: a jurisdiction missing from a partial transcription may be in the report without being transcribed, so "appeared" and "disappeared" may reflect the transcription rather than the report.`;
}
