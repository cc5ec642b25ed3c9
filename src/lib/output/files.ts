import { declinedTable, reportJurisdictionsTable } from '../contract/schema.ts';
import { paths } from './urls.ts';

/** A file the site serves for download; the pages list these, the endpoints produce them. */
export interface Download {
  /** Relative to the site's base path, e.g. `weeks/2017-01-28/jurisdictions.csv`. */
  path: string;
  title: string;
  format: 'CSV' | 'JSON' | 'XML';
  description: string;
}

/** The combined tables served beside the data folder's own files under `data/`. */
export const combinedFiles = {
  declined: 'all-declined.csv',
  jurisdictions: 'all-jurisdictions.csv',
} as const;

/**
 * Paths of the site-wide files, in one place so the endpoints, the download lists and the tests
 * agree. The Data Package mirror keeps the data folder's own layout under `data/`, so every path
 * inside `data/datapackage.json` resolves on the site as it does in the repository.
 */
export const sitePaths = {
  /** A path inside the data folder (`jurisdictions.csv`, `reports/…`, `schemas/…`) on the site. */
  dataFile: (path: string) => `${paths.data()}${path}`,
  apiWeeks: () => 'api/weeks.json',
  apiWeek: (start: string) => `api/weeks/${start}.json`,
  apiJurisdictions: () => 'api/jurisdictions.json',
} as const;

/** The downloads of one weekly report; `declined.*` only where Section II rows are transcribed. */
export function weekDownloads(start: string, hasDeclined: boolean): Download[] {
  const file = (name: string) => paths.weekFile(start, name);
  const downloads: Download[] = [
    {
      path: file('report.json'),
      title: 'Report metadata',
      format: 'JSON',
      description:
        'Period, publication, headline figures with their sources, coverage and caveats.',
    },
    {
      path: file('jurisdictions.csv'),
      title: 'Jurisdictions named',
      format: 'CSV',
      description: reportJurisdictionsTable.description,
    },
    {
      path: file('jurisdictions.json'),
      title: 'Jurisdictions named',
      format: 'JSON',
      description: 'The same rows as JSON, blank counts as null.',
    },
    {
      path: sitePaths.apiWeek(start),
      title: 'API: this report with its rows',
      format: 'JSON',
      description: 'Metadata, jurisdiction rows and Section II rows in one file.',
    },
  ];
  if (hasDeclined) {
    downloads.push(
      {
        path: file('declined.csv'),
        title: 'Declined detainers (Section II)',
        format: 'CSV',
        description: declinedTable.description,
      },
      {
        path: file('declined.json'),
        title: 'Declined detainers (Section II)',
        format: 'JSON',
        description: 'The same rows as JSON, blank cells as null.',
      },
    );
  }
  return downloads;
}

/** The archive-wide downloads: combined tables, reference tables, the API, the feeds. */
export function siteDownloads(): Download[] {
  return [
    {
      path: sitePaths.dataFile(combinedFiles.jurisdictions),
      title: 'All jurisdiction rows',
      format: 'CSV',
      description:
        "Every report's jurisdiction rows, with the report's period start first and the jurisdiction's name and state.",
    },
    {
      path: sitePaths.dataFile(combinedFiles.declined),
      title: 'All declined detainers (Section II)',
      format: 'CSV',
      description:
        "Every transcribed Section II row, with the report's period start first. Reports without transcribed rows add none.",
    },
    {
      path: sitePaths.dataFile('jurisdictions.csv'),
      title: 'Jurisdictions (gazetteer)',
      format: 'CSV',
      description: 'Every jurisdiction any report names, with its stable id, state and FIPS code.',
    },
    {
      path: sitePaths.dataFile('policies.csv'),
      title: 'Policies (Section III)',
      format: 'CSV',
      description: 'The policy table as the reports print it.',
    },
    {
      path: sitePaths.dataFile('corrections.csv'),
      title: 'Corrections and disputes',
      format: 'CSV',
      description: 'Every published correction and every dispute, dated and sourced.',
    },
    {
      path: sitePaths.dataFile('datapackage.json'),
      title: 'Data Package descriptor',
      format: 'JSON',
      description:
        'Frictionless Data Package describing every file under data/, with table schemas.',
    },
    {
      path: sitePaths.apiWeeks(),
      title: 'API: every report',
      format: 'JSON',
      description: "Each report's period, publication, coverage and headline figures.",
    },
    {
      path: sitePaths.apiJurisdictions(),
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
}
