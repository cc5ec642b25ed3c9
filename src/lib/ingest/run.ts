/**
 * The weekly ingest: fetch one week's report, normalise it to the contract, validate it as part
 * of the data folder, and move it into place, or change nothing and say why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAppendOnly } from '../contract/append-only.ts';
import { addDays, daysBetween, isRealDate, PERIOD_DAYS } from '../contract/dates.ts';
import type { Issue } from '../contract/issues.ts';
import { formatIssue } from '../contract/issues.ts';
import { checkDataset, readDataset } from '../contract/load.ts';
import type { LocatedDataset } from '../contract/load.ts';
import { REPORT_FOLDER_FILES } from '../contract/schema.ts';
import { folderSource, gitSource } from '../contract/source.ts';
import type { DataSource } from '../contract/source.ts';
import { generatedFiles } from '../contract/datapackage.ts';
import { checkFileBody } from './content.ts';
import { IngestError } from './errors.ts';
import { fetchSourceFile, sourceLocation } from './fetch.ts';
import type { FetchDeps, FetchPolicy } from './fetch.ts';
import { ICE_FILES, iceToContract } from './ice.ts';
import { publishStaged, stagedOverlay, writeFiles } from './publish.ts';
import { weekSummary } from './summary.ts';
import { formatDate } from '../text/dates.ts';

export const SOURCE_FORMATS = ['contract', 'ice'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface IngestRequest {
  dataDir: string;
  /** Period start of the week to ingest; null for the week after the latest report. */
  week: string | null;
  /** Folder of a week's files, a web address or a path, with `{start}` for the period start. */
  source: string;
  format: SourceFormat;
  /** Whether a week already in the data folder, with other content, may be overwritten. */
  replace: boolean;
  /** Git revision of the data folder whose weeks count as published (for --replace). */
  base: string;
  /**
   * When set, a week the source does not have yet is not an error, unless the latest report was
   * published more than this many days ago: the scheduled run's way to notice a stalled source.
   */
  staleAfterDays: number | null;
  today: string;
}

export interface IngestDeps extends FetchDeps {
  policy: FetchPolicy;
}

export interface IngestOutcome {
  kind: 'added' | 'replaced' | 'unchanged' | 'not-published';
  week: string;
  /** One paragraph for the log. */
  message: string;
  /** Markdown: the pull request body when a week was added or replaced. */
  summary: string;
}

/** The files each format's source holds for a week; the first tells whether the week is there. */
const SOURCE_FILES: Record<SourceFormat, readonly { name: string; required: boolean }[]> = {
  contract: REPORT_FOLDER_FILES,
  ice: Object.values(ICE_FILES).map((name) => ({ name, required: true })),
};

const MAX_LISTED_ISSUES = 30;

function listIssues(issues: readonly Issue[], prefix: string): string {
  const shown = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => formatIssue(issue, prefix));
  if (issues.length > MAX_LISTED_ISSUES)
    shown.push(`… and ${issues.length - MAX_LISTED_ISSUES} more`);
  return shown.join('\n');
}

function nextWeek(data: LocatedDataset, dataDir: string): string {
  const latest = data.weeks.at(-1);
  if (!latest) {
    throw new IngestError(
      `${dataDir} has no report yet, so there is no "next" week: give one with --week YYYY-MM-DD`,
    );
  }
  return addDays(latest.start, PERIOD_DAYS);
}

/** Fetches one file and checks its body; `missing` says why the source does not have it. */
async function fetchText(
  location: string,
  deps: IngestDeps,
): Promise<{ bytes: Uint8Array; text: string } | { missing: string }> {
  deps.log(`Fetching ${location}`);
  const fetched = await fetchSourceFile(location, deps.policy, deps);
  if (!fetched.found) return { missing: fetched.reason };
  return {
    bytes: fetched.bytes,
    text: checkFileBody(location, fetched.bytes, fetched.contentType),
  };
}

