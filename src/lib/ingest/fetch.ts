import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IngestError } from './errors.ts';
import { reachFrom, systemLookup } from './hosts.ts';
import type { AllowedHost, HostLookup, Reach } from './hosts.ts';

/** How hard to try for one file. */
export interface FetchPolicy {
  /** Longest wait for one whole response, redirects, headers and body. */
  timeoutMs: number;
  /** Attempts after the first, for failures that may pass: network errors, timeouts, 5xx, 429. */
  retries: number;
  /** Wait before the first retry; each further retry waits twice as long. */
  backoffMs: number;
  /** Largest body accepted. */
  maxBytes: number;
  /** Hosts besides the source's own that links and redirects may lead to (INGEST_ALLOWED_HOSTS). */
  allowedHosts?: readonly AllowedHost[];
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 2_000,
  maxBytes: 5 * 1024 * 1024,
};

/** Redirects followed for one file; a mirror needs one or two (http → https, a moved folder). */
export const MAX_REDIRECTS = 5;
/** The longest `Retry-After` honoured; a server asking for more is asked again on a later run. */
export const MAX_RETRY_AFTER_MS = 60_000;

export interface FetchDeps {
  fetch: typeof globalThis.fetch;
  sleep: (ms: number) => Promise<void>;
  /** Told about every failed attempt that will be retried. */
  log: (line: string) => void;
  /** Resolves host names for the address rule (hosts.ts); node:dns by default. */
  lookup?: HostLookup;
}

/** The rules for the requests that start at `home` (see hosts.ts), from the settings. */
export function reachOf(
  home: string,
  policy: FetchPolicy,
  deps: FetchDeps,
  linkedFrom: string | null = null,
): Reach {
  return reachFrom(
    home,
    { allowedHosts: policy.allowedHosts ?? [], lookup: deps.lookup ?? systemLookup },
    linkedFrom,
  );
}

export type Fetched =
  { found: true; bytes: Uint8Array; contentType: string | null } | { found: false; reason: string };

const WEB_SCHEMES = ['http:', 'https:'];

