/**
 * Everything the site serves as data: the JSON API, the CSV downloads and the Data Package
 * mirror under `data/`. Each is built by a pure function from the validated dataset (the API goes
 * through the site model, so its totals are the pages' totals); the endpoints only serve them.
 */
import { toCsv } from '../contract/csv.ts';
import { combinedFiles, sitePaths } from './files.ts';
import type { Dataset, WeekReport } from '../contract/load.ts';
import {
  correctionsTable,
  declinedTable,
  gazetteerTable,
  policiesTable,
  REPORT_FIGURES,
  reportJurisdictionsTable,
} from '../contract/schema.ts';
import { dataPackageDescriptor, jsonFileText, schemaFiles } from '../contract/datapackage.ts';
import type {
  AnyRow,
  CorrectionRow,
  DeclinedRow,
  GazetteerRow,
  ReportFigureName,
  ReportJurisdictionRow,
  ReportMeta,
  TableSpec,
} from '../contract/schema.ts';
import type { SiteModel, WeekView } from '../model/site-model.ts';
import { absoluteUrl, paths } from './urls.ts';

/** Turns a site path into the URL the API publishes (absolute on the site, identity in tests). */
export type LinkFn = (path: string) => string;

export interface WeekIndexEntry {
  start: string;
  end: string;
  title: string;
  published: string;
  coverage: ReportMeta['coverage'];
  coverage_note: string | null;
  /** Headline figure values; null where no source gives one. */
  figures: Record<ReportFigureName, number | null>;
  jurisdictions: number;
  /** Section II rows transcribed, or null where none are. */
  declined_rows: number | null;
  corrections: number;
  page: string;
  api: string;
}

export interface WeeksIndex {
  /** Oldest first, like the data folder. */
  weeks: WeekIndexEntry[];
}

export interface WeekDetail {
  start: string;
  page: string;
  meta: ReportMeta;
  jurisdictions: ReportJurisdictionRow[];
  declined: DeclinedRow[] | null;
  corrections: CorrectionRow[];
}

export interface JurisdictionAppearance {
  report: string;
  issued_rank: number | null;
  issued: number | null;
  declined: number | null;
}

export interface JurisdictionEntry extends GazetteerRow {
  /**
   * Sums of the known counts, null where no report gives one (never 0 for unknown);
   * `declined_unknown` counts reports naming it without a declined count.
   */
  totals: {
    reports: number;
    issued: number | null;
    declined: number | null;
    declined_unknown: number;
  };
  appearances: JurisdictionAppearance[];
  page: string | null;
}

export interface JurisdictionsIndex {
  jurisdictions: JurisdictionEntry[];
}

function headlineValues(meta: ReportMeta): Record<ReportFigureName, number | null> {
  return Object.fromEntries(
    REPORT_FIGURES.map(({ name }) => [name, meta.figures[name].value]),
  ) as Record<ReportFigureName, number | null>;
}

export function weekIndexEntry(week: WeekView, link: LinkFn): WeekIndexEntry {
  const { start, meta, jurisdictions, declined } = week.report;
  return {
    start,
    end: meta.period_end,
    title: meta.title,
    published: meta.published,
    coverage: meta.coverage,
    coverage_note: meta.coverage_note,
    figures: headlineValues(meta),
    jurisdictions: jurisdictions.length,
    declined_rows: declined && declined.length,
    corrections: week.corrections.length,
    page: link(paths.week(start)),
    api: link(sitePaths.apiWeek(start)),
  };
}

export function weeksIndex(model: SiteModel, link: LinkFn): WeeksIndex {
  return { weeks: model.weeks.map((week) => weekIndexEntry(week, link)) };
}

export function weekDetail(week: WeekView, link: LinkFn): WeekDetail {
  const { start, meta, jurisdictions, declined } = week.report;
  return {
    start,
    page: link(paths.week(start)),
    meta,
    jurisdictions,
    declined,
    corrections: sortByPrimaryKey(correctionsTable, week.corrections),
  };
}

/** The whole gazetteer, with totals over every report (null where no report gives a count). */
export function jurisdictionsIndex(model: SiteModel, link: LinkFn): JurisdictionsIndex {
  return {
    jurisdictions: sortByPrimaryKey(gazetteerTable, [...model.gazetteer.values()]).map(
      (jurisdiction): JurisdictionEntry => {
        const summary = model.jurisdictions.get(jurisdiction.id);
        const appearances = summary?.appearances ?? [];
        return {
          ...jurisdiction,
          totals: {
            reports: appearances.length,
            issued: summary?.issuedTotal ?? null,
            declined: summary?.declinedTotal ?? null,
            declined_unknown: summary?.declinedUnknown ?? 0,
          },
          appearances: appearances.map(({ report, row }) => ({
            report,
            issued_rank: row.issued_rank,
            issued: row.issued,
            declined: row.declined,
          })),
          page: summary ? link(paths.jurisdiction(jurisdiction.id)) : null,
        };
      },
    ),
  };
}