type WeekFiles = Record<string, Uint8Array | string>;

/** The week's files in contract form, or the reason the source does not have the week. */
async function fetchWeek(
  request: IngestRequest,
  week: string,
  data: LocatedDataset,
  deps: IngestDeps,
): Promise<{ files: WeekFiles } | { missing: { location: string; reason: string } }> {
  const locate = (name: string) => sourceLocation(request.source, week, name);
  const expected = SOURCE_FILES[request.format];
  const fetched = new Map<string, { bytes: Uint8Array; text: string }>();
  for (const [index, { name, required }] of expected.entries()) {
    const result = await fetchText(locate(name), deps);
    if ('missing' in result) {
      if (index === 0) return { missing: { location: locate(name), reason: result.missing } };
      if (required) {
        throw new IngestError(
          `${locate(name)} is missing (${result.missing}), though ${expected[0]!.name} is there: the source's folder for the week is incomplete`,
        );
      }
      continue;
    }
    fetched.set(name, result);
  }
  if (request.format === 'contract') {
    // A mirror serves contract files: they are kept byte for byte, as published there.
    return { files: Object.fromEntries([...fetched].map(([name, { bytes }]) => [name, bytes])) };
  }
  const text = (name: string) => fetched.get(name)!.text;
  const files = iceToContract(
    week,
    {
      summary: text(ICE_FILES.summary),
      sectionI: text(ICE_FILES.sectionI),
      sectionII: text(ICE_FILES.sectionII),
    },
    data.gazetteer.map(({ row }) => row),
    sourceLocation(request.source, week, ''),
  );
  return { files };
}

function notPublished(
  request: IngestRequest,
  week: string,
  missing: { location: string; reason: string },
  data: LocatedDataset,
): IngestOutcome {
  const message = `The source has no report for the week of ${week} yet: ${missing.location} (${missing.reason}).`;
  if (request.staleAfterDays === null) {
    throw new IngestError(`${message} Check the week and the source address.`);
  }
  const latest = data.weeks.at(-1);
  const published = latest?.meta?.published ?? null;
  const age = published ? daysBetween(published, request.today) : null;
  const latestLine =
    latest && published
      ? `The latest report in the archive (week of ${latest.start}) was published on ${formatDate(published)}, ${age} days ago.`
      : 'The archive has no published report yet.';
  if (age !== null && age > request.staleAfterDays) {
    throw new IngestError(
      `${message} ${latestLine} That is more than ${request.staleAfterDays} days without a new report: if the source has moved, update REPORT_SOURCE_URL; if publication has stopped, disable the scheduled ingest.`,
    );
  }
  return {
    kind: 'not-published',
    week,
    message: `${message} ${latestLine}`,
    summary: `No new report: ${message} ${latestLine}\n`,
  };
}

function weekFilesIn(source: DataSource, week: string): Map<string, Uint8Array> | null {
  const folder = `reports/${week}/`;
  const paths = source.files().filter((path) => path.startsWith(folder));
  if (!paths.length) return null;
  return new Map(paths.map((path) => [path.slice(folder.length), source.read(path)!]));
}

/** Names of the files that differ between the week in the data folder and the fetched one. */
function differingFiles(existing: Map<string, Uint8Array>, fetched: WeekFiles): string[] {
  const encoded = new Map(
    Object.entries(fetched).map(([name, content]) => [
      name,
      typeof content === 'string' ? new TextEncoder().encode(content) : content,
    ]),
  );
  const names = [...new Set([...existing.keys(), ...encoded.keys()])].sort();
  return names.filter((name) => {
    const a = existing.get(name);
    const b = encoded.get(name);
    return !a || !b || Buffer.compare(a, b) !== 0;
  });
}

