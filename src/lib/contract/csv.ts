import Papa from 'papaparse';
import type { Issue } from './issues.ts';
import { positionAt } from './decode.ts';

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
  Papa.parse<string[]>(text, {
    header: false,
    delimiter: ',',
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (result) => {
      const { line } = positionAt(text, recordStart);
      recordStart = result.meta.cursor;
      const cells = result.data.map((cell) => cell.replace(/\r\n/g, '\n'));
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

/**
 * Whether a cell would be read as a formula by a spreadsheet (OWASP CSV injection). A plain signed
 * number (a change such as -3) is data a spreadsheet must keep as a number, so it is not one.
 */
export function isFormulaLike(cell: string): boolean {
  return /^[=+\-@\t\r\0]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell);
}

/** Neutralises a cell for a CSV download so spreadsheets show it as text. */
export function neutraliseCell(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}

/**
 * Serialises rows as CSV (LF, trailing newline), neutralising formula-like cells. Data files pass
 * `neutraliseFormulas: false`: they keep every value exactly as the report printed it.
 */
export function toCsv(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  { neutraliseFormulas = true } = {},
): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = Array.isArray(value) ? value.join('|') : String(value);
    return neutraliseFormulas ? neutraliseCell(text) : text;
  };
  return `${Papa.unparse(
    { fields: [...columns], data: rows.map((row) => row.map(cell)) },
    { newline: '\n', quotes: false, escapeFormulae: false },
  )}\n`;
}
