import { parseCsv } from './csv.ts';
import type { Issue } from './issues.ts';
import { isRealDate } from './dates.ts';
import { DATE_PATTERN, FIPS_PATTERN, ID_PATTERN, LIST_SEPARATOR } from './schema.ts';
import type { AnyRow, FieldSpec, TableSpec } from './schema.ts';
import { isUspsCode } from './states.ts';
import { decodeDataFile } from './decode.ts';
import { textProblem } from './text-rules.ts';
import { isWebAddress } from './web-address.ts';

export interface Located<T> {
  /** Line on which the row starts in its file. */
  line: number;
  row: T;
}

type Coerced = { value: string | number | string[] } | { problem: string };

function coerceCell(field: FieldSpec, cell: string): Coerced {
  const textual = textProblem(cell, field.maxLength, { freeText: field.type === 'string' });
  if (textual) return { problem: textual };
  switch (field.type) {
    case 'integer':
      if (/^-\d+$/.test(cell)) return { problem: `must not be negative, got "${cell}"` };
      if (!/^\d+$/.test(cell)) return { problem: `must be a whole number, got "${cell}"` };
      // Table Schema readers refuse a leading zero, and no report prints a count with one.
      if (/^0\d/.test(cell))
        return { problem: `must be written without leading zeros, got "${cell}"` };
      if (!Number.isSafeInteger(Number(cell))) {
        return {
          problem: `is ${cell}, larger than ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}, the largest count stored exactly`,
        };
      }
      return { value: Number(cell) };
    case 'date':
      if (!DATE_PATTERN.test(cell))
        return { problem: `must be a date as YYYY-MM-DD, got "${cell}"` };
      if (!isRealDate(cell)) return { problem: `is not a real date: "${cell}"` };
      return { value: cell };
    case 'url':
      return isWebAddress(cell)
        ? { value: cell }
        : { problem: `must be a web address starting with https:// or http://, got "${cell}"` };
    case 'id':
      return ID_PATTERN.test(cell)
        ? { value: cell }
        : { problem: `must be an id of lower-case letters, digits and hyphens, got "${cell}"` };
    case 'usps':
      return isUspsCode(cell)
        ? { value: cell }
        : { problem: `must be a USPS state code, got "${cell}"` };
    case 'fips':
      return FIPS_PATTERN.test(cell)
        ? { value: cell }
        : { problem: `must be a FIPS code of 2 or 5 digits, got "${cell}"` };
    case 'enum':
      return field.values?.includes(cell)
        ? { value: cell }
        : { problem: `must be one of ${field.values?.join(', ')}, got "${cell}"` };
    case 'list':
      return {
        value: cell
          .split(LIST_SEPARATOR)
          .map((item) => item.trim())
          .filter((item) => item.length > 0),
      };
    case 'string':
      return { value: cell };
  }
}

export interface TableRead<Row> {
  rows: Located<Row>[];
  issues: Issue[];
  /**
   * First key cell of each row that could not be read, so other files do not report it
   * missing: its own message says what is wrong with it.
   */
  unreadKeys: string[];
  /**
   * Whether the file could be read at all (decoded, with the right header). When it could not,
   * nothing that refers to its rows is checked: one message per cause, not one per reference.
   */
  readable: boolean;
}

/**
 * Reads a CSV file of the contract into typed rows: checks the encoding, the header against the
 * table definition, then every cell. All problems are reported, each with its line and column.
 */
export function readTable<Row extends AnyRow>(
  table: TableSpec,
  file: string,
  bytes: Uint8Array,
): TableRead<Row> {
  const decoded = decodeDataFile(file, bytes);
  if ('issue' in decoded)
    return { rows: [], issues: [decoded.issue], unreadKeys: [], readable: false };
  const expected = table.fields.map((f) => f.name);
  const csv = parseCsv(file, decoded.text);
  const issues = [...csv.issues];
  if (!csv.header) {
    issues.push({
      file,
      line: 1,
      column: 1,
      message: `the file is empty; it needs the header row: ${expected.join(',')}`,
    });
    return { rows: [], issues, unreadKeys: [], readable: false };
  }
  const header = csv.header;
  for (let i = 0; i < Math.max(expected.length, header.cells.length); i++) {
    if (header.cells[i] !== expected[i]) {
      const found = header.cells[i] === undefined ? 'nothing' : `"${header.cells[i]}"`;
      const wanted = expected[i] === undefined ? 'no further column' : `"${expected[i]}"`;
      issues.push({
        file,
        line: header.line,
        column: i + 1,
        message: `header: expected ${wanted}, found ${found} (the header must be ${expected.join(',')})`,
      });
      return { rows: [], issues, unreadKeys: [], readable: false };
    }
  }
  if (csv.records.length === 0 && !table.allowEmpty) {
    issues.push({
      file,
      line: header.line + 1,
      column: 1,
      message: 'the file has a header but no rows; a file with nothing to record should not exist',
    });
  }
  const rows: Located<Row>[] = [];
  const unreadKeys: string[] = [];
  const seenKeys = new Map<string, number>();
  for (const record of csv.records) {
    if (record.cells.length !== expected.length) {
      issues.push({
        file,
        line: record.line,
        column: Math.min(record.cells.length, expected.length) + 1,
        message: `the row has ${record.cells.length} cells; the header has ${expected.length}`,
      });
      continue;
    }
    const row: AnyRow = {};
    let valid = true;
    table.fields.forEach((field, index) => {
      const cell = record.cells[index]!;
      if (cell === '') {
        if (field.required) {
          issues.push({
            file,
            line: record.line,
            column: index + 1,
            message: `${field.name} is required`,
          });
          valid = false;
        }
        row[field.name] = field.type === 'list' ? [] : null;
        return;
      }
      const coerced = coerceCell(field, cell);
      if ('problem' in coerced) {
        issues.push({
          file,
          line: record.line,
          column: index + 1,
          message: `${field.name} ${coerced.problem}`,
        });
        valid = false;
      } else {
        row[field.name] = coerced.value;
      }
    });
    if (!valid) {
      const keyCell = record.cells[expected.indexOf(table.primaryKey[0]!)];
      if (keyCell) unreadKeys.push(keyCell);
      continue;
    }
    const key = JSON.stringify(table.primaryKey.map((name) => row[name]));
    const firstLine = seenKeys.get(key);
    if (firstLine !== undefined) {
      issues.push({
        file,
        line: record.line,
        column: expected.indexOf(table.primaryKey[0]!) + 1,
        message: `duplicate row: ${table.primaryKey.map((name) => `${name} ${String(row[name])}`).join(', ')} is already on line ${firstLine}`,
      });
      continue;
    }
    seenKeys.set(key, record.line);
    rows.push({ line: record.line, row: row as Row });
  }
  return { rows, issues, unreadKeys, readable: true };
}
