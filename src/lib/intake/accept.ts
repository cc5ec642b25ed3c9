/**
 * An accepted error report (an issue opened with the form, labelled "accepted: <kind>" by a
 * maintainer) turned into one new corrections.csv entry, and for a transcription fix the data
 * value it fixes, checked by the validator and the append-only guard before anything is written.
 *
 * Everything in the issue is untrusted text: it is read as data, whitespace-normalised, and
 * written only into CSV cells; the validator decides whether it names a real value.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { checkAppendOnly } from '../contract/append-only.ts';
import { reportPath, valueAtPath } from '../contract/correction-targets.ts';
import { appendedTableText, tableFileText } from '../contract/csv.ts';
import { compareIssues, formatIssue } from '../contract/issues.ts';
import type { Issue } from '../contract/issues.ts';
import { checkDataset } from '../contract/load.ts';
import type { LocatedDataset } from '../contract/located.ts';
import type { Located } from '../contract/read-table.ts';
import {
  correctionsTable,
  declinedTable,
  policiesTable,
  reportJurisdictionsTable,
} from '../contract/schema.ts';
import type { AnyRow, TableSpec } from '../contract/schema.ts';
import { folderSource } from '../contract/source.ts';
import type { DataSource } from '../contract/source.ts';
import { ACCEPT_LABELS, ERROR_REPORT_LABEL, FORM_FIELDS } from './form.ts';
import type { FormFieldId } from './form.ts';

/** The parts of a GitHub `issues` event (labeled) that the intake reads. */
export interface IssueEvent {
  label?: { name?: unknown };
  issue?: {
    number?: unknown;
    html_url?: unknown;
    created_at?: unknown;
    body?: unknown;
    labels?: { name?: unknown }[];
  };
}

/** A refusal: what the maintainer and the reader are told, with nothing written. */
export class IntakeRefusal extends Error {
  readonly reasons: string[];
  constructor(reasons: string[]) {
    super(reasons.join('\n'));
    this.reasons = reasons;
  }
}

/** What GitHub writes for an optional field left blank. */
const NO_RESPONSE = '_No response_';

/** Line breaks, tabs and runs of spaces become one space: every field is one line of a cell. */
const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim();

/**
 * The form's answers from the issue's text, which GitHub writes as a `### <label>` heading per
 * field followed by the answer. Each heading must appear once, in the form's order: an answer
 * that adds a heading of its own makes the text ambiguous, and is refused rather than guessed.
 */
export function readIssueForm(body: string): Record<FormFieldId, string> {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const headingAt = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const match = /^###\s+(.*?)\s*$/.exec(line);
    if (match) headingAt.set(match[1]!, [...(headingAt.get(match[1]!) ?? []), i]);
  });
  const problems: string[] = [];
  const starts = FORM_FIELDS.map((field) => {
    const found = headingAt.get(field.label) ?? [];
    if (found.length !== 1)
      problems.push(
        found.length
          ? `the issue's text has the heading "### ${field.label}" ${found.length} times; it must have it once`
          : `the issue's text has no "### ${field.label}" heading: it was not opened with the error-report form, or the heading was edited`,
      );
    return found[0] ?? -1;
  });
  if (problems.length) throw new IntakeRefusal(problems);
  if (starts.some((start, i) => i > 0 && start < starts[i - 1]!))
    throw new IntakeRefusal(["the issue's headings are not in the form's order"]);
  const answers = {} as Record<FormFieldId, string>;
  FORM_FIELDS.forEach((field, i) => {
    const end = starts[i + 1] ?? lines.length;
    const answer = oneLine(lines.slice(starts[i]! + 1, end).join('\n'));
    answers[field.id] = answer === NO_RESPONSE ? '' : answer;
  });
  return answers;
}

const nullIfBlank = (text: string) => (text === '' ? null : text);

