import type { Dataset, WeekReport } from './load.ts';
import type {
  CorrectionRow,
  Figure,
  GazetteerRow,
  PolicyRow,
  ReportJurisdictionRow,
} from './schema.ts';
import { stateName } from './states.ts';

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
}

export interface WeekView {
  report: WeekReport;
  summary: WeekSummary;
  previous: WeekSummary | null;
  next: WeekSummary | null;
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
  gazetteer: Map<string, GazetteerRow>;
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

  const policiesSorted = [...dataset.policies].sort((a, b) =>
    a.first_report.localeCompare(b.first_report),
  );
  const weeks = reports.map((report, i): WeekView => ({
    report,
    summary: summaries[i]!,
    previous: summaries[i - 1] ?? null,
    next: summaries[i + 1] ?? null,
    sectionI: report.jurisdictions
      .filter((r) => r.issued !== null)
      .sort(
        (a, b) =>
          (a.issued_rank ?? Infinity) - (b.issued_rank ?? Infinity) ||
          byCountDescending(a.issued, b.issued),
      ),
    byDeclined: [...report.jurisdictions].sort((a, b) => byCountDescending(a.declined, b.declined)),
    policies: policiesSorted.filter((p) => p.first_report <= report.start),
    corrections: correctionsByReport.get(report.start) ?? [],
  }));

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
    jurisdictions.set(jurisdiction.id, {
      jurisdiction,
      appearances: seen,
      declinedKnown: seen.reduce((n, a) => n + (a.row.declined ?? 0), 0),
      declinedUnknown: seen.filter((a) => a.row.declined === null).length,
      issuedKnown: seen.reduce((n, a) => n + (a.row.issued ?? 0), 0),
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
    gazetteer,
  };
}

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

/** "Travis County, TX". */
export function jurisdictionLabel(jurisdiction: GazetteerRow): string {
  return jurisdiction.kind === 'state'
    ? jurisdiction.name
    : `${jurisdiction.name}, ${jurisdiction.state}`;
}
