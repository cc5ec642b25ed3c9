/**
 * Every file the site serves besides its pages, in one registry: where it is, what it is called
 * in a download list, and how its body is made. Endpoints serve these entries, the pages list
 * them, and the tests check them, so a path or a description is written once.
 */
import { readFileSync } from 'node:fs';
import { jsonFileText, dataPackageDescriptor, schemaFiles } from '../contract/datapackage.ts';
import type { Dataset, WeekReport } from '../contract/load.ts';
import {
  correctionsTable,
  declinedTable,
  gazetteerTable,
  originalPdfSpec,
  policiesTable,
  REPORT_FOLDER_FILES,
  reportJurisdictionsTable,
} from '../contract/schema.ts';
import type { AnyRow, TableSpec } from '../contract/schema.ts';
import type { Gazetteer } from '../model/site-model.ts';
import { combinedDeclinedCsv, combinedJurisdictionsCsv, tableCsv } from './csv-export.ts';
import { paths } from './urls.ts';

/** A served file: its text (or bytes, for a kept PDF) and the media type to serve it with. */
export interface ServedFile {
  body: string | Uint8Array;
  type: string;
}

export const csvFile = (body: string): ServedFile => ({ body, type: 'text/csv; charset=utf-8' });
export const jsonFile = (value: unknown): ServedFile => ({
  body: jsonFileText(value),
  type: 'application/json; charset=utf-8',
});

export function respond(file: ServedFile): Response {
  // A copy whose buffer is a plain ArrayBuffer, as a Response body must be.
  const body = typeof file.body === 'string' ? file.body : file.body.slice();
  return new Response(body, { headers: { 'Content-Type': file.type } });
}

/** How a download list names a file. */
export interface Download {
  /** Relative to the site's base path, e.g. `weeks/2017-01-28/jurisdictions.csv`. */
  path: string;
  title: string;
  format: 'CSV' | 'JSON' | 'XML' | 'PDF';
  description: string;
}

/** A file served by the download endpoints: its listing and its body, made when served. */
export interface RegisteredFile extends Download {
  build: () => ServedFile;
  /** Whether a download list shows it; the rest are reached through the Data Package. */
  listed: boolean;
}

/** The JSON API, served by its own endpoints (src/pages/api/). */
export const apiPaths = {
  weeks: () => 'api/weeks.json',
  week: (start: string) => `api/weeks/${start}.json`,
  jurisdictions: () => 'api/jurisdictions.json',
} as const;

/** A path inside the data folder (`jurisdictions.csv`, `reports/…`, `schemas/…`) on the site. */
export const dataFilePath = (path: string) => `${paths.data()}${path}`;

const COMBINED = {
  declined: 'all-declined.csv',
  jurisdictions: 'all-jurisdictions.csv',
} as const;

const tableFile = (table: TableSpec, rows: readonly AnyRow[]) => () =>
  csvFile(tableCsv(table, rows));

/** The kept PDF, served byte for byte as the data folder holds it. */
function originalFile(report: WeekReport): (() => ServedFile) | null {
  const path = report.originalPath;
  return path === null
    ? null
    : () => ({ body: readFileSync(path), type: originalPdfSpec.mediatype });
}

/**
 * The files of one report folder as the data folder has them (report.json, jurisdictions.csv,
 * declined.csv where Section II rows are transcribed), by file name.
 */
function reportFolderBodies(report: WeekReport): Map<string, () => ServedFile> {
  const bodies: Record<string, (() => ServedFile) | null> = {
    'report.json': () => jsonFile(report.meta),
    'jurisdictions.csv': tableFile(reportJurisdictionsTable, report.jurisdictions),
    'declined.csv': report.declined && tableFile(declinedTable, report.declined),
    'report.pdf': originalFile(report),
  };
  return new Map(
    REPORT_FOLDER_FILES.flatMap(({ name }) => {
      const body = bodies[name];
      return body ? [[name, body] as const] : [];
    }),
  );
}

/** The downloads of one report, under `weeks/<start>/`: its folder, and its rows as JSON. */
export function weekFiles(report: WeekReport): RegisteredFile[] {
  const folder = reportFolderBodies(report);
  const at = (name: string) => paths.weekFile(report.start, name);
  const files: RegisteredFile[] = [
    {
      path: at('report.json'),
      title: 'Report metadata',
      format: 'JSON',
      description:
        'Period, publication, headline figures with their sources, coverage and caveats.',
      build: folder.get('report.json')!,
      listed: true,
    },
    {
      path: at('jurisdictions.csv'),
      title: 'Jurisdictions named',
      format: 'CSV',
      description: reportJurisdictionsTable.description,
      build: folder.get('jurisdictions.csv')!,
      listed: true,
    },
    {
      path: at('jurisdictions.json'),
      title: 'Jurisdictions named',
      format: 'JSON',
      description: 'The same rows as JSON, blank counts as null.',
      build: () => jsonFile(report.jurisdictions),
      listed: true,
    },
  ];
  const declined = folder.get('declined.csv');
  if (declined && report.declined) {
    const rows = report.declined;
    files.push(
      {
        path: at('declined.csv'),
        title: 'Declined detainers (Section II)',
        format: 'CSV',
        description: declinedTable.description,
        build: declined,
        listed: true,
      },
      {
        path: at('declined.json'),
        title: 'Declined detainers (Section II)',
        format: 'JSON',
        description: 'The same rows as JSON, blank cells as null.',
        build: () => jsonFile(rows),
        listed: true,
      },
    );
  }
  const original = folder.get('report.pdf');
  if (original) {
    files.push({
      path: at('report.pdf'),
      title: 'The report as ICE published it',
      format: 'PDF',
      description: originalPdfSpec.description,
      build: original,
      listed: true,
    });
  }
  return files;
}

