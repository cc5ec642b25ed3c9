/**
 * `npm run ingest`: arguments and environment in, an exit code out. Kept apart from
 * scripts/ingest.ts so tests run it in-process with their own environment, clock and fetch.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataDirFromEnv, readDataset } from '../contract/load.ts';
import { folderSource, gitSource } from '../contract/source.ts';
import { IngestError } from './errors.ts';
import { DEFAULT_FETCH_POLICY } from './fetch.ts';
import type { FetchDeps, FetchPolicy } from './fetch.ts';
import { ingest, SOURCE_FORMATS } from './run.ts';
import type { IngestOutcome, SourceFormat } from './run.ts';
import { changesSummary } from './summary.ts';

export const USAGE = `Usage:
  npm run ingest -- [--week YYYY-MM-DD] [--source URL_OR_PATH] [--format contract|ice]
                    [--replace] [--base REF] [--data DIR] [--summary FILE] [--stale-after DAYS]
  npm run ingest -- --changes-since REF [--data DIR] [--summary FILE]
Environment: REPORT_SOURCE_URL (the source, with {start} for the period start), REPORT_FORMAT,
DATA_DIR, INGEST_TIMEOUT_MS, INGEST_RETRIES, INGEST_BACKOFF_MS, INGEST_MAX_BYTES.`;

export interface CliIo extends Pick<FetchDeps, 'fetch' | 'sleep'> {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Today's date (UTC) as YYYY-MM-DD. */
  today: string;
}

type Env = Readonly<Record<string, string | undefined>>;

class UsageError extends Error {}

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

function fetchPolicy(env: Env): FetchPolicy {
  const d = DEFAULT_FETCH_POLICY;
  return {
    timeoutMs: wholeNumber('INGEST_TIMEOUT_MS', env['INGEST_TIMEOUT_MS'], d.timeoutMs),
    retries: wholeNumber('INGEST_RETRIES', env['INGEST_RETRIES'], d.retries),
    backoffMs: wholeNumber('INGEST_BACKOFF_MS', env['INGEST_BACKOFF_MS'], d.backoffMs),
    maxBytes: wholeNumber('INGEST_MAX_BYTES', env['INGEST_MAX_BYTES'], d.maxBytes),
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
        replace: { type: 'boolean', default: false },
        base: { type: 'string', default: 'HEAD' },
        data: { type: 'string' },
        summary: { type: 'string' },
        'stale-after': { type: 'string' },
        'changes-since': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** An indented block shows any text verbatim in Markdown; nothing in it can become markup. */
const verbatim = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/** Runs the command; resolves to its exit code: 0 done, 1 failed, 2 wrong usage. */
export async function runIngestCli(argv: string[], env: Env, io: CliIo): Promise<number> {
  let values;
  let policy;
  try {
    values = parse(argv);
    policy = fetchPolicy(env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const dataDir = values.data ?? dataDirFromEnv();
  const writeSummary = (markdown: string) =>
    values.summary ? writeFileSync(values.summary, markdown) : io.out(markdown);

  if (values['changes-since']) {
    const ref = values['changes-since'];
    let base;
    try {
      base = readDataset(gitSource(dataDir, ref)).data;
    } catch (error) {
      io.err(
        `Cannot read ${dataDir} at git revision "${ref}": ${(error as Error).message.split('\n')[0]}`,
      );
      return 1;
    }
    writeSummary(changesSummary(base, readDataset(folderSource(dataDir)).data, ref));
    return 0;
  }

  const source = values.source ?? env['REPORT_SOURCE_URL'];
  const format = values.format ?? env['REPORT_FORMAT'] ?? 'contract';
  const usage = (message: string) => {
    io.err(`${message}\n\n${USAGE}`);
    return 2;
  };
  if (!source) return usage('No source: pass --source URL_OR_PATH or set REPORT_SOURCE_URL.');
  if (!(SOURCE_FORMATS as readonly string[]).includes(format)) {
    return usage(`--format must be one of ${SOURCE_FORMATS.join(', ')}, got "${format}"`);
  }
  let staleAfterDays: number | null;
  try {
    staleAfterDays =
      values['stale-after'] === undefined
        ? null
        : wholeNumber('--stale-after', values['stale-after'], 0);
  } catch (error) {
    return usage((error as Error).message);
  }

  let outcome: IngestOutcome;
  try {
    outcome = await ingest(
      {
        dataDir,
        week: values.week ?? null,
        source,
        format: format as SourceFormat,
        replace: values.replace,
        base: values.base,
        staleAfterDays,
        today: io.today,
      },
      { policy, fetch: io.fetch, sleep: io.sleep, log: io.err },
    );
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    io.err(`Ingest failed: ${error.message}`);
    if (values.summary) {
      writeFileSync(
        values.summary,
        `**The ingest failed.** Nothing in \`${dataDir}\` changed.\n\n${verbatim(error.message)}\n`,
      );
    }
    return 1;
  }
  io.out(outcome.message);
  const changed = outcome.kind === 'added' || outcome.kind === 'replaced';
  if (values.summary || changed) writeSummary(outcome.summary);
  const githubOutput = env['GITHUB_OUTPUT'];
  if (githubOutput) {
    appendFileSync(
      githubOutput,
      `week=${outcome.week}\noutcome=${outcome.kind}\nchanged=${changed}\n`,
    );
  }
  return 0;
}
