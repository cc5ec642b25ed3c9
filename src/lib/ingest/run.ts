/**
 * The weekly ingest: fetch one week's report, normalise it to the contract, validate it as part
 * of the data folder, and move it into place, or change nothing and say why.
 */
import { statSync } from 'node:fs';
import { checkAppendOnly } from '../contract/append-only.ts';
import { addDays, daysBetween, isRealDate, PERIOD_DAYS } from '../contract/dates.ts';
import type { Issue } from '../contract/issues.ts';
import { formatIssue } from '../contract/issues.ts';
import { checkDataset, readDataset } from '../contract/load.ts';
import type { LocatedDataset, LocatedWeek } from '../contract/located.ts';
import { appendedTableText, tableFileText } from '../contract/csv.ts';
import { correctionsTable, policiesTable, REPORT_FOLDER_FILES } from '../contract/schema.ts';
import { folderSource, gitSource } from '../contract/source.ts';
import type { DataSource } from '../contract/source.ts';
import { generatedFiles } from '../contract/datapackage.ts';
import { checkFileBody } from './content.ts';
import { IngestError } from './errors.ts';
import { checkSourceTemplate, fetchSourceFile, sourceLocation } from './fetch.ts';
import type { FetchDeps, FetchPolicy } from './fetch.ts';
import { completeWeek } from './complete.ts';
import type { Completion } from './complete.ts';
import { fetchPdf } from './pdf-source.ts';
import type { PdfReading } from './pdf-source.ts';
import type { FetchedPdf } from './pdf-source.ts';
import { pdfReview } from './pdf-summary.ts';
import { pdfWeek, weekFolderFiles } from './pdf-week.ts';
import type { PdfWeek } from './pdf-week.ts';
import { updatePolicies } from './policies.ts';
import type { PolicyUpdate } from './policies.ts';
import { Staging, stagedOverlay } from './publish.ts';
import type { Pause } from './publish.ts';
import { weekReviewMarkdown } from './summary.ts';
import { formatDate } from '../text/dates.ts';

export const SOURCE_FORMATS = ['contract', 'pdf'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface IngestRequest {
  dataDir: string;
  /** Period start of the week to ingest; null for the week after the latest report. */
  week: string | null;
  /**
   * `contract`: the folder of a week's files; `pdf`: the report's PDF, or a page that links the
   * reports. A web address or a path, with `{start}` for the period start.
   */
  source: string;
  format: SourceFormat;
  /** The public address of the source, for a PDF or listing read from this machine. */
  sourceUrl: string | null;
  /** The publication date, overriding what the PDF and the listing say. */
  published: string | null;
  /** Whether a week already in the data folder, with other content, may be overwritten. */
  replace: boolean;
  /** Whether to complete a week already in the data folder from its PDF (format pdf). */
  complete: boolean;
  /** Git revision of the data folder whose weeks count as published (for --replace). */
  base: string;
  /**
   * When set, a week the source does not have yet is not an error, unless the latest report was
   * published more than this many days ago: the scheduled run's way to notice a stalled source.
   */
  staleAfterDays: number | null;
  today: string;
  /** How a report's PDF is read (format pdf): a layout template, --explain, the limits. */
  reading: PdfReading;
}

export interface IngestDeps extends FetchDeps {
  policy: FetchPolicy;
  /** Awaited at each named stage (INGEST_PAUSE_AT); by default it returns at once. */
  pause?: Pause;
  /** Told when a staging folder opens and closes, so a signal handler can settle it. */
  onStaging?: (staging: Staging | null) => void;
}

export interface IngestOutcome {
  kind: 'added' | 'replaced' | 'unchanged' | 'not-published';
  week: string;
  /** One paragraph for the log. */
  message: string;
  /** Markdown: the pull request body when a week was added or replaced. */
  summary: string;
}

const MAX_LISTED_ISSUES = 30;

function listIssues(issues: readonly Issue[], prefix: string): string {
  const shown = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => formatIssue(issue, prefix));
  if (issues.length > MAX_LISTED_ISSUES)
    shown.push(`… and ${issues.length - MAX_LISTED_ISSUES} more`);
  return shown.join('\n');
}

