import { periodEnd } from '../contract/dates.ts';
import { formatChange, formatCount } from '../text/format.ts';
import type { Dataset, WeekReport } from '../contract/load.ts';
import { REPORT_FIGURES } from '../contract/schema.ts';
import type {
  CorrectionRow,
  Figure,
  GazetteerRow,
  PolicyRow,
  ReportFigureName,
  ReportJurisdictionRow,
  ReportMeta,
} from '../contract/schema.ts';
import { stateName } from '../contract/states.ts';
import { formatPeriod } from '../text/dates.ts';

/** The headline figures of one report, with what the pages derive from its rows. */
export interface WeekSummary {
  start: string;
  end: string;
  published: string;
  issued: Figure;
  declined: Figure;
  /** Jurisdictions the report names (rows in its jurisdictions.csv). */
  jurisdictions: number;
  /** States of the jurisdictions the report names. */
  states: number;
  corrections: number;
}

export interface Appearance {
  report: string;
  row: ReportJurisdictionRow;
}

export interface JurisdictionSummary {
  jurisdiction: GazetteerRow;
  appearances: Appearance[];
  /** Sum of the declined counts that are known. */
  declinedKnown: number;
  /** Reports that name the jurisdiction without a declined count. */
  declinedUnknown: number;
  issuedKnown: number;
  /** What a page shows as the total: the known sum, or null where no report gives a count. */
  declinedTotal: number | null;
  issuedTotal: number | null;
  first: string;
  last: string;
  policies: PolicyRow[];
  corrections: CorrectionRow[];
}

export interface StateSummary {
  usps: string;
  name: string;
  jurisdictions: JurisdictionSummary[];
  declinedKnown: number;
  declinedUnknown: number;
  issuedKnown: number;
  declinedTotal: number | null;
  issuedTotal: number | null;
}

/** One figure of a week page's headline list, with its change from the previous report. */
export interface HeadlineFigure {
  /** The figure's name in report.json, which corrections use; null for a derived count. */
  field: ReportFigureName | null;
  label: string;
  figure: Figure;
  /** "+12 from the previous report", "… not reported", "no previous report"; null: not compared. */
  change: string | null;
}

export interface WeekView {
  report: WeekReport;
  summary: WeekSummary;
  previous: WeekSummary | null;
  next: WeekSummary | null;
  /** See `headlineFigures`. */
  headline: HeadlineFigure[];
  /** See `otherFigures`. */
  otherFigures: HeadlineFigure[];
  /** Section I: ranked rows first by rank, then other rows with an issued count. */
  sectionI: ReportJurisdictionRow[];
  /** Rows by declined count, largest first; unknown counts last. */
  byDeclined: ReportJurisdictionRow[];
  policies: PolicyRow[];
  corrections: CorrectionRow[];
}

export interface SiteModel {
  /** Oldest first. */
  weeks: WeekView[];
  weekByStart: Map<string, WeekView>;
  jurisdictions: Map<string, JurisdictionSummary>;
  /** By state name. */
  states: StateSummary[];
  /** Newest first. */
  corrections: CorrectionRow[];
  /** Corrections by the figure or row they concern; see `correctionsOf`. */
  correctionIndex: Map<string, CorrectionRow[]>;
  gazetteer: Map<string, GazetteerRow>;
}

/** What a correction can concern: a headline figure, a jurisdiction row, a Section II row. */
export type CorrectionTarget =
  | { report: string; table: 'report'; field: string }
  | { report: string; table: 'jurisdictions'; jurisdiction: string; field: string | null }
  | { report: string; table: 'declined'; row: number; field: string | null };

/** The row (or, for the report table, the whole headline) a correction or target belongs to. */
function rowKey(report: string, table: CorrectionRow['table'], subject: string | number): string {
  return `${report}\u0000${table}\u0000${subject}`;
}

function targetRowKey(target: CorrectionTarget): string {
  const subject =
    target.table === 'report'
      ? ''
      : target.table === 'jurisdictions'
        ? target.jurisdiction
        : target.row;
  return rowKey(target.report, target.table, subject);
}

