import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { expect, onTestFinished } from 'vitest';
import { runIngestCli } from '../../src/lib/ingest/cli.ts';
import type { CliIo } from '../../src/lib/ingest/cli.ts';

export const INGEST_FIXTURES = resolve(import.meta.dirname, '../fixtures/ingest');
/** The week the fixtures add: the one after the fixture data's only report. */
export const WEEK = '2017-02-04';
export const EXPECTED_WEEK = join(INGEST_FIXTURES, 'expected/reports', WEEK);

/** A temporary folder, removed when the test ends. */
export function temporaryFolder(prefix = 'dda-ingest-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temporary copy of the small fixture data folder (one report, seven jurisdictions). */
export function fixtureData(): string {
  const dir = join(temporaryFolder(), 'data');
  cpSync(join(INGEST_FIXTURES, 'data'), dir, { recursive: true });
  return dir;
}

/** Every file under a folder, by relative path with forward slashes. */
export function readTree(dir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path).split(sep).join('/')] = readFileSync(path);
  }
  return files;
}

/** A hash of every path and byte under a folder (hidden files included). */
export function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const tree = readTree(dir);
  for (const path of Object.keys(tree).sort()) hash.update(`${path}\0`).update(tree[path]!);
  return hash.digest('hex');
}

/** The files of a folder as the fake source serves them, under a URL path prefix. */
export function served(prefix: string, dir: string): Record<string, Buffer> {
  return Object.fromEntries(
    Object.entries(readTree(dir)).map(([path, bytes]) => [`${prefix}${path}`, bytes]),
  );
}

/** Quick retries, so fault tests take a fraction of a second. */
export const FAST_FETCH = {
  INGEST_TIMEOUT_MS: '2000',
  INGEST_RETRIES: '2',
  INGEST_BACKOFF_MS: '10',
};

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `npm run ingest -- …` in-process, with its own environment, clock and, if given, fetch. */
export async function ingestCli(
  argv: string[],
  env: Record<string, string> = {},
  today = '2017-04-01',
  io: Partial<Pick<CliIo, 'fetch'>> = {},
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runIngestCli(
    argv,
    { ...FAST_FETCH, ...env },
    {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      fetch: globalThis.fetch,
      sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
      today,
      ...io,
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The fixture data, the expected week and its descriptor, as the data folder must hold them. */
export function expectedTree(): Record<string, Buffer> {
  const tree = readTree(join(INGEST_FIXTURES, 'data'));
  for (const [name, bytes] of Object.entries(readTree(EXPECTED_WEEK))) {
    tree[`reports/${WEEK}/${name}`] = bytes;
  }
  tree['datapackage.json'] = readFileSync(join(INGEST_FIXTURES, 'expected/datapackage.json'));
  return tree;
}

/** The data folder holds the fixture data plus exactly the expected week and descriptor. */
export function expectIngested(data: string): void {
  expect(readTree(data)).toEqual(expectedTree());
}

/** Nothing beside the data folder (but a repository's .git): no staging folder was left. */
export function expectNoStaging(data: string): void {
  expect(readdirSync(dirname(data)).filter((name) => name !== '.git')).toEqual([basename(data)]);
}

/** Markdown as the CLI writes a message into the summary file: an indented, verbatim block. */
export const verbatim = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/** The message the CLI logged after `Ingest failed: `, which runs to the end of its output. */
export function failureMessage(err: string): string {
  const at = err.indexOf('Ingest failed: ');
  expect(at, err).toBeGreaterThanOrEqual(0);
  return err.slice(at + 'Ingest failed: '.length);
}

export const SCRIPT = resolve(import.meta.dirname, '../../scripts/ingest.ts');

export interface ScriptRun {
  pid: number;
  /** Resolves when the process ends, with its exit code (null if a signal ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: (signal: NodeJS.Signals) => void;
  stdout: () => string;
  stderr: () => string;
}

/** Starts the real CLI (`node scripts/ingest.ts`) as a child process; killed when the test ends. */
export function startScript(args: string[], env: Record<string, string> = {}): ScriptRun {
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    env: { ...process.env, ...FAST_FETCH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('close', (code, signal) => done({ code, signal })),
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    pid: child.pid!,
    exited,
    kill: (signal) => child.kill(signal),
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** Waits for a file to appear, failing if the process ends first or it takes too long. */
export async function waitForFile(path: string, run: ScriptRun, timeoutMs = 20_000) {
  let ended = false;
  void run.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (ended) throw new Error(`the ingest ended before ${path} appeared:\n${run.stderr()}`);
    if (Date.now() > deadline) throw new Error(`${path} did not appear:\n${run.stderr()}`);
    await sleep(20);
  }
}

/** Makes a folder a git repository whose one commit holds everything in it. */
export async function commitAll(repo: string): Promise<void> {
  const git = (args: string[]) =>
    promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
      cwd: repo,
    });
  await git(['init', '-q']);
  await git(['add', '.']);
  await git(['commit', '-qm', 'published']);
}