/** The corrections.csv row an accepted issue becomes, with its cells as the file writes them. */
export function correctionFromIssue(event: IssueEvent): Record<string, string> {
  const issue = event.issue;
  const number = issue?.number;
  if (!issue || typeof number !== 'number' || !Number.isSafeInteger(number))
    throw new IntakeRefusal(['the event names no issue']);
  const labels = (issue.labels ?? []).map((label) => label.name);
  if (!labels.includes(ERROR_REPORT_LABEL))
    throw new IntakeRefusal([
      `issue #${number} has no "${ERROR_REPORT_LABEL}" label: only reports opened with the form are taken`,
    ]);
  const labelName = event.label?.name;
  const kind =
    typeof labelName === 'string' && Object.hasOwn(ACCEPT_LABELS, labelName)
      ? ACCEPT_LABELS[labelName as keyof typeof ACCEPT_LABELS]
      : null;
  if (!kind)
    throw new IntakeRefusal([
      `the label "${String(labelName)}" is not one of ${Object.keys(ACCEPT_LABELS).join(', ')}`,
    ]);
  const form = readIssueForm(typeof issue.body === 'string' ? issue.body : '');
  const issueUrl = typeof issue.html_url === 'string' ? issue.html_url : '';
  const created = typeof issue.created_at === 'string' ? issue.created_at.slice(0, 10) : '';
  const reader = form.by || 'a reader';
  const by =
    kind === 'transcription'
      ? `Declined Detainer Archive, on a report by ${reader} (issue #${number})`
      : form.by || `A reader (issue #${number})`;
  return {
    id: `${kind}-issue-${number}`,
    date: created,
    kind,
    report: form.report,
    table: form.table,
    jurisdiction: form.jurisdiction,
    row: form.row,
    field: form.field,
    published_value: form.published_value,
    stated_value: form.stated_value,
    by,
    statement: form.statement,
    source: form.source || issueUrl,
  };
}

/** A data folder seen with some files replaced. */
function withFiles(data: DataSource, replaced: Record<string, string>): DataSource {
  const encoder = new TextEncoder();
  return {
    label: data.label,
    files: () => [...new Set([...data.files(), ...Object.keys(replaced)])].sort(),
    read: (path) =>
      Object.hasOwn(replaced, path) ? encoder.encode(replaced[path]) : data.read(path),
  };
}

const text = (source: DataSource, path: string) =>
  new TextDecoder().decode(source.read(path) ?? new Uint8Array());

/** A CSV file with one row's text replaced by the row as given, every other line kept. */
function replacedRow(
  fileText: string,
  table: TableSpec,
  rows: readonly Located<AnyRow>[],
  target: Located<AnyRow>,
  row: AnyRow,
): string {
  const lines = fileText.split('\n');
  const next = rows.find((r) => r.line > target.line)?.line ?? lines.length;
  const body = tableFileText(table, [row]);
  const rowText = body.slice(body.indexOf('\n') + 1, -1);
  return [...lines.slice(0, target.line - 1), rowText, ...lines.slice(next - 1)].join('\n');
}

/**
 * The files a transcription fix changes: the named value set to the stated one, where the data
 * holds the value as published. The validator then finds the entry and the data agreeing.
 */