/** Fetches one file and checks its body; `missing` says why the source does not have it. */
async function fetchFile(
  location: string,
  binary: boolean,
  deps: IngestDeps,
): Promise<{ bytes: Uint8Array } | { missing: string }> {
  deps.log(`Fetching ${location}`);
  const fetched = await fetchSourceFile(location, deps.policy, deps);
  if (!fetched.found) return { missing: fetched.reason };
  // A kept PDF is checked by the validator against the digest report.json gives for it.
  if (!binary) checkFileBody(location, fetched.bytes, fetched.contentType);
  return { bytes: fetched.bytes };
}

type WeekFiles = Record<string, Uint8Array | string>;

/** An optional file the source does not have, and what it answered. */
interface AbsentFile {
  name: string;
  location: string;
  reason: string;
}

/** A mirror's week, kept byte for byte as published there; or why the mirror lacks it. */
async function fetchContractWeek(
  request: IngestRequest,
  week: string,
  deps: IngestDeps,
): Promise<
  { files: WeekFiles; absent: AbsentFile[] } | { missing: { location: string; reason: string } }
> {
  const locate = (name: string) => sourceLocation(request.source, week, name);
  const files: WeekFiles = {};
  const absent: AbsentFile[] = [];
  for (const [index, { name, required, binary }] of REPORT_FOLDER_FILES.entries()) {
    const result = await fetchFile(locate(name), binary, deps);
    if ('missing' in result) {
      if (index === 0) return { missing: { location: locate(name), reason: result.missing } };
      if (required) {
        throw new IngestError(
          `${locate(name)} is missing (${result.missing}), though ${REPORT_FOLDER_FILES[0]!.name} is there: the source's folder for the week is incomplete`,
        );
      }
      absent.push({ name, location: locate(name), reason: result.missing });
      continue;
    }
    files[name] = result.bytes;
  }
  return { files, absent };
}

/**
 * What the rest of a week says about an optional file it lacks, one claim per file that says
 * so; empty when nothing does, and the file may then be absent. Only declined.csv is optional:
 * a complete week that records declines must list each one there.
 */
function claimsOfPresence(
  name: string,
  week: LocatedWeek,
  locate: (name: string) => string,
): string[] {
  if (name !== 'declined.csv' || week.meta?.coverage !== 'complete') return [];
  const total = week.meta.figures.declined_total.value ?? 0;
  const counted = week.jurisdictions.filter(({ row }) => (row.declined ?? 0) > 0);
  const sum = counted.reduce((n, { row }) => n + row.declined!, 0);
  if (total === 0 && sum === 0) return [];
  return [
    `${locate('report.json')} says coverage is "complete" with ${total} declined detainers (figures.declined_total)`,
    ...(counted.length
      ? [
          `${locate('jurisdictions.csv')} gives ${sum} declined detainers across ${counted.length} jurisdictions (${counted.map(({ row }) => `${row.jurisdiction} ${row.declined}`).join(', ')})`,
        ]
      : []),
  ];
}

/** Refuses a week that lacks an optional file which its other files say exists. */
function checkAbsentFiles(
  absent: readonly AbsentFile[],
  week: LocatedWeek,
  locate: (name: string) => string,
): void {
  for (const file of absent) {
    const claims = claimsOfPresence(file.name, week, locate);
    if (!claims.length) continue;
    throw new IngestError(
      `${file.location} is missing (${file.reason}), but the rest of the week says it exists: ${claims.join('; and ')}. A complete week lists each declined detainer in declined.csv, so nothing was written. If the source lost the file, restore it there; if Section II was not transcribed, the week is partial: set "coverage": "partial" and a coverage_note in report.json.`,
    );
  }
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

function checkDataFolder(dir: string): void {
  let isFolder;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    throw new IngestError(
      `The data folder ${dir} does not exist: pass --data DIR (or set DATA_DIR) to the archive's data folder.`,
    );
  }
  if (!isFolder) {
    throw new IngestError(
      `The data folder ${dir} is a file, not a folder: pass --data DIR (or set DATA_DIR) to the archive's data folder.`,
    );
  }
}

