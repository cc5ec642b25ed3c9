/**
 * Pieces several views share: a jurisdiction named and linked, the correction marks beside a
 * figure, a report named by its period and linked. Tables receive these resolved, so no
 * component looks anything up.
 */
import type { Figure, ReportJurisdictionRow } from '../../lib/contract/schema.ts';
import { periodEnd } from '../../lib/contract/dates.ts';
import { asCell } from '../../lib/contract/correction-targets.ts';
import type { ValueAddress } from '../../lib/intake/form.ts';
import { correctionAnchor, correctionOutcome, correctionsOf } from '../../lib/model/corrections.ts';
import type { CorrectionTarget } from '../../lib/model/corrections.ts';
import type { HeadlineFigure } from '../../lib/model/headline.ts';
import type { SiteModel, WeekFigures } from '../../lib/model/site-model.ts';
import { jurisdictionRowAnchor, paths } from '../../lib/output/urls.ts';
import { formatPeriod } from '../../lib/text/dates.ts';
import { jurisdictionLabel } from '../../lib/text/names.ts';

/** A jurisdiction as a table names it: linked to its page where the gazetteer has it. */
export interface JurisdictionRef {
  id: string;
  label: string;
  path: string | null;
}

export function jurisdictionRef(model: SiteModel, id: string): JurisdictionRef {
  const jurisdiction = model.gazetteer.get(id);
  return jurisdiction
    ? { id, label: jurisdictionLabel(jurisdiction), path: paths.jurisdiction(id) }
    : { id, label: id, path: null };
}

/** A link from a figure to the correction or dispute about it. */
export interface CorrectionMark {
  /** The page whose corrections table lists it, or null for the current page. */
  tablePath: string | null;
  anchor: string;
  /** "as corrected: 3", "disputed: stands as published; …". */
  text: string;
}

export function correctionMarks(
  model: SiteModel,
  target: CorrectionTarget,
  tablePath: string | null = null,
): CorrectionMark[] {
  return correctionsOf(model.correctionIndex, target).map((correction) => ({
    tablePath,
    anchor: correctionAnchor(correction),
    text: `${correction.kind === 'dispute' ? 'disputed' : 'as corrected'}: ${correctionOutcome(correction).asCorrected}`,
  }));
}

/** A report as a link: its page and its period. */
export interface ReportRef {
  path: string;
  period: string;
}

export function reportRef(start: string, end = periodEnd(start)): ReportRef {
  return { path: paths.week(start), period: formatPeriod(start, end) };
}

/** A headline figure with the marks of the corrections that concern it. */
export interface FigureView extends HeadlineFigure {
  marks: CorrectionMark[];
  /** The figure's address for an error report, or null for a figure the archive derives. */
  address: ValueAddress | null;
}

export function figureViews(
  model: SiteModel,
  report: string,
  figures: readonly HeadlineFigure[],
): FigureView[] {
  return figures.map((headline) => ({
    ...headline,
    marks: headline.field
      ? correctionMarks(model, { report, table: 'report', field: headline.field })
      : [],
    address: headline.field
      ? {
          report,
          table: 'report',
          jurisdiction: null,
          row: null,
          field: headline.field,
          published: asCell(headline.figure.value),
        }
      : null,
  }));
}

/** A row of a jurisdiction-count table (Section I's issued, Section II's declined). */
export interface CountRowView {
  /** The row's id on the page, or null where another table of the page has it. */
  anchor: string | null;
  rank: number | null;
  jurisdiction: JurisdictionRef;
  count: number | null;
  marks: CorrectionMark[];
  /** The count's address for an error report. */
  address: ValueAddress;
  source: string | null;
  note: string | null;
}

/** A jurisdiction's count in a report, addressed for an error report. */
export const countAddress = (
  report: string,
  jurisdiction: string,
  field: 'issued' | 'declined',
  value: number | null,
): ValueAddress => ({
  report,
  table: 'jurisdictions',
  jurisdiction,
  row: null,
  field,
  published: asCell(value),
});

export function countRows(
  model: SiteModel,
  report: string,
  rows: readonly ReportJurisdictionRow[],
  count: 'issued' | 'declined',
  anchored = false,
): CountRowView[] {
  return rows.map((row) => ({
    anchor: anchored ? jurisdictionRowAnchor(row.jurisdiction) : null,
    rank: row.issued_rank,
    jurisdiction: jurisdictionRef(model, row.jurisdiction),
    count: row[count],
    marks: correctionMarks(model, {
      report,
      table: 'jurisdictions',
      jurisdiction: row.jurisdiction,
      field: count,
    }),
    address: countAddress(report, row.jurisdiction, count, row[count]),
    source: row[`${count}_source`],
    note: row.note,
  }));
}

/**
 * Rows of which nothing is known but the name (a count not reported, a policy row without text),
 * listed as names together with what they share, rather than a table row each of "not reported".
 */
export interface NameGroup {
  /** The report that first listed them (Section III), or null. */
  firstReport: { path: string; start: string } | null;
  source: string | null;
  note: string | null;
  jurisdictions: { jurisdiction: JurisdictionRef; anchor: string | null; address: ValueAddress }[];
}

/** A name of a group; `address` is what an error report about its row or value names. */
type Named = Omit<NameGroup, 'jurisdictions'> & NameGroup['jurisdictions'][number];

/** Groups rows by first report, source and note, in the order the groups first appear. */
export function nameGroups(rows: readonly Named[]): NameGroup[] {
  const groups = new Map<string, NameGroup>();
  for (const { jurisdiction, anchor, address, ...shared } of rows) {
    const key = JSON.stringify([shared.firstReport?.start, shared.source, shared.note]);
    const group = groups.get(key) ?? { ...shared, jurisdictions: [] };
    group.jurisdictions.push({ jurisdiction, anchor, address });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * A count table as a page shows it: the rows with a count or a correction in the table; those
 * whose count is not reported and uncorrected as names, one list per source and note.
 */
export function countSummary(rows: readonly CountRowView[]): {
  rows: CountRowView[];
  unknown: NameGroup[];
} {
  const unknown = (row: CountRowView) => row.count === null && row.marks.length === 0;
  return {
    rows: rows.filter((row) => !unknown(row)),
    unknown: nameGroups(
      rows.filter(unknown).map(({ jurisdiction, anchor, address, source, note }) => ({
        jurisdiction,
        anchor,
        address,
        source,
        note,
        firstReport: null,
      })),
    ),
  };
}

/** A row of the table of reports. */
export interface ReportRowView extends ReportRef {
  published: string;
  issued: Figure;
  declined: Figure;
  jurisdictions: number;
  corrections: number;
}

export function reportRows(weeks: readonly WeekFigures[]): ReportRowView[] {
  return weeks.map((week) => ({
    ...reportRef(week.start, week.end),
    published: week.published,
    issued: week.issued,
    declined: week.declined,
    jurisdictions: week.jurisdictions,
    corrections: week.corrections,
  }));
}
