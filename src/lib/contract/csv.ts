import Papa from 'papaparse';
import type { Issue } from './issues.ts';
import { lineIndex } from './decode.ts';
import { LIST_SEPARATOR } from './schema.ts';
import type { TableSpec } from './schema.ts';

export interface CsvRecord {
  /** Line on which the record starts (a quoted field may span several lines). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: CsvRecord | null;
  records: CsvRecord[];
  issues: Issue[];
}

/**
 * Parses CSV text with papaparse as plain strings (never inferring types, so FIPS codes keep
 * their leading zeros), remembering the line on which each record starts.
 */
export function parseCsv(file: string, text: string): CsvTable {
  const records: CsvRecord[] = [];
  const issues: Issue[] = [];
  let recordStart = 0;
  const locate = lineIndex(text);
  Papa.parse<string[]>(text, {
    header: false,
    delimiter: ',',
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (result) => {
      const { line } = locate(recordStart);
      recordStart = result.meta.cursor;
      const cells = result.data.map((cell) => cell.replace(/\r\n?/g, '\n'));
      // A blank line (including the one after the final newline) is no record.
      if (cells.length === 1 && cells[0] === '') return;
      for (const error of result.errors) {
        issues.push({ file, line, column: 1, message: `the CSV is malformed: ${error.message}` });
      }
      records.push({ line, cells });
    },
  });
  const [header = null, ...rest] = records;
  return { header, records: rest, issues };
}

/** A cell as a data file holds it: blank for null, a list joined with the list separator. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
}

/** Rows as CSV text: LF line ends and a final newline, quoting only where a cell needs it. */
export function formatCsv(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  cell: (value: unknown) => string = cellText,
): string {
  return `${Papa.unparse(
    { fields: [...columns], data: rows.map((row) => row.map(cell)) },
    { newline: '\n', quotes: false, escapeFormulae: false },
  )}\n`;
}

/** A table of the contract as a data file: its columns in the schema's order, values as given. */
export function tableFileText(table: TableSpec, rows: readonly Record<string, unknown>[]): string {
  const columns = table.fields.map((field) => field.name);
  return formatCsv(
    columns,
    rows.map((row) => columns.map((column) => row[column])),
  );
}

/**
 * A data file with rows added at its end, the rows it has kept byte for byte (however they are
 * quoted), so a pull request shows only the lines added.
 */
export function appendedTableText(
  text: string,
  table: TableSpec,
  rows: readonly Record<string, unknown>[],
): string {
  if (!rows.length) return text;
  const added = tableFileText(table, rows);
  const body = added.slice(added.indexOf('\n') + 1);
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${body}`;
}