/** The refusal of a staged week that does not pass validation, told apart from old problems. */
function validationFailure(
  request: IngestRequest,
  week: string,
  current: readonly Issue[],
  staged: readonly Issue[],
): IngestError {
  const dir = request.dataDir;
  const known = new Set(current.map((issue) => formatIssue(issue)));
  const brought = staged.filter((issue) => !known.has(formatIssue(issue)));
  const already = staged.filter((issue) => known.has(formatIssue(issue)));
  const from = sourceLocation(request.source, week, '');
  return new IngestError(
    [
      ...(brought.length
        ? [
            `The report of the week of ${week} from ${from} does not pass validation, so nothing was written:`,
            listIssues(brought, `${dir}/`),
          ]
        : [`Nothing was written: ${dir} does not pass validation as it is.`]),
      ...(already.length
        ? [`${dir} already had these problems (npm run validate):`, listIssues(already, `${dir}/`)]
        : []),
    ].join('\n'),
  );
}

/** Refuses a replacement that changes rows of a published week without corrections. */
function checkReplacement(request: IngestRequest, week: string, staged: LocatedDataset): void {
  const published = publishedData(request);
  if (!published.weeks.some((w) => w.start === week)) return;
  const folder = `reports/${week}/`;
  // The week's files, and the corrections entries that allow its changes.
  const problems = checkAppendOnly(published, staged).filter(
    (issue) => issue.file.startsWith(folder) || issue.file === correctionsTable.path,
  );
  if (problems.length) {
    throw new IngestError(
      `The week of ${week} is published (at ${request.base}); replacing it changes published rows without a correction, so nothing was written:\n${listIssues(problems, `${request.dataDir}/`)}\nAdd an entry to corrections.csv for each change (kind "transcription" for a fix of our own transcription), then run again.`,
    );
  }
}

/** A week fetched and about to be staged. */
interface IncomingWeek {
  start: string;
  files: WeekFiles;
  /** Files outside reports/ that the week changes (policies.csv, corrections.csv), by path. */
  dataFiles: Record<string, string>;
  absent: AbsentFile[];
  /** Whether the data folder already has the week (with other content). */
  replacing: boolean;
  /** Markdown for the reviewer after the week's summary: what the PDF held. */
  review: string;
}

const noPause: Pause = async () => {};

/** Writes the week, and the descriptor regenerated for the data folder with it, to staging. */
function stageFiles(staging: Staging, data: DataSource, week: IncomingWeek): void {
  staging.write({
    ...Object.fromEntries(
      Object.entries(week.files).map(([name, content]) => [
        `reports/${week.start}/${name}`,
        content,
      ]),
    ),
    ...week.dataFiles,
  });
  const withWeek = stagedOverlay(data, staging.source(), week.start);
  staging.write(generatedFiles(readDataset(withWeek).data));
}

/**
 * Every check of the staged week as part of the data folder; resolves to its summary, written
 * now so that nothing after the point of no return can fail but the move itself.
 */
function checkStaged(
  request: IngestRequest,
  week: IncomingWeek,
  staging: Staging,
  current: readonly Issue[],
): string {
  const data = folderSource(request.dataDir);
  const staged = checkDataset(stagedOverlay(data, staging.source(), week.start));
  if (staged.issues.length) throw validationFailure(request, week.start, current, staged.issues);
  const stagedWeek = staged.data.weeks.find((w) => w.start === week.start)!;
  checkAbsentFiles(week.absent, stagedWeek, (name) =>
    sourceLocation(request.source, week.start, name),
  );
  if (week.replacing) checkReplacement(request, week.start, staged.data);
  return `${weekReviewMarkdown(staged.data, week.start)}${week.review ? `\n${week.review}` : ''}`;
}

/**
 * Stages the week beside the data folder, checks it there, and moves it in with its
 * descriptor. Resolves to the summary; on any failure before the point of no return the staging
 * folder goes and `data/` is untouched.
 */
async function stageAndPublish(
  request: IngestRequest,
  week: IncomingWeek,
  current: readonly Issue[],
  deps: IngestDeps,
): Promise<string> {
  const pause = deps.pause ?? noPause;
  const staging = Staging.open(request.dataDir, week.start);
  deps.onStaging?.(staging);
  try {
    stageFiles(staging, folderSource(request.dataDir), week);
    await pause('staged');
    const summary = checkStaged(request, week, staging, current);
    await pause('validated');
    await staging.commit(pause);
    return summary;
  } catch (error) {
    staging.discardUncommitted();
    throw error;
  } finally {
    deps.onStaging?.(null);
  }
}

/** What a format's source gives for a week, or why it does not have the week yet. */
type Fetched =
  | Omit<IncomingWeek, 'replacing'>
  | { start: string; missing: { location: string; reason: string } };