/** What a report page lists: its files, its API entry and the page's own JSON twin. */
export function weekDownloads(report: WeekReport, twinPath: string): Download[] {
  const [metadata, ...rows] = weekFiles(report);
  return [
    metadata!,
    rows[0]!,
    rows[1]!,
    {
      path: apiPaths.week(report.start),
      title: 'API: this report with its rows',
      format: 'JSON',
      description: 'Metadata, jurisdiction rows and Section II rows in one file.',
    },
    ...rows.slice(2),
    {
      path: twinPath,
      title: 'This page as JSON',
      format: 'JSON',
      description: 'Everything this page shows: figures, tables, neighbours and downloads.',
    },
  ];
}

const FORMATS = { json: 'JSON', csv: 'CSV', pdf: 'PDF' } as const;
const formatOf = (path: string): Download['format'] =>
  FORMATS[path.slice(path.lastIndexOf('.') + 1) as keyof typeof FORMATS];

/** A data-folder file the data page lists, with the description a reader sees. */
const listed = (
  path: string,
  title: string,
  description: string,
  build: () => ServedFile,
): RegisteredFile => ({
  path: dataFilePath(path),
  title,
  format: formatOf(path),
  description,
  build,
  listed: true,
});

/** A data-folder file that only the descriptor points to (schemas, each report's files). */
const unlisted = (path: string, build: () => ServedFile): RegisteredFile => ({
  path: dataFilePath(path),
  title: path,
  format: formatOf(path),
  description: 'A file of the data folder, described by datapackage.json.',
  build,
  listed: false,
});

/**
 * Every file under `data/`: the data folder's own layout (so the descriptor's relative paths
 * resolve on the site as in the repository) plus the combined tables, the listed ones first.
 */
export function dataFiles(dataset: Dataset, gazetteer: Gazetteer): RegisteredFile[] {
  const { reports } = dataset;
  return [
    listed(
      COMBINED.jurisdictions,
      'All jurisdiction rows',
      "Every report's jurisdiction rows, with the report's period start first and the jurisdiction's name and state.",
      () => csvFile(combinedJurisdictionsCsv(reports, gazetteer)),
    ),
    listed(
      COMBINED.declined,
      'All declined detainers (Section II)',
      "Every transcribed Section II row, with the report's period start first. Reports without transcribed rows add none.",
      () => csvFile(combinedDeclinedCsv(reports)),
    ),
    listed(
      gazetteerTable.path,
      'Jurisdictions (gazetteer)',
      'Every jurisdiction any report names, with its stable id, state and FIPS code.',
      tableFile(gazetteerTable, dataset.gazetteer),
    ),
    listed(
      policiesTable.path,
      'Policies (Section III)',
      'The policy table as the reports print it.',
      tableFile(policiesTable, dataset.policies),
    ),
    listed(
      correctionsTable.path,
      'Corrections and disputes',
      'Every published correction and every dispute, dated and sourced.',
      tableFile(correctionsTable, dataset.corrections),
    ),
    listed(
      'datapackage.json',
      'Data Package descriptor',
      'Frictionless Data Package describing every file under data/, with table schemas.',
      () =>
        jsonFile(
          dataPackageDescriptor(
            reports.map((r) => ({
              start: r.start,
              hasDeclined: !!r.declined,
              original: r.meta.original,
            })),
          ),
        ),
    ),
    ...Object.entries(schemaFiles()).map(([path, schema]) =>
      unlisted(path, () => jsonFile(schema)),
    ),
    ...reports.flatMap((report) =>
      [...reportFolderBodies(report)].map(([name, build]) =>
        unlisted(`reports/${report.start}/${name}`, build),
      ),
    ),
  ];
}

/** The archive-wide downloads the data page lists: the data folder's, the API, the feeds. */
export function siteDownloads(dataset: Dataset, gazetteer: Gazetteer): Download[] {
  const listing = ({ path, title, format, description }: Download): Download => ({
    path,
    title,
    format,
    description,
  });
  const served: Download[] = [
    {
      path: apiPaths.weeks(),
      title: 'API: every report',
      format: 'JSON',
      description: "Each report's period, publication, coverage and headline figures.",
    },
    {
      path: apiPaths.jurisdictions(),
      title: 'API: jurisdictions',
      format: 'JSON',
      description: 'The gazetteer with each jurisdiction’s totals and the reports naming it.',
    },
    {
      path: paths.feed(),
      title: 'RSS feed of reports',
      format: 'XML',
      description: 'One item per report, newest first.',
    },
    {
      path: paths.correctionsFeed(),
      title: 'RSS feed of corrections and disputes',
      format: 'XML',
      description: 'One item per correction or dispute, newest first.',
    },
  ];
  return [...dataFiles(dataset, gazetteer).filter((file) => file.listed), ...served].map(listing);
}