/** The published state of the data folder: its revision `base` in git. */
function publishedData(request: IngestRequest): LocatedDataset {
  try {
    return readDataset(gitSource(request.dataDir, request.base)).data;
  } catch (error) {
    throw new IngestError(
      `--replace compares with the published data at git revision "${request.base}", which cannot be read: ${(error as Error).message.split('\n')[0]}. Run it inside the repository, or pass --base REF.`,
    );
  }
}

/**
 * Ingests one week. Resolves to what happened; rejects with an IngestError, the data folder
 * untouched, when the week cannot be added.
 */
export async function ingest(request: IngestRequest, deps: IngestDeps): Promise<IngestOutcome> {
  const dir = request.dataDir;
  const dataSource = folderSource(dir);
  // Problems the data folder already has are told apart from those the new week brings.
  const current = checkDataset(dataSource);
  if (request.week !== null && !isRealDate(request.week)) {
    throw new IngestError(`--week must be a period start as YYYY-MM-DD, got "${request.week}"`);
  }
  const week = request.week ?? nextWeek(current.data, dir);
  const fetched = await fetchWeek(request, week, current.data, deps);
  if ('missing' in fetched) return notPublished(request, week, fetched.missing, current.data);

  const existing = weekFilesIn(dataSource, week);
  const differing = existing ? differingFiles(existing, fetched.files) : [];
  if (existing && !differing.length) {
    const message = `The week of ${week} is already in ${dir}/reports/${week} with the same content; nothing changed.`;
    return { kind: 'unchanged', week, message, summary: `${message}\n` };
  }
  if (existing && !request.replace) {
    throw new IngestError(
      `The week of ${week} is already in ${dir}/reports/${week}, with different content (${differing.join(', ')}). Nothing was changed. To overwrite it, run again with --replace; a published week also needs an entry in corrections.csv for every changed row (see CONTRIBUTING.md).`,
    );
  }

  const staging = mkdtempSync(join(tmpdir(), 'dda-ingest-'));
  try {
    writeFiles(join(staging, 'reports', week), fetched.files);
    const withWeek = stagedOverlay(dataSource, folderSource(staging), week);
    writeFiles(staging, generatedFiles(readDataset(withWeek).data));
    const staged = checkDataset(stagedOverlay(dataSource, folderSource(staging), week));
    if (staged.issues.length) {
      const known = new Set(current.issues.map((issue) => formatIssue(issue)));
      const brought = staged.issues.filter((issue) => !known.has(formatIssue(issue)));
      const already = staged.issues.filter((issue) => known.has(formatIssue(issue)));
      const from = sourceLocation(request.source, week, '');
      throw new IngestError(
        [
          ...(brought.length
            ? [
                `The report of the week of ${week} from ${from} does not pass validation, so nothing was written:`,
                listIssues(brought, `${dir}/`),
              ]
            : [`Nothing was written: ${dir} does not pass validation as it is.`]),
          ...(already.length
            ? [
                `${dir} already had these problems (npm run validate):`,
                listIssues(already, `${dir}/`),
              ]
            : []),
        ].join('\n'),
      );
    }
    if (existing) {
      const published = publishedData(request);
      if (published.weeks.some((w) => w.start === week)) {
        const folder = `reports/${week}/`;
        const problems = checkAppendOnly(published, staged.data).filter((issue) =>
          issue.file.startsWith(folder),
        );
        if (problems.length) {
          throw new IngestError(
            `The week of ${week} is published (at ${request.base}); replacing it changes published rows without a correction, so nothing was written:\n${listIssues(problems, `${dir}/`)}\nAdd an entry to corrections.csv for each change (kind "transcription" for a fix of our own transcription), then run again.`,
          );
        }
      }
    }
    publishStaged(staging, dir, week);
    const kind = existing ? 'replaced' : 'added';
    return {
      kind,
      week,
      message: `The week of ${week} was ${kind === 'added' ? 'added to' : 'replaced in'} ${dir}/reports/${week}.`,
      summary: weekSummary(staged.data, week),
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
