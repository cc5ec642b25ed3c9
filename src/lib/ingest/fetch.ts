import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IngestError } from './errors.ts';

/** How hard to try for one file. */
export interface FetchPolicy {
  /** Longest wait for one whole response, headers and body. */
  timeoutMs: number;
  /** Attempts after the first, for failures that may pass: network errors, timeouts, 5xx. */
  retries: number;
  /** Wait before the first retry; each further retry waits twice as long. */
  backoffMs: number;
  /** Largest body accepted. */
  maxBytes: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 2_000,
  maxBytes: 5 * 1024 * 1024,
};

export interface FetchDeps {
  fetch: typeof globalThis.fetch;
  sleep: (ms: number) => Promise<void>;
  /** Told about every failed attempt that will be retried. */
  log: (line: string) => void;
}

export type Fetched =
  { found: true; bytes: Uint8Array; contentType: string | null } | { found: false; reason: string };

/** Where a source file is: a web address, or a path on this machine. */
export function isWebLocation(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/**
 * The location of one file of a week: `{start}` in the template becomes the period start, then
 * the file name is appended to the folder it names.
 */
export function sourceLocation(template: string, week: string, fileName: string): string {
  const folder = template.replaceAll('{start}', week);
  if (isWebLocation(folder))
    return new URL(fileName, folder.endsWith('/') ? folder : `${folder}/`).href;
  return join(folder, fileName);
}

/** A failed attempt that may succeed if tried again. */
class RetryableFailure {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

const seconds = (ms: number) => `${ms / 1000} s`;

/** Reads a body as a stream, refusing to hold more than the limit in memory. */
async function readLimited(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new IngestError(
      `${url} is ${declared} bytes, more than the limit of ${maxBytes} bytes (INGEST_MAX_BYTES); a weekly report is far smaller, so this is not one`,
    );
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      // Throwing out of the loop cancels the stream.
      if (total > maxBytes) {
        throw new IngestError(
          `${url} sent more than the limit of ${maxBytes} bytes (INGEST_MAX_BYTES); a weekly report is far smaller, so this is not one`,
        );
      }
      chunks.push(chunk);
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function attempt(url: string, policy: FetchPolicy, deps: FetchDeps): Promise<Fetched> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  try {
    const response = await deps.fetch(url, { signal: controller.signal, redirect: 'follow' });
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      return { found: false, reason: status };
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new RetryableFailure(status);
    }
    if (!response.ok) {
      await response.body?.cancel();
      // A 4xx answer says the request itself is wrong: asking again cannot change it.
      throw new IngestError(
        `${url} answered ${status}; not retried, as a 4xx answer will not change`,
      );
    }
    const bytes = await readLimited(response, url, policy.maxBytes);
    return { found: true, bytes, contentType: response.headers.get('content-type') };
  } catch (error) {
    if (error instanceof IngestError || error instanceof RetryableFailure) throw error;
    if (controller.signal.aborted) {
      throw new RetryableFailure(`no complete response within ${seconds(policy.timeoutMs)}`);
    }
    if (error instanceof TypeError) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new RetryableFailure(
        error.message === 'terminated'
          ? `the response was cut off before it was complete (${cause ?? 'connection closed'})`
          : `network error: ${cause ?? error.message}`,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Fetches one file over HTTP(S). Network errors, timeouts and 5xx answers are retried with
 * exponential backoff up to `policy.retries` times; 4xx answers and oversized bodies are not.
 * 404 and 410 mean the file is not there, which only the caller can judge.
 */
export async function fetchWithRetry(
  url: string,
  policy: FetchPolicy,
  deps: FetchDeps,
): Promise<Fetched> {
  const attempts = policy.retries + 1;
  for (let number = 1; ; number++) {
    try {
      return await attempt(url, policy, deps);
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
      if (number === attempts) {
        throw new IngestError(
          `could not fetch ${url}: ${error.reason} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
        );
      }
      const wait = policy.backoffMs * 2 ** (number - 1);
      deps.log(`${url}: ${error.reason}; retrying in ${seconds(wait)}`);
      await deps.sleep(wait);
    }
  }
}

/** Reads one file of a source folder on this machine, with the same size limit. */
export function readLocalFile(path: string, maxBytes: number): Fetched {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { found: false, reason: 'no such file' };
  }
  if (size > maxBytes) {
    throw new IngestError(
      `${path} is ${size} bytes, more than the limit of ${maxBytes} bytes (INGEST_MAX_BYTES)`,
    );
  }
  return { found: true, bytes: readFileSync(path), contentType: null };
}

/** Fetches one file from a web address or reads it from a path. */
export async function fetchSourceFile(
  location: string,
  policy: FetchPolicy,
  deps: FetchDeps,
): Promise<Fetched> {
  return isWebLocation(location)
    ? fetchWithRetry(location, policy, deps)
    : readLocalFile(location, policy.maxBytes);
}
