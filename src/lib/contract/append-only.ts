import type { Issue } from './issues.ts';
import type { LocatedDataset, LocatedWeek } from './load.ts';
import { correctionsTable, declinedTable, reportJurisdictionsTable } from './schema.ts';
import type { CorrectionRow, TableSpec } from './schema.ts';
import type { Located } from './read-table.ts';

/**
 * The append-only rule: compared with the data at the base revision, a row of an
 * already-published report may change or disappear only if corrections.csv gains an entry for
 * it. Published corrections themselves are never changed or removed.
 */
export function checkAppendOnly(base: LocatedDataset, current: LocatedDataset): Issue[] {
  const issues: Issue[] = [];
  const baseCorrectionIds = new Set(base.corrections.map(({ row }) => row.id));
  const added = current.corrections
    .filter(({ row }) => !baseCorrectionIds.has(row.id))
    .map(({ row }) => row);
  const correctedBy = (predicate: (c: CorrectionRow) => boolean) => added.some(predicate);
  const currentWeeks = new Map(current.weeks.map((w) => [w.start, w]));

  const compareRows = <Row extends Record<string, unknown>>(
    table: TableSpec,
    file: string,
    before: readonly Located<Row>[],
    after: readonly Located<Row>[],
    keyOf: (row: Row) => string,
    describe: (row: Row) => string,
    isCorrected: (row: Row) => boolean,
  ) => {
    const afterByKey = new Map(after.map((entry) => [keyOf(entry.row), entry]));
    for (const { line: baseLine, row } of before) {
      const now = afterByKey.get(keyOf(row));
      if (!now) {
        if (!isCorrected(row)) {
          issues.push({
            file,
            line: 1,
            column: 1,
            message: `${describe(row)} (line ${baseLine} at the base) was removed from a published report; published rows stay, and a correction in corrections.csv records what changed`,
          });
        }
        continue;
      }
      const changed = table.fields.find(
        (f) => JSON.stringify(row[f.name]) !== JSON.stringify(now.row[f.name]),
      );
      if (changed && !isCorrected(row)) {
        issues.push({
          file,
          line: now.line,
          column: table.fields.indexOf(changed) + 1,
          message: `${describe(row)}: ${changed.name} changed from "${String(row[changed.name] ?? '')}" to "${String(now.row[changed.name] ?? '')}" in a published report; add an entry to corrections.csv for it`,
        });
      }
    }
  };

  for (const baseWeek of base.weeks) {
    const week: LocatedWeek | undefined = currentWeeks.get(baseWeek.start);
    if (!week) {
      issues.push({
        file: `${baseWeek.folder}/report.json`,
        line: 1,
        column: 1,
        message: `the published report of ${baseWeek.start} was removed; published reports are never deleted`,
      });
      continue;
    }
    const inReport = (c: CorrectionRow) => c.report === baseWeek.start;
    if (baseWeek.meta && week.meta && JSON.stringify(baseWeek.meta) !== JSON.stringify(week.meta)) {
      if (!correctedBy((c) => inReport(c) && c.table === 'report')) {
        issues.push({
          file: `${week.folder}/report.json`,
          line: 1,
          column: 1,
          message: `report.json of a published report changed; add an entry to corrections.csv (table "report") for it`,
        });
      }
    }
    compareRows(
      reportJurisdictionsTable,
      `${week.folder}/jurisdictions.csv`,
      baseWeek.jurisdictions,
      week.jurisdictions,
      (row) => row.jurisdiction,
      (row) => `the row for ${row.jurisdiction}`,
      (row) =>
        correctedBy(
          (c) => inReport(c) && c.table === 'jurisdictions' && c.jurisdiction === row.jurisdiction,
        ),
    );
    compareRows(
      declinedTable,
      `${week.folder}/declined.csv`,
      baseWeek.declined ?? [],
      week.declined ?? [],
      (row) => String(row.row),
      (row) => `declined row ${row.row}`,
      (row) => correctedBy((c) => inReport(c) && c.table === 'declined' && c.row === row.row),
    );
  }

  compareRows(
    correctionsTable,
    correctionsTable.path,
    base.corrections,
    current.corrections,
    (row) => row.id,
    (row) => `correction ${row.id}`,
    () => false,
  );
  return issues;
}
