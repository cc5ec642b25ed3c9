import { resolve } from 'node:path';
import type { Issue } from './issues.ts';
import { compareIssues, DataValidationError } from './issues.ts';
import { readReportJson } from './report-json.ts';
import {
  correctionsTable,
  declinedTable,
  gazetteerTable,
  originalPdfSpec,
  policiesTable,
  REPORT_FOLDER_FILES,
  reportJurisdictionsTable,
} from './schema.ts';
import type {
  CorrectionRow,
  DeclinedRow,
  GazetteerRow,
  PolicyRow,
  ReportJurisdictionRow,
  ReportMeta,
  TableSpec,
} from './schema.ts';
import { folderSource } from './source.ts';
import type { DataSource } from './source.ts';
import { readTable } from './read-table.ts';
import type { Located } from './read-table.ts';
import type { LocatedDataset, LocatedWeek, Unread } from './located.ts';
import { validateDataset } from './validate.ts';

export interface WeekReport {
  /** Period start, which names the folder and the page. */
  start: string;
  meta: ReportMeta;
  jurisdictions: ReportJurisdictionRow[];
  /** Section II rows, or null where none are transcribed. */
  declined: DeclinedRow[] | null;
  /** Where on disk the kept PDF is (which `meta.original` describes), or null: read on demand. */
  originalPath: string | null;
}

export interface Dataset {
  gazetteer: GazetteerRow[];
  /** Oldest first. */
  reports: WeekReport[];
  policies: PolicyRow[];
  corrections: CorrectionRow[];
}

const WEEK_FILE = /^reports\/([^/]+)\/([^/]+)$/;
const WEEK_FILES = new Set(REPORT_FOLDER_FILES.map((file) => file.name));
/** Files outside reports/ that belong to the data folder. */
const TOP_LEVEL = new Set([
  gazetteerTable.path,
  policiesTable.path,
  correctionsTable.path,
  'datapackage.json',
  'README.md',
]);

/** Reads and type-checks every file of a data folder; cross-file rules are in validate.ts. */
export function readDataset(source: DataSource): { data: LocatedDataset; issues: Issue[] } {
  const issues: Issue[] = [];
  const unread = new Map<string, Unread>();
  const files = source.files();
  const table = <Row extends Record<string, unknown>>(
    spec: TableSpec,
    path: string,
    required: boolean,
  ) => {
    const bytes = source.read(path);
    if (!bytes) {
      if (required)
        issues.push({
          file: path,
          line: 1,
          column: 1,
          message: `missing file: ${path} is required`,
        });
      return null;
    }
    const result = readTable<Row & Record<string, string | number | string[] | null>>(
      spec,
      path,
      bytes,
    );
    issues.push(...result.issues);
    if (!result.readable || result.unreadKeys.length) {
      unread.set(path, { whole: !result.readable, keys: new Set(result.unreadKeys) });
    }
    return result.rows as Located<Row>[];
  };

  const weekFolders = new Set<string>();
  for (const path of files) {
    const match = WEEK_FILE.exec(path);
    if (match) {
      weekFolders.add(match[1]!);
      if (!WEEK_FILES.has(match[2]!)) {
        issues.push({
          file: path,
          line: 1,
          column: 1,
          message: `unexpected file in a report folder; a report folder holds only ${[...WEEK_FILES].join(', ')}`,
        });
      }
    } else if (!TOP_LEVEL.has(path) && !path.startsWith('schemas/')) {
      issues.push({
        file: path,
        line: 1,
        column: 1,
        message: 'unexpected file in the data folder; reports go in reports/<period start>/',
      });
    }
  }

  const weeks: LocatedWeek[] = [...weekFolders].sort().map((start) => {
    const folder = `reports/${start}`;
    const issuesBefore = issues.length;
    const reportPath = `${folder}/report.json`;
    const reportBytes = source.read(reportPath);
    let meta: ReportMeta | null = null;
    let locateInReport: LocatedWeek['locateInReport'] = () => ({ line: 1, column: 1 });
    if (reportBytes) {
      const result = readReportJson(reportPath, reportBytes);
      issues.push(...result.issues);
      meta = result.report;
      if (result.document) locateInReport = result.document.locate;
    } else {
      issues.push({
        file: reportPath,
        line: 1,
        column: 1,
        message: `missing file: every report folder needs report.json`,
      });
    }
    const jurisdictions =
      table<ReportJurisdictionRow>(reportJurisdictionsTable, `${folder}/jurisdictions.csv`, true) ??
      [];
    const declined = table<DeclinedRow>(declinedTable, `${folder}/declined.csv`, false);
    return {
      start,
      folder,
      meta,
      locateInReport,
      jurisdictions,
      declined,
      hasUnreadRows: issues.length > issuesBefore,
    };
  });

  return {
    data: {
      gazetteer: table<GazetteerRow>(gazetteerTable, gazetteerTable.path, true) ?? [],
      unread,
      weeks,
      policies: table<PolicyRow>(policiesTable, policiesTable.path, true) ?? [],
      corrections: table<CorrectionRow>(correctionsTable, correctionsTable.path, true) ?? [],
      files,
    },
    issues,
  };
}

const rowsOf = <T>(located: readonly Located<T>[]): T[] => located.map((entry) => entry.row);

/**
 * The dataset of a folder `checkDataset` found valid (no issue at all): the line numbers
 * dropped. `dir` is where its files are, for the kept PDFs.
 */
export function checkedDataset(data: LocatedDataset, dir: string): Dataset {
  return {
    gazetteer: rowsOf(data.gazetteer),
    reports: data.weeks.map((week) => ({
      start: week.start,
      meta: week.meta!,
      jurisdictions: rowsOf(week.jurisdictions),
      declined: week.declined && rowsOf(week.declined),
      originalPath: week.meta?.original
        ? resolve(dir, originalPdfSpec.path.replace('<week>', week.start))
        : null,
    })),
    policies: rowsOf(data.policies),
    corrections: rowsOf(data.corrections),
  };
}

/** Reads and validates a data folder: every problem, sorted by file, line and column. */
export function checkDataset(source: DataSource): { data: LocatedDataset; issues: Issue[] } {
  const { data, issues } = readDataset(source);
  return { data, issues: [...issues, ...validateDataset(data, source)].sort(compareIssues) };
}

/** The folder the site and scripts read: `DATA_DIR` from the environment, or `data`. */
export function dataDirFromEnv(): string {
  return process.env['DATA_DIR'] ?? 'data';
}

/** Loads a valid dataset or throws with every problem, in the validator's own words. */
export function loadDataset(dir: string = dataDirFromEnv()): Dataset {
  const { data, issues } = checkDataset(folderSource(dir));
  if (issues.length) throw new DataValidationError(issues, `${dir}/`);
  return checkedDataset(data, dir);
}
