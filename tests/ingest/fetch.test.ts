import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFileBody } from '../../src/lib/ingest/content.ts';
import {
  checkSourceTemplate,
  fetchSourceFile,
  fetchWithRetry,
  MAX_RETRY_AFTER_MS,
  readLocalFile,
  sourceLocation,
} from '../../src/lib/ingest/fetch.ts';
import type { FetchPolicy } from '../../src/lib/ingest/fetch.ts';
import { startFakeSource } from './fake-source.ts';
import type { FakeSource, Reply } from './fake-source.ts';
import { temporaryFolder } from './helpers.ts';

const policy: FetchPolicy = { timeoutMs: 300, retries: 2, backoffMs: 100, maxBytes: 1000 };

let source: FakeSource;
afterEach(() => source?.close());

/** Fetches /file from a fake source; the waits between attempts are recorded, not slept. */
async function fetchFrom(faults: Reply | Reply[], overrides: Partial<FetchPolicy> = {}) {
  source = await startFakeSource({}, { '/file.csv': faults });
  const waits: number[] = [];
  const log: string[] = [];
  const result = fetchWithRetry(
    `${source.url}file.csv`,
    { ...policy, ...overrides },
    {
      fetch: globalThis.fetch,
      sleep: async (ms) => {
        waits.push(ms);
      },
      log: (line) => log.push(line),
    },
  );
  return { result, waits, log };
}

