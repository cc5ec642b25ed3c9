/**
 * The append-only rule, value by value. Compared with the data at a base revision (what is
 * published), a change may add reports, rows, and values where a report left a blank. It may
 * change or remove a published value only through a new corrections.csv entry of kind
 * `transcription` that names that exact value (report, table, row, column or JSON path) and
 * whose `published_value` is the value at the base: the archive fixing its own transcription.
 * A `correction`, `withdrawal` or `dispute` records someone's word beside the figure as
 * published, so none of them comes with a change to the data. Published corrections are never
 * edited or removed.
 */
import { asCell, keyText, targetOf } from './correction-targets.ts';
import type { Scalar, TargetKey } from './correction-targets.ts';
import type { Issue } from './issues.ts';
import type { LocatedDataset, LocatedWeek } from './located.ts';
import {
  correctionsTable,
  declinedTable,
  policiesTable,
  reportJurisdictionsTable,
  ORIGINAL_PDF_FIELDS,
} from './schema.ts';
import type { AnyRow, CorrectionRow, TableSpec } from './schema.ts';
import type { Located } from './read-table.ts';

/** One published value (or row) that is not at the base what it is now. */
interface Change {
  key: TargetKey;
  /** Where the value is now (or, for a removed one, its file). */
  at: Omit<Issue, 'message'>;
  /** "declined of tx-travis-county", "figures.pages.value". */
  label: string;
  before: string | null;
  /** undefined: removed. */
  after: string | null | undefined;
  /** The value whose entry also covers this one: a figure's source changes with its value. */
  principal: string | null;
}

const column = (table: TableSpec, name: string) =>
  table.fields.findIndex((field) => field.name === name) + 1;

const quote = (value: string | null | undefined) => `"${value ?? ''}"`;

/**
 * The value a cell describes, which may change with it under its entry: `issued_source` the
 * `issued` count; a row's `source` and `note` (`*`) any other value of the row.
 */
function principalOf(field: string): string | null {
  if (field.endsWith('_source')) return field.slice(0, -'_source'.length);
  if (field === 'source' || field === 'note') return '*';
  return null;
}

function rowChanges(
  table: TableSpec,
  file: string,
  report: string,
  before: readonly Located<AnyRow>[],
  after: readonly Located<AnyRow>[],
  keyColumn: string,
  describe: (subject: string) => string,
): Change[] {
  const changes: Change[] = [];
  const now = new Map(after.map((entry) => [String(entry.row[keyColumn]), entry]));
  for (const { line: baseLine, row } of before) {
    const subject = String(row[keyColumn]);
    const current = now.get(subject);
    if (!current) {
      changes.push({
        key: { report, table: tableName(table), subject, field: '' },
        at: { file, line: 1, column: 1 },
        label: `${describe(subject)} (line ${baseLine} at the base)`,
        before: null,
        after: undefined,
        principal: null,
      });
      continue;
    }
    for (const field of table.fields) {
      const was = asCell(row[field.name] as Scalar | string[]);
      const is = asCell(current.row[field.name] as Scalar | string[]);
      if (was === is) continue;
      changes.push({
        key: { report, table: tableName(table), subject, field: field.name },
        at: { file, line: current.line, column: column(table, field.name) },
        label: `${field.name} of ${describe(subject)}`,
        before: was,
        after: is,
        principal: principalOf(field.name),
      });
    }
  }
  return changes;
}

const tableName = (table: TableSpec): CorrectionRow['table'] =>
  table === declinedTable ? 'declined' : table === policiesTable ? 'policies' : 'jurisdictions';

/** Every scalar of a JSON value by its dotted path (array items by index). */
function leaves(value: unknown, path: string[] = []): Map<string, Scalar> {
  const found = new Map<string, Scalar>();
  const walk = (item: unknown, at: string[]) => {
    if (item !== null && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) walk(inner, [...at, key]);
    } else found.set(at.join('.'), item as Scalar);
  };
  walk(value, path);
  return found;
}

/** What describes a value of report.json, and so may change with it under its entry. */
function reportPrincipal(path: string): string | null {
  const figure = /^figures\.([^.]+)\.(source|note)$/.exec(path);
  if (figure) return `figures.${figure[1]}.value`;
  if (path === 'coverage_note') return 'coverage';
  if (path === 'published_source' || path === 'published_note') return 'published';
  const caveat = /^caveats\.(\d+)\.source$/.exec(path);
  if (caveat) return `caveats.${caveat[1]}.text`;
  return null;
}

/** report.json's description of the kept PDF, which checkOriginal holds to its own rule. */
const isOriginalPath = (path: string) => path === 'original' || path.startsWith('original.');