async function fetchContract(
  request: IngestRequest,
  planned: string | null,
  deps: IngestDeps,
): Promise<Fetched> {
  if (planned === null) {
    throw new IngestError(
      `${request.dataDir} has no report yet, so there is no "next" week: give one with --week YYYY-MM-DD`,
    );
  }
  const fetched = await fetchContractWeek(request, planned, deps);
  if ('missing' in fetched) return { start: planned, missing: fetched.missing };
  return { start: planned, ...fetched, dataFiles: {}, review: '' };
}

/** The week a PDF reports, checked against the week asked for. */
function reportedWeek(pdf: FetchedPdf, request: IngestRequest): string {
  const { start, end } = pdf.report.period;
  const asked = request.week;
  if (asked !== null && asked !== start) {
    throw new IngestError(
      `${pdf.location} is the report of the week of ${start} to ${end} (its title: "${pdf.report.title}"), not of the week asked for with --week (${asked}). Nothing was written.`,
    );
  }
  return start;
}

/** policies.csv with the report's new Section III rows, or nothing when it gains none. */
function policiesFile(data: DataSource, update: PolicyUpdate): Record<string, string> {
  if (update.completed.length) {
    return { [policiesTable.path]: tableFileText(policiesTable, update.rows) };
  }
  if (!update.added.length) return {};
  const text = new TextDecoder().decode(data.read(policiesTable.path) ?? new Uint8Array());
  return {
    [policiesTable.path]: appendedTableText(
      text,
      policiesTable,
      update.added.map((entry) => entry.row),
    ),
  };
}

async function fetchPdfWeek(
  request: IngestRequest,
  planned: string | null,
  current: LocatedDataset,
  deps: IngestDeps,
): Promise<Fetched> {
  const lookup = await fetchPdf(
    {
      source: request.source,
      week: request.week ?? planned,
      sourceUrl: request.sourceUrl,
      published: request.published,
      today: request.today,
      reading: request.reading,
    },
    deps.policy,
    deps,
  );
  if ('missing' in lookup) return { start: request.week ?? planned ?? '', missing: lookup.missing };
  const pdf = lookup.found;
  const start = reportedWeek(pdf, request);
  const rows = <T>(located: readonly { row: T }[]) => located.map(({ row }) => row);
  const fresh = pdfWeek({
    report: pdf.report,
    pdf: pdf.bytes,
    url: pdf.url,
    retrieved: request.today,
    publication: pdf.publication,
    gazetteer: rows(current.gazetteer),
    policies: rows(current.policies),
    label: pdf.location,
  });
  const policies = updatePolicies(
    rows(current.policies),
    fresh.listedPolicies,
    start,
    pdf.report.sectionIII !== null,
  );
  const data = folderSource(request.dataDir);
  const published = current.weeks.find((week) => week.start === start);
  // The PDF the week already keeps, read again: its record stays as first made (the day it
  // was first retrieved), or a run on a later day would change a kept PDF's record.
  const kept = published?.meta?.original;
  if (kept && kept.sha256 === fresh.meta.original!.sha256) {
    fresh.meta.original = { ...kept };
    // Nor does it say more of its publication than it did then (a retrieval day would move).
    if (request.published === null) {
      const { published: date, published_source, published_note } = published!.meta!;
      Object.assign(fresh.meta, { published: date, published_source, published_note });
    }
  }
  let completion: Completion | null = null;
  let week: Pick<PdfWeek, 'meta' | 'jurisdictions' | 'declined'> = fresh;
  let correctionsText: string | null = null;
  if (request.complete) {
    if (!published?.meta) {
      throw new IngestError(
        `--complete completes a week that ${request.dataDir} already has, and it has no report of the week of ${start}: run without --complete to add it. Nothing was written.`,
      );
    }
    if (kept && kept.sha256 !== fresh.meta.original!.sha256) {
      throw new IngestError(
        `The week of ${start} already keeps a PDF (SHA-256 ${kept.sha256}, ${kept.bytes} bytes, from ${kept.url}), and ${pdf.location} is another (SHA-256 ${fresh.meta.original!.sha256}); a kept PDF never changes. If ICE published a second version, list it in the week's "copies". Nothing was written.`,
      );
    }
    completion = completeWeek(
      {
        meta: published.meta,
        jurisdictions: rows(published.jurisdictions),
        declined: published.declined && rows(published.declined),
      },
      fresh,
      {
        url: pdf.url,
        today: request.today,
        corrections: rows(current.corrections),
        label: pdf.location,
        policies,
      },
    );
    week = completion;
    if (completion.corrections.length) {
      const text = new TextDecoder().decode(data.read(correctionsTable.path) ?? new Uint8Array());
      correctionsText = appendedTableText(text, correctionsTable, completion.corrections);
    }
  }
  // After the completion, which may take back a Section III cell it could not record.
  const dataFiles = policiesFile(data, policies);
  if (correctionsText !== null) dataFiles[correctionsTable.path] = correctionsText;
  return {
    start,
    files: weekFolderFiles(week, pdf.bytes),
    dataFiles,
    absent: [],
    review: pdfReview({
      pdf,
      week: fresh,
      policies,
      completion,
      gazetteer: rows(current.gazetteer),
    }),
  };
}

