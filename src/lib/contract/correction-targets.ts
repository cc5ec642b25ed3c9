/**
 * What a corrections.csv entry names: one value of a report (a headline figure or any value of
 * report.json by its JSON path, a cell of a jurisdiction row, a cell of a Section II row), or a
 * whole row. The validator and the append-only guard look values up the same way.
 */
import { REPORT_FIGURES } from './schema.ts';
import type { CorrectionRow, ReportMeta } from './schema.ts';

const FIGURE_NAMES = new Set<string>(REPORT_FIGURES.map((figure) => figure.name));

/**
 * The JSON path of a report-table entry's `field`: a headline figure's name stands for its
 * value (`declined_total` is `figures.declined_total.value`), anything else is a dotted path.
 */
export function reportPath(field: string): string[] {
  return FIGURE_NAMES.has(field) ? ['figures', field, 'value'] : field.split('.');
}

export type Scalar = string | number | boolean | null;

/** The scalar at a path of report.json; undefined where the path holds nothing or not a scalar. */
export function valueAtPath(meta: ReportMeta, path: readonly string[]): Scalar | undefined {
  let value: unknown = meta;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  if (value === undefined) return undefined;
  return value === null || typeof value !== 'object' ? (value as Scalar) : undefined;
}

/** A value as corrections.csv writes it: null for a blank. */
export function asCell(value: Scalar | string[] | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return Array.isArray(value) ? value.join('|') : String(value);
}

/** What an entry is about: its report, table, the row (jurisdiction or row number) and value. */
export interface TargetKey {
  report: string;
  table: CorrectionRow['table'];
  /** The jurisdiction id or Section II row number; '' for the report table. */
  subject: string;
  /** The column, or the JSON path of report.json; '' for a whole row. */
  field: string;
}

export const keyText = (key: TargetKey) =>
  [key.report, key.table, key.subject, key.field].join('\u0000');

/**
 * The row an entry names within its table: '' for the report, the jurisdiction for a
 * jurisdiction or Section III row, the row number for a Section II row; null where the entry
 * leaves it out.
 */
export function subjectOf(
  correction: Pick<CorrectionRow, 'table' | 'jurisdiction' | 'row'>,
): string | null {
  if (correction.table === 'report') return '';
  if (correction.table === 'declined')
    return correction.row === null ? null : String(correction.row);
  return correction.jurisdiction;
}

/** The target of an entry, with a report-table field written out as its full JSON path. */
export function targetOf(correction: CorrectionRow): TargetKey {
  const subject = subjectOf(correction) ?? '';
  const field =
    correction.field === null
      ? ''
      : correction.table === 'report'
        ? reportPath(correction.field).join('.')
        : correction.field;
  return { report: correction.report, table: correction.table, subject, field };
}
