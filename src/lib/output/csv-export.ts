/**
 * CSV downloads: the contract's tables and the combined tables, with every cell a spreadsheet
 * would run as a formula made inert (OWASP's CSV injection advice: a leading apostrophe).
 */
import { cellText, formatCsv } from '../contract/csv.ts';
import type { WeekReport } from '../contract/load.ts';
import { declinedTable, reportJurisdictionsTable } from '../contract/schema.ts';
import type { AnyRow, TableSpec } from '../contract/schema.ts';
import type { Gazetteer } from '../model/site-model.ts';

/**
 * Whether a cell would be read as a formula by a spreadsheet. A plain signed number (a change
 * such as -3) is data a spreadsheet must keep as a number, so it is not one.
 */
export function isFormulaLike(cell: string): boolean {
  return /^[=+\-@\t\r\0]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell);
}

const inertCell = (value: unknown): string => {
  const text = cellText(value);
  return isFormulaLike(text) ? `'${text}` : text;
};

/** Rows as a CSV download, formula-like cells neutralised. */
export function downloadCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]) {
  return formatCsv(columns, rows, inertCell);
}

const columnsOf = (table: TableSpec): string[] => table.fields.map((field) => field.name);
const cellsOf = (row: AnyRow, columns: readonly string[]) => columns.map((column) => row[column]);

/** A table as a CSV download, in the schema's column order. */
export function tableCsv(table: TableSpec, rows: readonly AnyRow[]): string {
  const columns = columnsOf(table);
  return downloadCsv(
    columns,
    rows.map((row) => cellsOf(row, columns)),
  );
}

/** Section II rows of every week that has them, each prefixed with its report's period start. */
export function combinedDeclinedCsv(reports: readonly WeekReport[]): string {
  const columns = columnsOf(declinedTable);
  return downloadCsv(
    ['report', ...columns],
    reports.flatMap((report) =>
      (report.declined ?? []).map((row) => [report.start, ...cellsOf(row, columns)]),
    ),
  );
}

/**
 * Jurisdiction rows of every week, with the report's period start first and the gazetteer's name
 * and state beside the id, so the file reads on its own in a spreadsheet.
 */
export function combinedJurisdictionsCsv(
  reports: readonly WeekReport[],
  gazetteer: Gazetteer,
): string {
  const [idColumn, ...rest] = columnsOf(reportJurisdictionsTable);
  return downloadCsv(
    ['report', idColumn!, 'name', 'state', ...rest],
    reports.flatMap((report) =>
      report.jurisdictions.map((row: AnyRow) => {
        const place = gazetteer.get(row.jurisdiction as string);
        return [report.start, row.jurisdiction, place?.name, place?.state, ...cellsOf(row, rest)];
      }),
    ),
  );
}