describe('fetchWithRetry', () => {
  it('retries 5xx answers with a doubling backoff, then returns the body', async () => {
    const { result, waits, log } = await fetchFrom([
      { status: 502 },
      { status: 503 },
      { status: 200, body: 'a,b\n', headers: { 'content-type': 'text/csv' } },
    ]);
    const fetched = await result;
    expect(fetched).toMatchObject({ found: true, contentType: 'text/csv' });
    expect(new TextDecoder().decode((fetched as { bytes: Uint8Array }).bytes)).toBe('a,b\n');
    expect(waits).toEqual([100, 200]);
    expect(log[0]).toBe(`${source.url}file.csv: HTTP 502 Bad Gateway; retrying in 0.1 s`);
  });

  it('gives up after the bounded number of retries', async () => {
    const { result, waits } = await fetchFrom({ status: 500 });
    await expect(result).rejects.toThrow(
      'HTTP 500 Internal Server Error (gave up after 3 attempts)',
    );
    expect(waits).toEqual([100, 200]);
    expect(source.requests).toHaveLength(3);
  });

  it('never retries a 4xx answer', async () => {
    const { result } = await fetchFrom({ status: 403 });
    await expect(result).rejects.toThrow('answered HTTP 403 Forbidden; not retried');
    expect(source.requests).toHaveLength(1);
  });

  it('reports 404 as a missing file, without retrying', async () => {
    const { result } = await fetchFrom({ status: 404 });
    expect(await result).toEqual({ found: false, reason: 'HTTP 404 Not Found' });
    expect(source.requests).toHaveLength(1);
  });

  it('counts a stalled body as a timeout, and retries it', async () => {
    const { result } = await fetchFrom({ stall: 'a,b\n' }, { retries: 1 });
    await expect(result).rejects.toThrow(
      'no complete response within 0.3 s (gave up after 2 attempts)',
    );
    expect(source.requests).toHaveLength(2);
  });

  it('stops reading a body that grows past the limit without announcing its length', async () => {
    const { result } = await fetchFrom({ status: 200, body: 'x'.repeat(1500) });
    await expect(result).rejects.toThrow('sent more than the limit of 1000 bytes');
    expect(source.requests).toHaveLength(1);
  });

  it('waits as long as a 429 asks (Retry-After in seconds), when longer than the backoff', async () => {
    const { result, waits } = await fetchFrom([
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 200, body: 'a,b\n' },
    ]);
    expect(await result).toMatchObject({ found: true });
    expect(waits).toEqual([1000, 200]);
  });

  it('reads Retry-After as an HTTP date, and refuses a wait beyond the limit', async () => {
    const later = new Date(Date.now() + MAX_RETRY_AFTER_MS + 60_000).toUTCString();
    const { result, waits } = await fetchFrom({ status: 503, headers: { 'retry-after': later } });
    await expect(result).rejects.toThrow(
      `HTTP 503 Service Unavailable, and the server asks to wait`,
    );
    expect(waits).toEqual([]);
    expect(source.requests).toHaveLength(1);
  });

  it('retries a 408, and not a 501', async () => {
    const retried = await fetchFrom([{ status: 408 }, { status: 200, body: 'a\n' }]);
    expect(await retried.result).toMatchObject({ found: true });
    await source.close();
    const { result } = await fetchFrom({ status: 501 });
    await expect(result).rejects.toThrow('answered HTTP 501 Not Implemented; not retried');
    expect(source.requests).toHaveLength(1);
  });

  it('follows a relative redirect, and names both addresses when the target fails', async () => {
    source = await startFakeSource(
      { '/moved/file.csv': 'a,b\n' },
      {
        '/file.csv': { status: 302, headers: { location: 'moved/file.csv' } },
        '/locked.csv': { status: 301, headers: { location: '/moved/locked.csv' } },
        '/moved/locked.csv': { status: 403 },
      },
    );
    const deps = { fetch: globalThis.fetch, sleep: async () => {}, log: () => {} };
    const fetched = await fetchWithRetry(`${source.url}file.csv`, policy, deps);
    expect(new TextDecoder().decode((fetched as { bytes: Uint8Array }).bytes)).toBe('a,b\n');
    await expect(fetchWithRetry(`${source.url}locked.csv`, policy, deps)).rejects.toThrow(
      `${source.url}locked.csv (redirected to ${source.url}moved/locked.csv) answered HTTP 403 Forbidden; not retried`,
    );
    expect(source.requests).toEqual([
      '/file.csv',
      '/moved/file.csv',
      '/locked.csv',
      '/moved/locked.csv',
    ]);
  });

  it('refuses a redirect loop and a redirect without a Location, each after one request', async () => {
    const { result } = await fetchFrom({ status: 308, headers: { location: '/file.csv' } });
    await expect(result).rejects.toThrow(
      `${source.url}file.csv redirects in a loop (${source.url}file.csv → ${source.url}file.csv); not retried`,
    );
    expect(source.requests).toHaveLength(1);
    await source.close();
    const bare = await fetchFrom({ status: 302 });
    await expect(bare.result).rejects.toThrow(
      `${source.url}file.csv answered HTTP 302 Found without a Location to follow; not retried`,
    );
    expect(source.requests).toHaveLength(1);
  });

  it('refuses a 410 Gone rather than taking it for a week still to come', async () => {
    const { result } = await fetchFrom({ status: 410 });
    await expect(result).rejects.toThrow(
      'answered HTTP 410 Gone: the source says the file was removed for good.',
    );
    expect(source.requests).toHaveLength(1);
  });

  it('retries when the server cannot be reached', async () => {
    source = await startFakeSource({});
    const url = `${source.url}file.csv`;
    await source.close();
    const waits: number[] = [];
    const deps = {
      fetch: globalThis.fetch,
      sleep: async (ms: number) => void waits.push(ms),
      log: () => {},
    };
    await expect(fetchWithRetry(url, policy, deps)).rejects.toThrow(
      /network error: .*\(gave up after 3 attempts\)/,
    );
    expect(waits).toEqual([100, 200]);
  });
});

