/**
 * Corrections and disputes as the pages show them: which figure each concerns, and the figure
 * "as published" beside "as corrected".
 */
import { subjectOf } from '../contract/correction-targets.ts';
import { REPORT_FIGURES } from '../contract/schema.ts';
import type { CorrectionRow } from '../contract/schema.ts';
import { groupBy } from './totals.ts';

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

export function indexCorrections(
  corrections: readonly CorrectionRow[],
): Map<string, CorrectionRow[]> {
  return groupBy(corrections, (c) => {
    const subject = subjectOf(c);
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
