/**
 * The site model: everything the pages show, derived once per build from the validated dataset.
 */
import type { Dataset, WeekReport } from '../contract/load.ts';
import type {
  CorrectionRow,
  Figure,
  GazetteerRow,
  PolicyRow,
  ReportJurisdictionRow,
} from '../contract/schema.ts';
import { stateName } from '../contract/states.ts';
import { indexCorrections } from './corrections.ts';
import { headlineFigures, otherFigures } from './headline.ts';
import type { HeadlineFigure } from './headline.ts';
import { byCountDescending, groupBy, knownSum } from './totals.ts';

/** The gazetteer by id, as charts and pages look jurisdictions up. */
export type Gazetteer = ReadonlyMap<string, GazetteerRow>;

/** The headline figures of one report, with what the pages derive from its rows. */
export interface WeekFigures {
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

/** One jurisdiction across the archive: every report naming it, its totals, policies, corrections. */
export interface JurisdictionRecord {
  jurisdiction: GazetteerRow;
  appearances: Appearance[];
  /** Reports that name the jurisdiction without a declined count. */
  declinedUnknown: number;
  /** What a page shows as the total: the known sum, or null where no report gives a count. */
  declinedTotal: number | null;
  issuedTotal: number | null;
  first: string;
  last: string;
  policies: PolicyRow[];
  corrections: CorrectionRow[];
}

/** One state across the archive: its jurisdictions' records and their totals. */
export interface StateRecord {
  usps: string;
  name: string;
  jurisdictions: JurisdictionRecord[];
  declinedUnknown: number;
  declinedTotal: number | null;
  issuedTotal: number | null;
}

export interface WeekModel {
  report: WeekReport;
  /** Its headline figures, as its neighbours' pages name them too. */
  summary: WeekFigures;
  previous: WeekFigures | null;
  next: WeekFigures | null;
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
  weeks: WeekModel[];
  weekByStart: Map<string, WeekModel>;
  jurisdictions: Map<string, JurisdictionRecord>;
  /** By state name. */
  states: StateRecord[];
  /** Newest first. */
  corrections: CorrectionRow[];
  /** Corrections by the figure or row they concern; see `correctionsOf`. */
  correctionIndex: Map<string, CorrectionRow[]>;
  gazetteer: Map<string, GazetteerRow>;
  /**
   * The largest declined count of one jurisdiction in any report (0 where none is given): it
   * sets the map's symbol scale, so a count draws the same circle on every week's map.
   */
  largestDeclined: number;
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

  const summaries = reports.map((report): WeekFigures => ({
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
  const weeks = reports.map((report, i): WeekModel => {
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
  const jurisdictions = new Map<string, JurisdictionRecord>();
  for (const jurisdiction of dataset.gazetteer) {
    const seen = appearances.get(jurisdiction.id) ?? [];
    const policies = policiesByJurisdiction.get(jurisdiction.id) ?? [];
    if (seen.length === 0 && policies.length === 0) continue;
    const declined = knownSum(seen.map((a) => a.row.declined));
    const issued = knownSum(seen.map((a) => a.row.issued));
    jurisdictions.set(jurisdiction.id, {
      jurisdiction,
      appearances: seen,
      declinedUnknown: seen.filter((a) => a.row.declined === null).length,
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
    .map(([usps, list]): StateRecord => ({
      usps,
      name: stateName(usps),
      jurisdictions: list.sort((a, b) => a.jurisdiction.name.localeCompare(b.jurisdiction.name)),
      declinedUnknown: list.reduce((n, j) => n + j.declinedUnknown, 0),
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
    largestDeclined: reports.reduce(
      (max, report) =>
        report.jurisdictions.reduce((most, row) => Math.max(most, row.declined ?? 0), max),
      0,
    ),
  };
}
