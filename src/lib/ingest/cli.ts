/**
 * `npm run ingest`: arguments and environment in, an exit code out. Kept apart from
 * scripts/ingest.ts so tests run it in-process with their own environment, clock and fetch.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import { dataDirFromEnv, readDataset } from '../contract/load.ts';
import { folderSource, gitSource } from '../contract/source.ts';
import { IngestError, UnsettledError } from './errors.ts';
import { DEFAULT_FETCH_POLICY } from './fetch.ts';
import type { FetchDeps, FetchPolicy } from './fetch.ts';
import { ALLOWED_HOSTS_SETTING, parseAllowedHost } from './hosts.ts';
import type { AllowedHost } from './hosts.ts';
import { PAUSE_STAGES } from './publish.ts';
import type { Pause, Staging } from './publish.ts';
import { pdfLimitsFromEnv, readLayoutTemplate } from './pdf/index.ts';
import type { LayoutTemplate, PdfLimits } from './pdf/index.ts';
import { ingest, SOURCE_FORMATS } from './run.ts';
import type { IngestDeps, IngestOutcome, IngestRequest, SourceFormat } from './run.ts';
import { changesSummary } from './summary.ts';

export const USAGE = `Usage:
  npm run ingest -- [--week YYYY-MM-DD] [--source URL_OR_PATH] [--format contract|pdf]
                    [--source-url URL] [--published YYYY-MM-DD] [--complete | --replace]
                    [--base REF] [--data DIR] [--summary FILE] [--stale-after DAYS]
                    [--layout FILE] [--explain DIR]
  npm run ingest -- --changes-since REF [--data DIR] [--summary FILE]
With --format pdf, --source is the report's PDF or a web page that links the reports; --layout
applies a layout template to a layout the reader cannot work out, and --explain writes a picture
of each page with what the reader found, and the rows it read, into DIR.
Environment: REPORT_SOURCE_URL (the source, with {start} for the period start), REPORT_FORMAT,
DATA_DIR, INGEST_TIMEOUT_MS, INGEST_RETRIES, INGEST_BACKOFF_MS, INGEST_MAX_BYTES, INGEST_DEBUG,
INGEST_ALLOWED_HOSTS (comma-separated hosts, or host:port, that links and redirects may lead to
besides the source's own origin), INGEST_PDF_MAX_PAGES, INGEST_PDF_MAX_DECODED_BYTES,
INGEST_PDF_MAX_GLYPHS, INGEST_PDF_MAX_MEMORY_BYTES, INGEST_PDF_TIMEOUT_MS (what a PDF may make
the reader do); for tests, INGEST_PAUSE_AT and INGEST_PAUSE_FILE.`;

/** The signals a run is stopped with: a CI cancellation sends SIGTERM, Ctrl-C SIGINT. */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

/** The process, as far as stopping goes: where the signals arrive and how to end at once. */
export interface SignalTarget {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
  exit(code: number): void;
}

export interface CliIo extends Pick<FetchDeps, 'fetch' | 'sleep' | 'lookup'> {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Today's date (UTC) as YYYY-MM-DD. */
  today: string;
  /** Without it no signal handler is installed: a run in a test process is never signalled. */
  signals?: SignalTarget;
}

type Env = Readonly<Record<string, string | undefined>>;

/** How long INGEST_PAUSE_AT waits for the signal before the run goes on. */
const PAUSE_LIMIT_MS = 60_000;

class UsageError extends Error {}

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

/** INGEST_ALLOWED_HOSTS: `www.dhs.gov, mirror.example.org:8443`; empty or unset for none. */
function allowedHosts(text: string | undefined): AllowedHost[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const host = parseAllowedHost(entry);
    if (!host) {
      throw new UsageError(
        `${ALLOWED_HOSTS_SETTING} must be host names separated by commas, each perhaps with a :port (www.dhs.gov,mirror.example.org:8443), got "${entry}"`,
      );
    }
    return host;
  });
}