const columnsOf = (table: TableSpec): string[] => table.fields.map((field) => field.name);
const cellsOf = (row: AnyRow, columns: readonly string[]) => columns.map((column) => row[column]);

/**
 * Rows in primary-key order. The content layer does not keep the data files' row order, so the
 * reference tables are sorted to come out the same from every build.
 */
export function sortByPrimaryKey<Row extends AnyRow>(
  table: TableSpec,
  rows: readonly Row[],
): Row[] {
  const key = (row: Row) => table.primaryKey.map((column) => String(row[column] ?? ''));
  return [...rows].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    const i = ka.findIndex((value, n) => value !== kb[n]);
    return i === -1 ? 0 : ka[i]! < kb[i]! ? -1 : 1;
  });
}

/** A table as a CSV download: the schema's column order, formula-like cells neutralised. */
export function tableCsv(table: TableSpec, rows: readonly AnyRow[]): string {
  const columns = columnsOf(table);
  return toCsv(
    columns,
    rows.map((row) => cellsOf(row, columns)),
  );
}

/** Section II rows of every week that has them, each prefixed with its report's period start. */
export function allDeclinedCsv(reports: readonly WeekReport[]): string {
  const columns = columnsOf(declinedTable);
  return toCsv(
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
export function allJurisdictionsCsv(
  reports: readonly WeekReport[],
  gazetteer: ReadonlyMap<string, GazetteerRow>,
): string {
  const [idColumn, ...rest] = columnsOf(reportJurisdictionsTable);
  return toCsv(
    ['report', idColumn!, 'name', 'state', ...rest],
    reports.flatMap((report) =>
      report.jurisdictions.map((row: AnyRow) => {
        const place = gazetteer.get(row.jurisdiction as string);
        return [report.start, row.jurisdiction, place?.name, place?.state, ...cellsOf(row, rest)];
      }),
    ),
  );
}

/** A generated file: its text and the media type to serve it with. */
export interface ServedFile {
  body: string;
  type: string;
}

const csvFile = (body: string): ServedFile => ({ body, type: 'text/csv; charset=utf-8' });
export const jsonFile = (value: unknown): ServedFile => ({
  body: jsonFileText(value),
  type: 'application/json; charset=utf-8',
});

/** The files of one report folder, by name: the layout of `data/reports/<week>/`. */
export function reportFolderFiles(report: WeekReport): Record<string, ServedFile> {
  return {
    'report.json': jsonFile(report.meta),
    'jurisdictions.csv': csvFile(tableCsv(reportJurisdictionsTable, report.jurisdictions)),
    ...(report.declined
      ? { 'declined.csv': csvFile(tableCsv(declinedTable, report.declined)) }
      : {}),
  };
}

/** The downloads under `weeks/<week>/`: the report folder plus its rows as JSON. */
export function weekFiles(report: WeekReport): Record<string, ServedFile> {
  return {
    ...reportFolderFiles(report),
    'jurisdictions.json': jsonFile(report.jurisdictions),
    ...(report.declined ? { 'declined.json': jsonFile(report.declined) } : {}),
  };
}

/**
 * Every file under `data/`, keyed by its path there: the data folder's own layout (so the
 * descriptor's relative paths resolve on the site) plus the combined tables.
 */
export function dataFiles(dataset: Dataset): Record<string, ServedFile> {
  const { reports } = dataset;
  const files: Record<string, ServedFile> = {
    ...Object.fromEntries(
      (
        [
          [gazetteerTable, dataset.gazetteer],
          [policiesTable, dataset.policies],
          [correctionsTable, dataset.corrections],
        ] as const
      ).map(([table, rows]) => [
        table.path,
        csvFile(tableCsv(table, sortByPrimaryKey<AnyRow>(table, rows))),
      ]),
    ),
    'datapackage.json': jsonFile(
      dataPackageDescriptor(reports.map((r) => ({ start: r.start, hasDeclined: !!r.declined }))),
    ),
    ...Object.fromEntries(
      Object.entries(schemaFiles()).map(([path, schema]) => [path, jsonFile(schema)]),
    ),
    [combinedFiles.declined]: csvFile(allDeclinedCsv(reports)),
    [combinedFiles.jurisdictions]: csvFile(
      allJurisdictionsCsv(reports, new Map(dataset.gazetteer.map((j) => [j.id, j]))),
    ),
  };
  for (const report of reports) {
    for (const [name, file] of Object.entries(reportFolderFiles(report))) {
      files[`reports/${report.start}/${name}`] = file;
    }
  }
  return files;
}

/** Absolute site URLs for feeds and the API; `site` is required so no URL is relative. */
export function siteLinks(site: URL | undefined, base: string): LinkFn {
  if (!site)
    throw new Error('`site` must be set in astro.config.mjs: feeds and the API need absolute URLs');
  return (path) => absoluteUrl(site, base, path);
}

export function respond(file: ServedFile): Response {
  return new Response(file.body, { headers: { 'Content-Type': file.type } });
}