function reportChanges(base: LocatedWeek, week: LocatedWeek): Change[] {
  if (!base.meta || !week.meta) return [];
  const now = leaves(week.meta);
  const changes: Change[] = [];
  for (const [path, value] of leaves(base.meta)) {
    if (isOriginalPath(path)) continue;
    const is = now.has(path) ? asCell(now.get(path)!) : undefined;
    const was = asCell(value);
    if (was === is) continue;
    changes.push({
      key: { report: base.start, table: 'report', subject: '', field: path },
      at: { file: `${week.folder}/report.json`, ...week.locateInReport(path.split('.')) },
      label: path,
      before: was,
      after: is,
      principal: reportPrincipal(path),
    });
  }
  return changes;
}

/** The entries new against the base, by the value they name. */
function freshEntries(base: LocatedDataset, current: LocatedDataset) {
  const published = new Set(base.corrections.map(({ row }) => row.id));
  const byKey = new Map<string, Located<CorrectionRow>[]>();
  for (const entry of current.corrections) {
    if (published.has(entry.row.id)) continue;
    const key = keyText(targetOf(entry.row));
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  return byKey;
}

function checkPublishedCorrections(base: LocatedDataset, current: LocatedDataset): Issue[] {
  const issues: Issue[] = [];
  const file = correctionsTable.path;
  const now = new Map(current.corrections.map((entry) => [entry.row.id, entry]));
  for (const { line: baseLine, row } of base.corrections) {
    const entry = now.get(row.id);
    if (!entry) {
      issues.push({
        file,
        line: 1,
        column: 1,
        message: `correction ${row.id} (line ${baseLine} at the base) was removed; published corrections are never removed. Put it back as it was; to retract it, add a new entry with an id of its own that says so.`,
      });
      continue;
    }
    const changed = correctionsTable.fields.find(
      (field) => asCell(row[field.name] as Scalar) !== asCell(entry.row[field.name] as Scalar),
    );
    if (changed) {
      issues.push({
        file,
        line: entry.line,
        column: column(correctionsTable, changed.name),
        message: `correction ${row.id}: ${changed.name} changed from ${quote(asCell(row[changed.name] as Scalar))} to ${quote(asCell(entry.row[changed.name] as Scalar))}; a published correction is never edited. Restore it as it was and add a new entry, with an id of its own, that supersedes it.`,
      });
    }
  }
  return issues;
}

/** The entry a maintainer would add for a change, written out. */
function entryFor(change: Change): string {
  const { key } = change;
  const where =
    key.table === 'report'
      ? `table report, field ${key.field}`
      : key.table === 'jurisdictions' || key.table === 'policies'
        ? `table ${key.table}, jurisdiction ${key.subject}${key.field ? `, field ${key.field}` : ''}`
        : `table declined, row ${key.subject}${key.field ? `, field ${key.field}` : ''}`;
  const values = key.field
    ? `, published_value ${quote(change.before)}, stated_value ${quote(change.after)}`
    : '';
  return `kind transcription, report ${key.report}, ${where}${values}`;
}

function describeChange(change: Change): string {
  if (change.after === undefined) {
    return `${change.label} was removed from the published report of ${change.key.report}.`;
  }
  return `${change.label} changed from ${quote(change.before)} to ${quote(change.after)} in the published report of ${change.key.report}.`;
}

const KIND_WORD: Record<Exclude<CorrectionRow['kind'], 'transcription'>, string> = {
  correction: "a correction records ICE's replacement figure beside the figure as published",
  withdrawal: 'a withdrawal records that ICE took the figure back, beside the figure as published',
  dispute: "a dispute records someone's objection, and the figure stands as published",
};

/**
 * A kept PDF is the primary document itself, not a transcription: once published it never
 * changes and is never removed, and no corrections entry can allow either. A week that had
 * none may gain one.
 */
function checkOriginal(base: LocatedWeek, week: LocatedWeek): Issue[] {
  const was = base.meta?.original;
  if (!was || !week.meta) return [];
  const is = week.meta.original;
  const pdf = `${week.folder}/report.pdf`;
  const what = `the PDF of the published report of ${base.start} (SHA-256 ${was.sha256}, ${was.bytes} bytes)`;
  if (!is) {
    return [
      {
        file: `${week.folder}/report.json`,
        ...week.locateInReport([]),
        message: `${what} was removed; a published PDF is never removed. Restore ${pdf} and report.json's "original" from the base.`,
      },
    ];
  }
  const changed = ORIGINAL_PDF_FIELDS.filter((field) => is[field] !== was[field]);
  if (!changed.length) return [];
  return [
    {
      file: `${week.folder}/report.json`,
      ...week.locateInReport(['original', changed[0]!]),
      message: `${what} changed (${changed.map((field) => `original.${field} ${quote(String(was[field]))} → ${quote(String(is[field]))}`).join(', ')}); a published PDF never changes, and no corrections entry can change it. Restore ${pdf} and report.json's "original" from the base; a new PDF that ICE published goes in its own week folder, or is listed in "copies".`,
    },
  ];
}

export function checkAppendOnly(base: LocatedDataset, current: LocatedDataset): Issue[] {
  const issues = checkPublishedCorrections(base, current);
  const entries = freshEntries(base, current);
  const used = new Set<string>();
  const currentWeeks = new Map(current.weeks.map((week) => [week.start, week]));
  const corrections = correctionsTable.path;

  for (const baseWeek of base.weeks) {
    const week = currentWeeks.get(baseWeek.start);
    if (!week) {
      issues.push({
        file: `${baseWeek.folder}/report.json`,
        line: 1,
        column: 1,
        message: `the published report of ${baseWeek.start} was removed; published reports are never deleted`,
      });
      continue;
    }
    issues.push(...checkOriginal(baseWeek, week));
    const changes = [
      ...reportChanges(baseWeek, week),
      ...rowChanges(
        reportJurisdictionsTable,
        `${week.folder}/jurisdictions.csv`,
        week.start,
        baseWeek.jurisdictions,
        week.jurisdictions,
        'jurisdiction',
        (id) => `the row for ${id}`,
      ),
      ...rowChanges(
        declinedTable,
        `${week.folder}/declined.csv`,
        week.start,
        baseWeek.declined ?? [],
        week.declined ?? [],
        'row',
        (row) => `declined row ${row}`,
      ),
      // Section III rows belong to the report that first listed them.
      ...rowChanges(
        policiesTable,
        policiesTable.path,
        week.start,
        base.policies.filter((entry) => entry.row.first_report === baseWeek.start),
        current.policies.filter((entry) => entry.row.first_report === week.start),
        'jurisdiction',
        (id) => `the Section III row for ${id}`,
      ),
    ];
    const allowed = new Set<string>();
    const entriesOf = (change: Change) => entries.get(keyText(change.key)) ?? [];
    // Principal values first, so a source or note that changed with its value is covered.
    const ordered = [...changes].sort(
      (a, b) => Number(a.principal !== null) - Number(b.principal !== null),
    );
    const coveredByPrincipal = (change: Change) =>
      change.principal !== null &&
      changes.some(
        (other) =>
          other !== change &&
          other.key.subject === change.key.subject &&
          (change.principal === '*' || other.key.field === change.principal) &&
          allowed.has(keyText(other.key)),
      );
    for (const change of ordered) {
      const own = entriesOf(change);
      // A blank filled in adds a value; it changes nothing that was published.
      if (change.before === null && change.after !== undefined && own.length === 0) {
        allowed.add(keyText(change.key));
        continue;
      }
      if (own.length === 0 && coveredByPrincipal(change)) continue;
      if (own.length === 0) {
        issues.push({
          ...change.at,
          message: `${describeChange(change)} A published value changes only with a new entry in corrections.csv that names it: ${entryFor(change)}. If ICE itself corrected or withdrew it, or someone disputes it, keep ${quote(change.before)} here and record that as a correction, withdrawal or dispute entry instead.`,
        });
        continue;
      }
      let valid = true;
      for (const entry of own) {
        used.add(entry.row.id);
        if (entry.row.kind !== 'transcription') {
          valid = false;
          issues.push({
            file: corrections,
            line: entry.line,
            column: column(correctionsTable, 'kind'),
            message: `${entry.row.kind} ${entry.row.id} comes with a change to the data (${describeChange(change)}), but ${KIND_WORD[entry.row.kind]}: the data keeps ${quote(change.before)}. Only a transcription entry changes the data; restore ${quote(change.before)}, or make the entry a transcription if the archive mistyped the report.`,
          });
        } else if (change.key.field !== '' && entry.row.published_value !== change.before) {
          valid = false;
          issues.push({
            file: corrections,
            line: entry.line,
            column: column(correctionsTable, 'published_value'),
            message: `transcription ${entry.row.id}: published_value ${quote(entry.row.published_value)} is not the value as published, which at the base is ${quote(change.before)} (${change.label}); write ${quote(change.before)}.`,
          });
        }
      }
      if (valid) allowed.add(keyText(change.key));
    }
  }

  // A transcription entry with no change to record would say the data changed when it did not.
  const published = new Map(base.weeks.map((week) => [week.start, week]));
  for (const list of entries.values()) {
    for (const entry of list) {
      if (entry.row.kind !== 'transcription' || used.has(entry.row.id)) continue;
      const where = published.has(entry.row.report)
        ? `the value it names (${describeTarget(entry.row)}) is the same at the base and now`
        : `the report of ${entry.row.report} is not published at the base, so its data is fixed directly, without an entry`;
      issues.push({
        file: corrections,
        line: entry.line,
        column: column(correctionsTable, 'field'),
        message: `transcription ${entry.row.id} records no change: ${where}. Remove the entry, or make the change it records.`,
      });
    }
  }
  return issues;
}

function describeTarget(correction: CorrectionRow): string {
  const key = targetOf(correction);
  return [key.table, key.subject, key.field].filter(Boolean).join(' ');
}