/** The PDF reader's limits, with any INGEST_PDF_* setting; a bad one is a usage error. */
function pdfLimits(env: Env): PdfLimits {
  try {
    return pdfLimitsFromEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A layout template (--layout): a file that cannot be read or checked stops the run. */
function readLayout(path: string): LayoutTemplate {
  try {
    return readLayoutTemplate(path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function fetchPolicy(env: Env): FetchPolicy {
  const d = DEFAULT_FETCH_POLICY;
  return {
    timeoutMs: wholeNumber('INGEST_TIMEOUT_MS', env['INGEST_TIMEOUT_MS'], d.timeoutMs),
    retries: wholeNumber('INGEST_RETRIES', env['INGEST_RETRIES'], d.retries),
    backoffMs: wholeNumber('INGEST_BACKOFF_MS', env['INGEST_BACKOFF_MS'], d.backoffMs),
    maxBytes: wholeNumber('INGEST_MAX_BYTES', env['INGEST_MAX_BYTES'], d.maxBytes),
    allowedHosts: allowedHosts(env[ALLOWED_HOSTS_SETTING]),
  };
}

/**
 * INGEST_PAUSE_AT=<stage>: the run writes INGEST_PAUSE_FILE (when set) on reaching the stage and
 * waits there, so a test can signal it at a known point of the publication.
 */
function pauseHook(env: Env, io: CliIo): Pause | undefined {
  const at = env['INGEST_PAUSE_AT'];
  if (!at) return undefined;
  if (!(PAUSE_STAGES as readonly string[]).includes(at)) {
    throw new UsageError(`INGEST_PAUSE_AT must be one of ${PAUSE_STAGES.join(', ')}, got "${at}"`);
  }
  const marker = env['INGEST_PAUSE_FILE'];
  return async (stage) => {
    if (stage !== at) return;
    io.err(`Paused at "${stage}" (INGEST_PAUSE_AT), for at most ${PAUSE_LIMIT_MS / 1000} s.`);
    // A test hook must not fail the run it pauses: without its marker the test times out.
    try {
      if (marker) writeFileSync(marker, `${stage}\n`);
    } catch (error) {
      io.err(`Could not write INGEST_PAUSE_FILE ${marker}: ${(error as Error).message}`);
    }
    await io.sleep(PAUSE_LIMIT_MS);
  };
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        week: { type: 'string' },
        source: { type: 'string' },
        format: { type: 'string' },
        'source-url': { type: 'string' },
        published: { type: 'string' },
        complete: { type: 'boolean', default: false },
        replace: { type: 'boolean', default: false },
        base: { type: 'string', default: 'HEAD' },
        data: { type: 'string' },
        summary: { type: 'string' },
        'stale-after': { type: 'string' },
        'changes-since': { type: 'string' },
        layout: { type: 'string' },
        explain: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--summary FILE` read leniently, so that even arguments that do not parse get a summary. */
function summaryFileIn(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--summary') return argv[index + 1];
    if (arg.startsWith('--summary=')) return arg.slice('--summary='.length);
  }
  return undefined;
}

/** An indented block shows any text verbatim in Markdown; nothing in it can become markup. */
const verbatim = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/** How far a run got, for the message of an error nobody expected. */
interface Progress {
  dataDir: string;
  /** Whether the week is already in the data folder, moved in whole. */
  published: boolean;
}

/** One paragraph naming an error that is not an IngestError: a fault of the ingest itself. */
function unexpectedMessage(error: unknown, progress: Progress, env: Env): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  const data = progress.published
    ? `The week had already been moved into ${progress.dataDir} in full, with its descriptor.`
    : `Nothing in ${progress.dataDir} changed.`;
  return `an unexpected error stopped the ingest (${name}${typeof code === 'string' ? ` ${code}` : ''}: ${text.split('\n')[0]}). ${data} This is a fault of the ingest itself, not of the source or the data: report it with the command that was run${env['INGEST_DEBUG'] ? '' : ' (INGEST_DEBUG=1 shows where it happened)'}.`;
}

/** Where the run's ending is told: the log, and the summary file when one is asked for. */
class Reporter {
  readonly io: CliIo;
  readonly summaryFile: string | undefined;
  /** Whether the summary file could be written; a run whose summary is lost has failed. */
  summaryWritten = true;

  constructor(io: CliIo, summaryFile: string | undefined) {
    this.io = io;
    this.summaryFile = summaryFile;
  }

  summary(markdown: string): void {
    if (!this.summaryFile) return;
    try {
      writeFileSync(this.summaryFile, markdown);
      this.summaryWritten = true;
    } catch (error) {
      this.summaryWritten = false;
      this.io.err(
        `Could not write the summary to ${this.summaryFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give --summary a path in a folder that exists and can be written.`,
      );
    }
  }

  /** Logs a failure, writes it under a Markdown heading as the summary, returns the exit code. */
  failure(heading: string, message: string, code: number, log: string): number {
    this.io.err(log);
    this.summary(`${heading}\n\n${verbatim(message)}\n`);
    return code;
  }
}

/** The message of a run stopped by a signal, after the staging folder was settled. */
function stoppedMessage(
  signal: StopSignal,
  settled: ReturnType<Staging['settle']>,
  week: string | null,
  dataDir: string,
): string {
  if (settled === 'completed') {
    return `The ingest was stopped by ${signal} after its point of no return, so it finished moving the week in: ${dataDir}/reports/${week} and the regenerated datapackage.json are complete and match. Review the week (npm run ingest -- --changes-since HEAD) before committing it.`;
  }
  const staged = settled === 'nothing' ? '' : ` The staged week of ${week} was removed.`;
  return `The ingest was stopped by ${signal} before it changed anything: ${dataDir} is as it was.${staged} Run it again to ingest the week.`;
}

/** Settles a staging folder when SIGTERM or SIGINT arrives, says so, and ends the process. */
function stopOnSignals(io: CliIo, report: Reporter, dataDir: string) {
  let active: Staging | null = null;
  const target = io.signals;
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = () => {
      const week = active?.week ?? null;
      const settled = active?.settle() ?? 'nothing';
      const message = stoppedMessage(signal, settled, week, dataDir);
      io.err(message);
      report.summary(`**The ingest was stopped.**\n\n${verbatim(message)}\n`);
      target!.exit(128 + constants.signals[signal]);
    };
    target?.on(signal, listener);
    return { signal, listener };
  });
  return {
    track: (staging: Staging | null) => void (active = staging),
    remove: () => listeners.forEach(({ signal, listener }) => target?.off(signal, listener)),
  };
}

function changesSince(ref: string, dataDir: string, report: Reporter, io: CliIo): number {
  let base;
  try {
    base = readDataset(gitSource(dataDir, ref)).data;
  } catch (error) {
    const message = `Cannot read ${dataDir} at git revision "${ref}": ${(error as Error).message.split('\n')[0]}`;
    return report.failure('**The data diff failed.**', message, 1, message);
  }
  const markdown = changesSummary(base, readDataset(folderSource(dataDir)).data, ref);
  if (report.summaryFile) report.summary(markdown);
  else io.out(markdown);
  return report.summaryWritten ? 0 : 1;
}

const PROVISIONAL_SUMMARY = `**The ingest did not finish.** It stopped before it could tell how it ended (killed, or the machine went down): see the log. A week it was moving into the data folder is finished or undone by the next run.\n`;

type Command =
  | { kind: 'changes-since'; ref: string; dataDir: string }
  | { kind: 'ingest'; request: IngestRequest; dataDir: string; deps: Omit<IngestDeps, 'log'> };

/** The command the arguments and environment ask for; throws a UsageError if they do not parse. */
function readCommand(argv: string[], env: Env, io: CliIo): Command {
  const values = parse(argv);
  const policy = fetchPolicy(env);
  const pause = pauseHook(env, io);
  const dataDir = values.data ?? dataDirFromEnv();
  const ref = values['changes-since'];
  if (ref) return { kind: 'changes-since', ref, dataDir };

  const source = values.source ?? env['REPORT_SOURCE_URL'];
  const format = values.format ?? env['REPORT_FORMAT'] ?? 'contract';
  if (!source)
    throw new UsageError('No source: pass --source URL_OR_PATH or set REPORT_SOURCE_URL.');
  if (!(SOURCE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${SOURCE_FORMATS.join(', ')}, got "${format}"`);
  }
  const staleAfter = values['stale-after'];
  const request: IngestRequest = {
    dataDir,
    week: values.week ?? null,
    source,
    format: format as SourceFormat,
    sourceUrl: values['source-url'] ?? null,
    published: values.published ?? null,
    replace: values.replace,
    complete: values.complete,
    base: values.base,
    staleAfterDays: staleAfter === undefined ? null : wholeNumber('--stale-after', staleAfter, 0),
    today: io.today,
    reading: {
      layout: values.layout ? readLayout(values.layout) : null,
      explainDir: values.explain ?? null,
      limits: pdfLimits(env),
    },
  };
  const deps = {
    policy,
    fetch: io.fetch,
    sleep: io.sleep,
    ...(io.lookup ? { lookup: io.lookup } : {}),
    ...(pause ? { pause } : {}),
  };
  return { kind: 'ingest', request, dataDir, deps };
}

/** Failures the ingest saw coming, told with whether the data folder is as it was. */
function toldFailure(error: IngestError, dataDir: string, report: Reporter): number {
  const heading =
    error instanceof UnsettledError
      ? `**The ingest failed, and \`${dataDir}\` may hold part of the week.**`
      : `**The ingest failed.** Nothing in \`${dataDir}\` changed.`;
  return report.failure(heading, error.message, 1, `Ingest failed: ${error.message}`);
}

async function runIngest(
  command: Extract<Command, { kind: 'ingest' }>,
  env: Env,
  io: CliIo,
  report: Reporter,
  progress: Progress,
): Promise<number> {
  // Written first, so that a run killed outright still leaves a summary that says so.
  report.summary(PROVISIONAL_SUMMARY);
  if (!report.summaryWritten) return 1;
  const stopping = stopOnSignals(io, report, command.dataDir);
  let outcome: IngestOutcome;
  try {
    outcome = await ingest(command.request, {
      ...command.deps,
      log: io.err,
      onStaging: stopping.track,
    });
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    return toldFailure(error, command.dataDir, report);
  } finally {
    stopping.remove();
  }
  const changed = outcome.kind === 'added' || outcome.kind === 'replaced';
  progress.published = changed;
  io.out(outcome.message);
  if (report.summaryFile) report.summary(outcome.summary);
  else if (changed) io.out(outcome.summary);
  const githubOutput = env['GITHUB_OUTPUT'];
  if (githubOutput) {
    appendFileSync(
      githubOutput,
      `week=${outcome.week}\noutcome=${outcome.kind}\nchanged=${changed}\n`,
    );
  }
  return report.summaryWritten ? 0 : 1;
}

async function runCommand(
  argv: string[],
  env: Env,
  io: CliIo,
  report: Reporter,
  progress: Progress,
): Promise<number> {
  let command;
  try {
    command = readCommand(argv, env, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const heading = '**The ingest did not start:** wrong usage.';
    return report.failure(heading, error.message, 2, `${error.message}\n\n${USAGE}`);
  }
  progress.dataDir = command.dataDir;
  if (command.kind === 'changes-since') {
    return changesSince(command.ref, command.dataDir, report, io);
  }
  return runIngest(command, env, io, report, progress);
}

/**
 * Runs the command; resolves to its exit code: 0 done, 1 failed, 2 wrong usage (130 and 143 when
 * stopped by SIGINT or SIGTERM). Every failure, expected or not, is told in one paragraph and
 * in the summary file; none leaves a change in the data folder.
 */
export async function runIngestCli(argv: string[], env: Env, io: CliIo): Promise<number> {
  const report = new Reporter(io, summaryFileIn(argv));
  const progress: Progress = { dataDir: dataDirFromEnv(), published: false };
  try {
    return await runCommand(argv, env, io, report, progress);
  } catch (error) {
    const message = unexpectedMessage(error, progress, env);
    const code = report.failure('**The ingest failed.**', message, 1, `Ingest failed: ${message}`);
    if (env['INGEST_DEBUG'] && error instanceof Error && error.stack) io.err(error.stack);
    return code;
  }
}