function indexCorrections(corrections: readonly CorrectionRow[]): Map<string, CorrectionRow[]> {
  return groupBy(corrections, (c) => {
    const subject =
      c.table === 'report' ? '' : c.table === 'jurisdictions' ? c.jurisdiction : c.row;
    return subject === null ? null : rowKey(c.report, c.table, subject);
  });
}

/**
 * The corrections and disputes of a figure: those naming its field and those concerning its whole
 * row (no field), so a withdrawn row marks each of its figures. A target without a field (a whole
 * Section II row) collects every correction of the row.
 */
export function correctionsOf(
  index: ReadonlyMap<string, CorrectionRow[]>,
  target: CorrectionTarget,
): CorrectionRow[] {
  return (index.get(targetRowKey(target)) ?? []).filter(
    (c) =>
      target.field === null ||
      c.field === target.field ||
      (c.field === null && target.table !== 'report'),
  );
}

const derived = (value: number): Figure => ({ value, source: null, note: null });

/** The report's own figures that a week page compares with the previous report. */
export const COMPARED_FIGURES: readonly ReportFigureName[] = [
  'detainers_issued',
  'declined_total',
  'states_with_declines',
];

/**
 * The headline list of a week page: the report's figures that readers compare week to week, then
 * the jurisdictions and states its transcribed rows name, each with its change from the previous
 * report ("no previous report" for the first). Counts of transcribed rows are compared only
 * between two complete transcriptions: otherwise the change would measure the transcription.
 */
export function headlineFigures(
  meta: ReportMeta,
  summary: WeekSummary,
  previous: { meta: ReportMeta; summary: WeekSummary } | null,
): HeadlineFigure[] {
  const change = (current: number | null, before: number | null | undefined) =>
    previous ? formatChange(current, before ?? null) : 'no previous report';
  const bothComplete = meta.coverage === 'complete' && previous?.meta.coverage === 'complete';
  const rowsChange = (current: number, before: number | undefined) =>
    change(bothComplete ? current : null, before);
  return [
    ...COMPARED_FIGURES.map((name) => ({
      field: name,
      label: figureLabel(name),
      figure: meta.figures[name],
      change: change(meta.figures[name].value, previous?.meta.figures[name].value),
    })),
    {
      field: null,
      label: 'Jurisdictions named in the transcribed rows',
      figure: derived(summary.jurisdictions),
      change: rowsChange(summary.jurisdictions, previous?.summary.jurisdictions),
    },
    {
      field: null,
      label: 'States of those jurisdictions',
      figure: derived(summary.states),
      change: rowsChange(summary.states, previous?.summary.states),
    },
  ];
}

/** The report's other figures (pages, jails, Section I and III totals), without a change. */
export function otherFigures(meta: ReportMeta): HeadlineFigure[] {
  return REPORT_FIGURES.filter(({ name }) => !COMPARED_FIGURES.includes(name)).map(
    ({ name, label }) => ({ field: name, label, figure: meta.figures[name], change: null }),
  );
}

function figureLabel(name: ReportFigureName): string {
  return REPORT_FIGURES.find((f) => f.name === name)!.label;
}

/** The sum of the counts that are known, or null where none is: unknown is never 0. */
export function knownSum(values: readonly (number | null)[]): number | null {
  let sum: number | null = null;
  for (const value of values) if (value !== null) sum = (sum ?? 0) + value;
  return sum;
}

const byCountDescending = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Everything the pages show, computed once per build with maps, so that no page scans every
 * report again (the archive grows to hundreds of weeks and thousands of jurisdictions).
 */
