import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { onTestFinished } from 'vitest';
import { runIngestCli } from '../../src/lib/ingest/cli.ts';

export const INGEST_FIXTURES = resolve(import.meta.dirname, '../fixtures/ingest');
/** The week the fixtures add: the one after the fixture data's only report. */
export const WEEK = '2017-02-04';
export const EXPECTED_WEEK = join(INGEST_FIXTURES, 'expected/reports', WEEK);
export const ICE_WEEK = join(INGEST_FIXTURES, 'ice', WEEK);

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

/** Runs `npm run ingest -- …` in-process, with its own environment and clock. */
export async function ingestCli(
  argv: string[],
  env: Record<string, string> = {},
  today = '2017-04-01',
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
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
