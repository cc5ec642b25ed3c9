import { decodeDataFile } from './decode.ts';
import type { Issue } from './issues.ts';
import { parseJsonDocument, readJsonDocument } from './json-document.ts';
import type { JsonDocument, JsonPath } from './json-document.ts';
import { REPORT_FIGURES, reportSpec } from './schema.ts';
import type { ReportMeta } from './schema.ts';

/** A report.json, read: its metadata when valid, its located problems, and the parsed text. */
export interface ReportRead {
  report: ReportMeta | null;
  issues: Issue[];
  /** The parsed document, for messages of later checks; null when the file is not JSON. */
  document: JsonDocument | null;
}

/** The rules of report.json that tie one field to another, which its schema does not say. */
function crossFieldRules(report: ReportMeta): { path: JsonPath; message: string }[] {
  const problems: { path: JsonPath; message: string }[] = [];
  for (const { name } of REPORT_FIGURES) {
    const figure = report.figures[name];
    if (figure.value !== null && figure.source === null) {
      problems.push({
        path: ['figures', name, 'source'],
        message: `figures.${name}.source is required when figures.${name}.value is given`,
      });
    }
  }
  if (report.coverage === 'partial' && report.coverage_note === null) {
    problems.push({
      path: ['coverage_note'],
      message: 'coverage_note is required when coverage is partial: say what is missing',
    });
  }
  return problems;
}

/**
 * Reads a `report.json`: strict JSON, then every field checked against `reportSpec.schema`. Each
 * problem is located at the line and column of the offending value (or of the object that
 * lacks it).
 */
export function readReportJson(file: string, bytes: Uint8Array): ReportRead {
  const decoded = decodeDataFile(file, bytes);
  if ('issue' in decoded) return { report: null, issues: [decoded.issue], document: null };
  if (decoded.text.trim() === '') {
    const message = 'the file is empty; it needs a JSON object';
    return { report: null, issues: [{ file, line: 1, column: 1, message }], document: null };
  }
  const document = parseJsonDocument(decoded.text);
  if ('message' in document)
    return { report: null, issues: [{ file, ...document }], document: null };
  const { value, problems } = readJsonDocument(document, reportSpec.schema);
  const issues: Issue[] = problems.map((problem) => ({ file, ...problem }));
  if (value) {
    for (const { path, message } of crossFieldRules(value)) {
      issues.push({ file, ...document.locate(path), message });
    }
  }
  return { report: issues.length ? null : value, issues, document };
}