export function buildSiteModel(dataset: Dataset): SiteModel {
  const gazetteer = new Map(dataset.gazetteer.map((j) => [j.id, j]));
  const correctionsByReport = groupBy(dataset.corrections, (c) => c.report);
  const correctionsByJurisdiction = groupBy(dataset.corrections, (c) => c.jurisdiction);
  const policiesByJurisdiction = groupBy(dataset.policies, (p) => p.jurisdiction);
  const reports = [...dataset.reports].sort((a, b) => a.start.localeCompare(b.start));

  const summaries = reports.map((report): WeekSummary => ({
    start: report.start,
    end: report.meta.period_end,
    published: report.meta.published,
    issued: report.meta.figures.detainers_issued,
    declined: report.meta.figures.declined_total,
    jurisdictions: report.jurisdictions.length,
    states: new Set(report.jurisdictions.map((r) => gazetteer.get(r.jurisdiction)?.state)).size,
    corrections: correctionsByReport.get(report.start)?.length ?? 0,
  }));

  // Sorted by first report, the policies on record at each week are a prefix of this list.
  const policiesSorted = [...dataset.policies].sort((a, b) =>
    a.first_report.localeCompare(b.first_report),
  );
  let policiesOnRecord = 0;
  const weeks = reports.map((report, i): WeekView => {
    while (
      policiesSorted[policiesOnRecord] &&
      policiesSorted[policiesOnRecord]!.first_report <= report.start
    ) {
      policiesOnRecord++;
    }
    const previous = i > 0 ? { meta: reports[i - 1]!.meta, summary: summaries[i - 1]! } : null;
    return {
      report,
      summary: summaries[i]!,
      previous: previous?.summary ?? null,
      next: summaries[i + 1] ?? null,
      headline: headlineFigures(report.meta, summaries[i]!, previous),
      otherFigures: otherFigures(report.meta),
      sectionI: report.jurisdictions
        .filter((r) => r.issued !== null)
        .sort(
          (a, b) =>
            (a.issued_rank ?? Infinity) - (b.issued_rank ?? Infinity) ||
            byCountDescending(a.issued, b.issued),
        ),
      byDeclined: [...report.jurisdictions].sort((a, b) =>
        byCountDescending(a.declined, b.declined),
      ),
      policies: policiesSorted.slice(0, policiesOnRecord),
      corrections: correctionsByReport.get(report.start) ?? [],
    };
  });

  const appearances = new Map<string, Appearance[]>();
  for (const report of reports) {
    for (const row of report.jurisdictions) {
      const list = appearances.get(row.jurisdiction);
      if (list) list.push({ report: report.start, row });
      else appearances.set(row.jurisdiction, [{ report: report.start, row }]);
    }
  }
  const jurisdictions = new Map<string, JurisdictionSummary>();
  for (const jurisdiction of dataset.gazetteer) {
    const seen = appearances.get(jurisdiction.id) ?? [];
    const policies = policiesByJurisdiction.get(jurisdiction.id) ?? [];
    if (seen.length === 0 && policies.length === 0) continue;
    const declined = knownSum(seen.map((a) => a.row.declined));
    const issued = knownSum(seen.map((a) => a.row.issued));
    jurisdictions.set(jurisdiction.id, {
      jurisdiction,
      appearances: seen,
      declinedKnown: declined ?? 0,
      declinedUnknown: seen.filter((a) => a.row.declined === null).length,
      issuedKnown: issued ?? 0,
      declinedTotal: declined,
      issuedTotal: issued,
      first: seen[0]?.report ?? policies[0]!.first_report,
      last: seen.at(-1)?.report ?? policies.at(-1)!.first_report,
      policies,
      corrections: correctionsByJurisdiction.get(jurisdiction.id) ?? [],
    });
  }

  const byState = groupBy([...jurisdictions.values()], (j) => j.jurisdiction.state);
  const states = [...byState.entries()]
    .map(([usps, list]): StateSummary => ({
      usps,
      name: stateName(usps),
      jurisdictions: list.sort((a, b) => a.jurisdiction.name.localeCompare(b.jurisdiction.name)),
      declinedKnown: list.reduce((n, j) => n + j.declinedKnown, 0),
      declinedUnknown: list.reduce((n, j) => n + j.declinedUnknown, 0),
      issuedKnown: list.reduce((n, j) => n + j.issuedKnown, 0),
      declinedTotal: knownSum(list.map((j) => j.declinedTotal)),
      issuedTotal: knownSum(list.map((j) => j.issuedTotal)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    weeks,
    weekByStart: new Map(weeks.map((w) => [w.report.start, w])),
    jurisdictions,
    states,
    corrections: [...dataset.corrections].sort(
      (a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id),
    ),
    correctionIndex: indexCorrections(dataset.corrections),
    gazetteer,
  };
}

export const CORRECTION_KIND_LABELS: Record<CorrectionRow['kind'], string> = {
  correction: 'Correction',
  withdrawal: 'Withdrawal',
  dispute: 'Dispute',
  transcription: 'Transcription fix',
};

/** Column names a correction can give, in words; others read as their name without underscores. */
const FIELD_LABELS: Record<string, string> = {
  issued: 'detainers issued',
  issued_rank: 'Section I rank',
  declined: 'declined detainers',
  issued_date: 'date issued',
  declined_date: 'date declined',
};

/** The figure a correction concerns, in words ("declined detainers"), or null for a whole row. */
export function correctionFieldLabel(correction: CorrectionRow): string | null {
  const { field, table } = correction;
  if (field === null) return null;
  const figure = table === 'report' ? REPORT_FIGURES.find((f) => f.name === field) : undefined;
  return figure?.label ?? FIELD_LABELS[field] ?? field.replaceAll('_', ' ');
}

/** The id of a correction's row in a corrections table, for links from the figures it concerns. */
export const correctionAnchor = (correction: CorrectionRow) => `correction-${correction.id}`;

/** How a correction or dispute changes a figure: "as published" beside "as corrected". */
export function correctionOutcome(correction: CorrectionRow): {
  asPublished: string;
  asCorrected: string;
} {
  const asPublished =
    correction.published_value ?? (correction.field ? 'not reported' : 'the whole row');
  switch (correction.kind) {
    case 'correction':
    case 'transcription':
      return { asPublished, asCorrected: correction.stated_value ?? 'not reported' };
    case 'withdrawal':
      return { asPublished, asCorrected: `withdrawn by ${correction.by}, no replacement given` };
    case 'dispute':
      return {
        asPublished,
        asCorrected: `stands as published; ${correction.by} ${correction.stated_value ? `gives ${correction.stated_value}` : 'disputes it'}`,
      };
  }
}

/** Where a jurisdiction appears, for the opening line of its page. */
export function appearanceSentence(summary: JurisdictionSummary): string {
  const report = (start: string) => `the report of ${formatPeriod(start, periodEnd(start))}`;
  const count = summary.appearances.length;
  if (count === 0) {
    return `Listed in the policy table (Section III) from ${report(summary.first)} on; no other table of a report names it.`;
  }
  if (count === 1) return `Named in ${report(summary.first)}.`;
  return `Named in ${formatCount(count)} reports, from ${report(summary.first)} to ${report(summary.last)}.`;
}

/** "Travis County, TX". */
export function jurisdictionLabel(jurisdiction: GazetteerRow): string {
  return jurisdiction.kind === 'state'
    ? jurisdiction.name
    : `${jurisdiction.name}, ${jurisdiction.state}`;
}

/** `getStaticPaths` of `/weeks/<date>/`. */
export function weekPages(model: SiteModel) {
  return model.weeks.map((week) => ({ params: { date: week.report.start }, props: { week } }));
}

/** `getStaticPaths` of `/jurisdictions/<id>/`: every jurisdiction a report or policy names. */
export function jurisdictionPages(model: SiteModel) {
  return [...model.jurisdictions.values()].map((summary) => ({
    params: { id: summary.jurisdiction.id },
    props: { summary },
  }));
}

/** `getStaticPaths` of `/states/<usps>/`, the code in lower case as in `paths.state`. */
export function statePages(model: SiteModel) {
  return model.states.map((state) => ({
    params: { usps: state.usps.toLowerCase() },
    props: { state },
  }));
}