function checkRequest(request: IngestRequest): void {
  if (request.week !== null && !isRealDate(request.week)) {
    throw new IngestError(`--week must be a period start as YYYY-MM-DD, got "${request.week}"`);
  }
  if (request.published !== null && !isRealDate(request.published)) {
    throw new IngestError(`--published must be a date as YYYY-MM-DD, got "${request.published}"`);
  }
  if (request.format !== 'pdf') {
    const pdfOnly = [
      request.complete && '--complete',
      request.sourceUrl !== null && '--source-url',
      request.published !== null && '--published',
    ].filter(Boolean);
    if (pdfOnly.length) {
      throw new IngestError(
        `${pdfOnly.join(', ')} ${pdfOnly.length === 1 ? 'applies' : 'apply'} to --format pdf only: a contract source's files say all of it themselves.`,
      );
    }
  }
  if (request.complete && request.replace) {
    throw new IngestError(
      '--complete and --replace exclude each other: --complete keeps every published value that the PDF does not contradict, --replace puts a new transcription in its place.',
    );
  }
}

/**
 * Ingests one week. Resolves to what happened; rejects with an IngestError, the data folder
 * untouched, when the week cannot be added.
 */
export async function ingest(request: IngestRequest, deps: IngestDeps): Promise<IngestOutcome> {
  const dir = request.dataDir;
  checkRequest(request);
  checkSourceTemplate(request.source);
  checkDataFolder(dir);
  const settled = Staging.resolveLeftover(dir);
  if (settled) deps.log(settled);
  const dataSource = folderSource(dir);
  // Problems the data folder already has are told apart from those the new week brings.
  const current = checkDataset(dataSource);
  const latest = current.data.weeks.at(-1);
  const planned = request.week ?? (latest ? addDays(latest.start, PERIOD_DAYS) : null);
  const fetched =
    request.format === 'pdf'
      ? await fetchPdfWeek(request, planned, current.data, deps)
      : await fetchContract(request, planned, deps);
  if ('missing' in fetched)
    return notPublished(request, fetched.start, fetched.missing, current.data);
  const week = fetched.start;

  const existing = weekFilesIn(dataSource, week);
  const differing = existing ? differingFiles(existing, fetched.files) : [];
  if (existing && !differing.length) {
    const message = `The week of ${week} is already in ${dir}/reports/${week} with the same content; nothing changed.`;
    return { kind: 'unchanged', week, message, summary: `${message}\n` };
  }
  if (existing && !request.replace && !request.complete) {
    const complete =
      request.format === 'pdf'
        ? ' To add what the PDF has and the week lacks, run again with --complete.'
        : '';
    throw new IngestError(
      `The week of ${week} is already in ${dir}/reports/${week}, with different content (${differing.join(', ')}). Nothing was changed.${complete} To overwrite it, run again with --replace; a published week also needs an entry in corrections.csv for every changed row (see CONTRIBUTING.md).`,
    );
  }
  await (deps.pause ?? noPause)('fetched');
  const incoming = { ...fetched, replacing: existing !== null };
  const summary = await stageAndPublish(request, incoming, current.issues, deps);
  const kind = existing ? 'replaced' : 'added';
  return {
    kind,
    week,
    message: `The week of ${week} was ${
      request.complete ? 'completed from its PDF in' : kind === 'added' ? 'added to' : 'replaced in'
    } ${dir}/reports/${week}.`,
    summary,
  };
}