function transcriptionFiles(
  data: LocatedDataset,
  source: DataSource,
  entry: Record<string, string>,
): Record<string, string> {
  const { report = '', table = '', field = '' } = entry;
  if (!field)
    throw new IntakeRefusal([
      'a transcription fix taken from a report names one value; a whole row is taken out by hand',
    ]);
  const week = data.weeks.find((w) => w.start === report);
  if (!week) throw new IntakeRefusal([`no report starts on ${report}`]);
  const stated = nullIfBlank(entry['stated_value']!);
  const published = nullIfBlank(entry['published_value']!);
  const holds = (value: unknown) => {
    const cell = value === null || value === undefined ? null : String(value);
    if (cell !== published)
      throw new IntakeRefusal([
        `the value as published is given as "${published ?? ''}", but the data holds "${cell ?? ''}"; a transcription fix starts from the value the data holds`,
      ]);
  };
  if (table === 'report') {
    const path = `${week.folder}/report.json`;
    const at = reportPath(field);
    const current = week.meta ? valueAtPath(week.meta, at) : undefined;
    if (current === undefined)
      throw new IntakeRefusal([`report.json has no value at ${at.join('.')}`]);
    holds(current);
    const value =
      stated === null
        ? null
        : typeof current === 'number' && /^\d+$/.test(stated)
          ? Number(stated)
          : stated;
    const before = text(source, path);
    const edits = modify(before, at, value, {
      formattingOptions: { insertSpaces: true, tabSize: 2 },
    });
    return { [path]: applyEdits(before, edits) };
  }
  const place: Record<
    string,
    { spec: TableSpec; path: string; rows: Located<AnyRow>[]; find: (row: AnyRow) => boolean }
  > = {
    jurisdictions: {
      spec: reportJurisdictionsTable,
      path: `${week.folder}/jurisdictions.csv`,
      rows: week.jurisdictions as Located<AnyRow>[],
      find: (row) => row['jurisdiction'] === entry['jurisdiction'],
    },
    declined: {
      spec: declinedTable,
      path: `${week.folder}/declined.csv`,
      rows: (week.declined ?? []) as Located<AnyRow>[],
      find: (row) => String(row['row']) === entry['row'],
    },
    policies: {
      spec: policiesTable,
      path: policiesTable.path,
      rows: data.policies as Located<AnyRow>[],
      find: (row) =>
        row['jurisdiction'] === entry['jurisdiction'] && row['first_report'] === report,
    },
  };
  const target = Object.hasOwn(place, table) ? place[table] : undefined;
  if (!target) throw new IntakeRefusal([`"${table}" is not a part of a report`]);
  const located = target.rows.find((r) => target.find(r.row));
  if (!located) throw new IntakeRefusal([`the report of ${report} has no such ${table} row`]);
  if (!target.spec.fields.some((f) => f.name === field))
    throw new IntakeRefusal([`${table} rows have no column "${field}"`]);
  holds(located.row[field]);
  const fixed = { ...located.row, [field]: stated };
  return {
    [target.path]: replacedRow(text(source, target.path), target.spec, target.rows, located, fixed),
  };
}

/** What an accepted report changes, once the validator and the append-only guard agree. */
export interface Accepted {
  entry: Record<string, string>;
  /** Paths relative to the data folder, with their new text. */
  files: Record<string, string>;
}

/**
 * The accepted report as files for the data folder `dir`, checked with every rule `npm run
 * validate -- --base` applies, the folder as it is standing for the base. Nothing is written.
 */
export function acceptReport(dir: string, event: IssueEvent): Accepted {
  const entry = correctionFromIssue(event);
  const source = folderSource(dir);
  const { data: base, issues: before } = checkDataset(source);
  if (before.length)
    throw new IntakeRefusal([
      'the data folder does not validate as it stands; fix it before taking reports',
    ]);
  const corrections = text(source, correctionsTable.path);
  const files: Record<string, string> = {
    [correctionsTable.path]: appendedTableText(corrections, correctionsTable, [entry]),
    ...(entry['kind'] === 'transcription' ? transcriptionFiles(base, source, entry) : {}),
  };
  const { data, issues } = checkDataset(withFiles(source, files));
  const problems: Issue[] = [...issues, ...checkAppendOnly(base, data)].sort(compareIssues);
  if (problems.length)
    throw new IntakeRefusal(problems.map((issue) => formatIssue(issue, 'data/')));
  return { entry, files };
}

/** Writes the accepted files, each whole or not at all (a temporary file, then a rename). */
export function writeAccepted(dir: string, accepted: Accepted): void {
  for (const [path, content] of Object.entries(accepted.files)) {
    const file = join(dir, path);
    writeFileSync(`${file}.intake`, content);
    renameSync(`${file}.intake`, file);
  }
}