/** Where a source file is: a web address, or a path on this machine. */
export function isWebLocation(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** `ftp:`, `file:`, `http:` at the start of a source; one letter is a Windows drive, not a scheme. */
const schemeOf = (location: string) => /^([a-z][a-z0-9+.-]+):/i.exec(location)?.[1]?.toLowerCase();

/**
 * Refuses a source the ingest cannot read before anything is fetched: an address with a scheme
 * other than http(s), or a web address that does not parse. Anything else is a local path.
 */
export function checkSourceTemplate(template: string): void {
  const scheme = schemeOf(template);
  if (scheme === undefined) return;
  if (!WEB_SCHEMES.includes(`${scheme}:`)) {
    throw new IngestError(
      `The source "${template}" is an address of the scheme ${scheme}:, which the ingest cannot fetch. Give an http:// or https:// address, or a local folder as a plain path (for a file: address, its path), with {start} for the period start (--source or REPORT_SOURCE_URL).`,
    );
  }
  parseWebAddress(template.replaceAll('{start}', '2017-01-01'), template);
}

function parseWebAddress(address: string, asGiven: string): URL {
  const url = URL.canParse(address) ? new URL(address) : null;
  if (!url || !WEB_SCHEMES.includes(url.protocol) || !url.hostname) {
    throw new IngestError(
      `The source "${asGiven}" is not a valid web address: check it for spaces, a missing host or stray characters (--source or REPORT_SOURCE_URL).`,
    );
  }
  return url;
}

/**
 * The location of one file of a week: `{start}` in the template becomes the period start, then
 * the file name is appended to the folder it names.
 */
export function sourceLocation(template: string, week: string, fileName: string): string {
  checkSourceTemplate(template);
  const folder = template.replaceAll('{start}', week);
  if (schemeOf(folder) === undefined) return join(folder, fileName);
  const url = parseWebAddress(folder, template);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL(fileName, url).href;
}

/** A failed attempt that may succeed if tried again, perhaps after the wait the server asks. */
class RetryableFailure {
  readonly reason: string;
  readonly retryAfterMs: number | null;
  constructor(reason: string, retryAfterMs: number | null = null) {
    this.reason = reason;
    this.retryAfterMs = retryAfterMs;
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

/** `Retry-After` as milliseconds: a number of seconds or an HTTP date; null when absent or odd. */
function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('retry-after')?.trim();
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

const NOT_RETRIED = 'not retried, as the answer will not change';

/**
 * 5xx answers that describe the server, not a passing overload: it cannot do this request at
 * all (501, 505) or wants a login first (511, a captive portal).
 */
const PERMANENT_SERVER_ERRORS = new Set([501, 505, 511]);

/** What one final (non-redirect) answer means: the file, its absence, or a failure. */
async function judgeResponse(
  response: Response,
  where: string,
  policy: FetchPolicy,
): Promise<Fetched> {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.ok) {
    const bytes = await readLimited(response, where, policy.maxBytes);
    return { found: true, bytes, contentType: response.headers.get('content-type') };
  }
  await response.body?.cancel();
  if (response.status === 404) return { found: false, reason: status };
  if (response.status === 408 || response.status === 429) {
    throw new RetryableFailure(status, retryAfterMs(response));
  }
  if (response.status >= 500 && !PERMANENT_SERVER_ERRORS.has(response.status)) {
    throw new RetryableFailure(status, retryAfterMs(response));
  }
  if (response.status === 410) {
    // Gone is a statement that the file existed and was removed, not that a week is still to come.
    throw new IngestError(
      `${where} answered ${status}: the source says the file was removed for good. Check the source address, and whether the report was withdrawn; ${NOT_RETRIED}`,
    );
  }
  throw new IngestError(
    `${where} answered ${status}; ${NOT_RETRIED}. Check the source address and whether the source needs access rights.`,
  );
}

const isRedirect = (status: number) => status >= 300 && status < 400;

/** The next address of a redirect chain, refusing what following could never fix. */
function redirectTarget(response: Response, chain: readonly string[]): string {
  const from = chain.at(-1)!;
  const started = chain[0]!;
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const location = response.headers.get('location');
  if (location === null) {
    throw new IngestError(
      `${started} answered ${status} without a Location to follow; ${NOT_RETRIED}`,
    );
  }
  const next = URL.canParse(location, from) ? new URL(location, from) : null;
  if (!next || !WEB_SCHEMES.includes(next.protocol)) {
    throw new IngestError(
      `${started} redirects to "${location}", which is not an http(s) address; ${NOT_RETRIED}. Point the source at the address the files are served from.`,
    );
  }
  const path = [...chain, next.href].join(' → ');
  if (chain.includes(next.href)) {
    throw new IngestError(
      `${started} redirects in a loop (${path}); ${NOT_RETRIED}. The server's redirect is misconfigured: point the source at the address the files are served from.`,
    );
  }
  if (chain.length > MAX_REDIRECTS) {
    throw new IngestError(
      `${started} redirects more than ${MAX_REDIRECTS} times (${path}); ${NOT_RETRIED}. Point the source at the address the files are served from.`,
    );
  }
  return next.href;
}

/**
 * Refuses an address the rules do not let the ingest request; a host name that cannot be
 * resolved is a network error, retried like one.
 */
async function checkReach(reach: Reach, target: string, from: string | null): Promise<void> {
  try {
    await reach.check(target, from);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new RetryableFailure(
      `network error: could not look up ${new URL(target).hostname} (${code})`,
    );
  }
}

/** One attempt: the request and the redirects it leads to, within one timeout. */
async function attempt(
  url: string,
  policy: FetchPolicy,
  deps: FetchDeps,
  reach: Reach,
): Promise<Fetched> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  try {
    // Redirects are followed here, not by fetch, so a loop is recognised as one and not retried
    // as if it were a network error, and each hop is checked before it is requested.
    const chain = [url];
    for (;;) {
      await checkReach(reach, chain.at(-1)!, chain.at(-2) ?? null);
      const response = await deps.fetch(chain.at(-1)!, {
        signal: controller.signal,
        redirect: 'manual',
      });
      if (!isRedirect(response.status)) {
        const where = chain.length > 1 ? `${url} (redirected to ${chain.at(-1)})` : url;
        return await judgeResponse(response, where, policy);
      }
      await response.body?.cancel();
      chain.push(redirectTarget(response, chain));
    }
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

/** The wait before retry `number` (1 for the first): the backoff, or longer if the server asks. */
function retryWait(url: string, failure: RetryableFailure, number: number, policy: FetchPolicy) {
  const backoff = policy.backoffMs * 2 ** (number - 1);
  const asked = failure.retryAfterMs;
  if (asked !== null && asked > MAX_RETRY_AFTER_MS) {
    throw new IngestError(
      `could not fetch ${url}: ${failure.reason}, and the server asks to wait ${seconds(asked)} before asking again, longer than the ingest waits (${seconds(MAX_RETRY_AFTER_MS)}). Run the ingest again later.`,
    );
  }
  return Math.max(backoff, asked ?? 0);
}

/**
 * Fetches one file over HTTP(S), each request and redirect checked by `reach` first (by default
 * the rules for a source at `url`). Network errors, timeouts, 5xx answers (but 501, 505, 511), 408
 * and 429 are retried with exponential backoff (or the server's `Retry-After`) up to
 * `policy.retries` times; other answers, redirect loops and oversized bodies are not, as asking
 * again would get the same. Only 404 means the file is not there, which only the caller can judge.
 */
export async function fetchWithRetry(
  url: string,
  policy: FetchPolicy,
  deps: FetchDeps,
  reach: Reach = reachOf(url, policy, deps),
): Promise<Fetched> {
  const attempts = policy.retries + 1;
  for (let number = 1; ; number++) {
    try {
      return await attempt(url, policy, deps, reach);
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
      if (number === attempts) {
        throw new IngestError(
          `could not fetch ${url}: ${error.reason} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
        );
      }
      const wait = retryWait(url, error, number, policy);
      deps.log(`${url}: ${error.reason}; retrying in ${seconds(wait)}`);
      await deps.sleep(wait);
    }
  }
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'an error';

/** The nearest existing folder-or-file above a path, to say which part of it is wrong. */
function nearestExisting(path: string): { path: string; isFile: boolean } | null {
  for (let at = dirname(path); at !== dirname(at); at = dirname(at)) {
    try {
      return { path: at, isFile: !statSync(at).isDirectory() };
    } catch {
      continue;
    }
  }
  return null;
}

/** Reads one file of a source folder on this machine, with the same size limit. */
export function readLocalFile(path: string, maxBytes: number): Fetched {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (errno(error) === 'ENOTDIR') {
      const file = nearestExisting(path);
      throw new IngestError(
        `${file?.path ?? path} is a file, not a folder, so ${path} cannot be read: the source must name the folder that holds a week's files (with {start} for the period start).`,
      );
    }
    if (errno(error) === 'ENOENT') return { found: false, reason: 'no such file' };
    throw new IngestError(
      `${path} cannot be read (${errno(error)}): check that the source folder exists and that the ingest may read it.`,
    );
  }
  if (stats.isDirectory()) {
    throw new IngestError(
      `${path} is a folder, not a file: the source's folder for the week must hold it as a file.`,
    );
  }
  if (!stats.isFile()) {
    throw new IngestError(
      `${path} is not a regular file (a device, pipe or socket): the source's folder for the week must hold it as a file.`,
    );
  }
  if (stats.size > maxBytes) {
    throw new IngestError(
      `${path} is ${stats.size} bytes, more than the limit of ${maxBytes} bytes (INGEST_MAX_BYTES)`,
    );
  }
  try {
    return { found: true, bytes: readFileSync(path), contentType: null };
  } catch (error) {
    throw new IngestError(
      `${path} cannot be read (${errno(error)}${errno(error) === 'EACCES' ? ': permission denied' : ''}): give the ingest read access to the source folder, or copy the files somewhere it can read.`,
    );
  }
}

/**
 * Fetches one file from a web address (checked by `reach`, by default the rules for a source at
 * that address) or reads it from a path.
 */
export async function fetchSourceFile(
  location: string,
  policy: FetchPolicy,
  deps: FetchDeps,
  reach?: Reach,
): Promise<Fetched> {
  return isWebLocation(location)
    ? fetchWithRetry(location, policy, deps, reach)
    : readLocalFile(location, policy.maxBytes);
}