describe('checkSourceTemplate', () => {
  it('accepts http(s) addresses and local paths, with or without {start}', () => {
    for (const template of [
      'https://mirror.example.org/reports/{start}/',
      'HTTP://127.0.0.1:8080/{start}',
      './exports/{start}',
      '/srv/exports',
      'C:/exports/{start}',
    ]) {
      expect(() => checkSourceTemplate(template), template).not.toThrow();
    }
  });

  it('refuses other schemes and addresses that do not parse', () => {
    expect(() => checkSourceTemplate('sftp://host/{start}')).toThrow(
      'is an address of the scheme sftp:, which the ingest cannot fetch',
    );
    expect(() => checkSourceTemplate('https://exa mple.org/{start}')).toThrow(
      'is not a valid web address',
    );
    expect(() => sourceLocation('https://[::1/{start}', '2017-02-04', 'report.json')).toThrow(
      'is not a valid web address',
    );
  });
});

describe('sourceLocation and local sources', () => {
  it('puts the period start into the template and appends the file name', () => {
    expect(
      sourceLocation('https://mirror.example.org/reports/{start}', '2017-02-04', 'report.json'),
    ).toBe('https://mirror.example.org/reports/2017-02-04/report.json');
    expect(sourceLocation('exports/{start}/', '2017-02-04', 'summary.json')).toBe(
      'exports/2017-02-04/summary.json',
    );
  });

  it('reads a file from a path with the same size limit, and reports a missing one', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'small.csv'), 'a,b\n');
    writeFileSync(join(dir, 'large.csv'), 'x'.repeat(2000));
    const deps = { fetch: globalThis.fetch, sleep: async () => {}, log: () => {} };
    expect(await fetchSourceFile(join(dir, 'small.csv'), policy, deps)).toMatchObject({
      found: true,
    });
    expect(await fetchSourceFile(join(dir, 'none.csv'), policy, deps)).toEqual({
      found: false,
      reason: 'no such file',
    });
    await expect(fetchSourceFile(join(dir, 'large.csv'), policy, deps)).rejects.toThrow(
      'is 2000 bytes, more than the limit of 1000 bytes',
    );
  });

  it('refuses a folder, a pipe, and a path through a file, naming the culprit', () => {
    const dir = temporaryFolder();
    mkdirSync(join(dir, 'folder.csv'));
    writeFileSync(join(dir, 'file'), '');
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    expect(() => readLocalFile(join(dir, 'folder.csv'), 1000)).toThrow(
      `${join(dir, 'folder.csv')} is a folder, not a file`,
    );
    expect(() => readLocalFile(join(dir, 'pipe.csv'), 1000)).toThrow(
      `${join(dir, 'pipe.csv')} is not a regular file (a device, pipe or socket)`,
    );
    expect(() => readLocalFile(join(dir, 'file', 'deeper', 'report.json'), 1000)).toThrow(
      `${join(dir, 'file')} is a file, not a folder`,
    );
  });
});

describe('checkFileBody', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('returns CSV text without its byte-order mark', () => {
    expect(checkFileBody('a.csv', bytes('\uFEFFa,b\r\n1,2\r\n'), 'text/csv')).toBe(
      'a,b\r\n1,2\r\n',
    );
  });

  it('accepts CSV that a misconfigured server labels as HTML', () => {
    expect(checkFileBody('a.csv', bytes('a,b\n'), 'text/html')).toBe('a,b\n');
  });

  it('refuses an HTML page, naming its title', () => {
    expect(() =>
      checkFileBody('a.csv', bytes('<html><title>Page not found</title></html>'), null),
    ).toThrow('a.csv is an HTML page ("Page not found"), not CSV; the source may be down');
  });

  it('refuses empty, binary, non-UTF-8 and malformed JSON bodies', () => {
    expect(() => checkFileBody('a.csv', bytes(' \n'), null)).toThrow(
      'a.csv is empty; expected CSV',
    );
    expect(() => checkFileBody('a.csv', bytes('a\0b'), null)).toThrow('a.csv is binary, not CSV');
    expect(() => checkFileBody('a.csv', new Uint8Array([0x61, 0xff]), null)).toThrow(
      'a.csv is not CSV: the file is not valid UTF-8 (byte 0xff)',
    );
    expect(() => checkFileBody('r.json', bytes('{"a":'), null)).toThrow('r.json is not valid JSON');
  });
});
