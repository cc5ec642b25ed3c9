/**
 * Hostile sources: a listing page (or a server's redirect) that leads the unattended weekly run
 * to another host, to a private or link-local address, or to two reports for one week.
 *
 * Every case is refused, or decided, before a PDF is read, so the tests do not depend on the PDF
 * parser but for the one success of two candidates. Local servers on 127.0.0.1 stand for the
 * listing's origin and for "another host" (another port is another origin); each counts the
 * requests it received, so a test shows that no connection reached the other host. The address
 * rule needs a listing on a public host: there the test injects a DNS lookup and a fetch that
 * records every address it is asked for, and nothing leaves the process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfLibDdor } from '../../scripts/lib/ddor-pdf/pdf-lib.ts';
import { pickLink } from '../../src/lib/ingest/candidates.ts';
import { runIngestCli } from '../../src/lib/ingest/cli.ts';
import { fetchWithRetry } from '../../src/lib/ingest/fetch.ts';
import { parseAllowedHost, reachFrom, reservedRange } from '../../src/lib/ingest/hosts.ts';
import type { HostLookup } from '../../src/lib/ingest/hosts.ts';
import type { ReportLink } from '../../src/lib/ingest/listing.ts';
import { startFakeSource } from './fake-source.ts';
import type { FakeSource, Reply } from './fake-source.ts';
import {
  FAST_FETCH,
  failureMessage,
  fixtureData,
  INGEST_FIXTURES,
  temporaryFolder,
  treeHash,
  verbatim,
  WEEK,
} from './helpers.ts';
import { gazetteerPlaces, truthOver } from './pdf-fixtures.ts';

/** The week's file name as ICE named them; the listing's links give the period by it. */
const PDF_NAME = 'ddor2017_02-04to02-10.pdf';
const LINK_TEXT = 'Declined Detainer Outcome Report, Feb. 4 – Feb. 10, 2017';
const LISTING = '/ddor/listing.html';
/** An HTML page where the PDF should be: refused before any PDF is read. */
const NOT_A_PDF = '<!DOCTYPE html><html><body>Not the report</body></html>';

/** One list item per report, the publication date beside it when given. */
const item = (href: string, text = LINK_TEXT, published?: string) =>
  `<li><a href="${href}">${text}</a> (PDF)${published ? ` <span>Published ${published}</span>` : ''}</li>`;
const page = (items: string[]) =>
  `<!DOCTYPE html><html lang="en"><head><title>Declined Detainer Outcome Report | ICE</title></head><body><main><h1>Declined Detainer Outcome Report</h1><ul>${items.join('\n')}</ul></main></body></html>`;

const servers: FakeSource[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(
  files: Record<string, string | Uint8Array> = {},
  faults: Record<string, Reply | Reply[]> = {},
): Promise<FakeSource> {
  const server = await startFakeSource(files, faults);
  servers.push(server);
  return server;
}

/** A DNS that knows only `table`, and records every name it is asked. */
function fakeDns(table: Record<string, string[]> = {}) {
  const asked: string[] = [];
  const lookup: HostLookup = async (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    return addresses.map((address) => ({ address }));
  };
  return { lookup, asked };
}

type Answer = () => Response;

/** A web that exists only in this process: each address's answer, and every address asked. */
function fakeWeb(answers: Record<string, Answer>) {
  const asked: string[] = [];
  const fetch = async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : String(input);
    asked.push(url);
    return answers[url]?.() ?? new Response('Not Found', { status: 404 });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

const html =
  (body: string): Answer =>
  () =>
    new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
const redirect =
  (location: string): Answer =>
  () =>
    new Response(null, { status: 302, headers: { location } });

interface Run {
  code: number;
  err: string;
  summary: string;
  /** Whether the data folder is byte for byte as before. */
  unchanged: boolean;
  data: string;
}

/** `npm run ingest -- --format pdf --source SOURCE …` in-process, with its own fetch and DNS. */
async function ingest(
  source: string,
  options: {
    env?: Record<string, string>;
    fetch?: typeof globalThis.fetch;
    lookup?: HostLookup;
    format?: 'pdf' | 'contract';
  } = {},
): Promise<Run> {
  const data = fixtureData();
  const before = treeHash(data);
  const summaryFile = join(temporaryFolder('dda-hostile-summary-'), 'summary.md');
  const err: string[] = [];
  const code = await runIngestCli(
    [
      '--format',
      options.format ?? 'pdf',
      '--source',
      source,
      '--data',
      data,
      '--summary',
      summaryFile,
    ],
    { ...FAST_FETCH, ...options.env },
    {
      out: () => {},
      err: (text) => err.push(text),
      fetch: options.fetch ?? globalThis.fetch,
      sleep: async () => {},
      today: '2017-04-01',
      // Local servers are IP addresses: a test that resolves a name by accident fails here.
      lookup: options.lookup ?? fakeDns().lookup,
    },
  );
  return {
    code,
    err: err.join('\n'),
    summary: readFileSync(summaryFile, 'utf8'),
    unchanged: treeHash(data) === before,
    data,
  };
}

/** The run failed with nothing written, and its summary says what the log says. */
function expectRefused(run: Run): string {
  expect(run.code, run.err).toBe(1);
  expect(run.unchanged).toBe(true);
  const message = failureMessage(run.err);
  expect(run.summary).toBe(
    `**The ingest failed.** Nothing in \`${run.data}\` changed.\n\n${verbatim(message)}\n`,
  );
  return message;
}

describe('the address rule: which addresses are private, loopback, link-local or reserved', () => {
  it.each([
    ['10.1.2.3', 'private', '10.0.0.0/8'],
    ['172.16.0.1', 'private', '172.16.0.0/12'],
    ['172.31.255.255', 'private', '172.16.0.0/12'],
    ['192.168.1.20', 'private', '192.168.0.0/16'],
    ['127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['127.255.0.9', 'loopback', '127.0.0.0/8'],
    ['169.254.169.254', 'link-local', '169.254.0.0/16'],
    ['0.0.0.0', 'unspecified ("this network")', '0.0.0.0/8'],
    ['100.64.0.1', 'shared (carrier-grade NAT)', '100.64.0.0/10'],
    ['224.0.0.251', 'multicast', '224.0.0.0/4'],
    ['255.255.255.255', 'reserved (and broadcast)', '240.0.0.0/4'],
    ['::1', 'loopback', '::1/128'],
    ['[::1]', 'loopback', '::1/128'],
    ['::', 'unspecified', '::/128'],
    ['fc00::1', 'private (unique local)', 'fc00::/7'],
    ['fd12:3456:789a::1', 'private (unique local)', 'fc00::/7'],
    ['fe80::1', 'link-local', 'fe80::/10'],
    ['fe80::1%eth0', 'link-local', 'fe80::/10'],
    ['febf:ffff::1', 'link-local', 'fe80::/10'],
    ['fec0::1', 'private (site-local)', 'fec0::/10'],
    ['ff02::1', 'multicast', 'ff00::/8'],
    [
      '::ffff:169.254.169.254',
      'link-local',
      '::ffff:0:0/96 (IPv4-mapped), carrying 169.254.169.254, in 169.254.0.0/16',
    ],
    [
      '[::ffff:7f00:1]',
      'loopback',
      '::ffff:0:0/96 (IPv4-mapped), carrying 127.0.0.1, in 127.0.0.0/8',
    ],
    ['64:ff9b::a00:1', 'private', '64:ff9b::/96 (NAT64), carrying 10.0.0.1, in 10.0.0.0/8'],
    ['2002:c0a8:101::1', 'private', '2002::/16 (6to4), carrying 192.168.1.1, in 192.168.0.0/16'],
    ['::7f00:1', 'loopback', '::/96 (IPv4-compatible), carrying 127.0.0.1, in 127.0.0.0/8'],
  ])('%s is %s (%s)', (address, kind, range) => {
    expect(reservedRange(address)).toEqual({ kind, range });
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '169.255.0.1',
    '192.169.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    'fe00::1',
    'www.ice.gov',
    '',
  ])('%s is public, or not an IP address', (address) => {
    expect(reservedRange(address)).toBeNull();
  });
});

describe('INGEST_ALLOWED_HOSTS', () => {
  it('takes host names, each perhaps with a port, as URLs spell them', () => {
    expect(parseAllowedHost(' www.DHS.gov ')).toEqual({ hostname: 'www.dhs.gov', port: null });
    expect(parseAllowedHost('mirror.example.org:8443')).toEqual({
      hostname: 'mirror.example.org',
      port: '8443',
    });
    expect(parseAllowedHost('[::1]:80')).toEqual({ hostname: '[::1]', port: '80' });
    expect(parseAllowedHost('127.0.0.1')).toEqual({ hostname: '127.0.0.1', port: null });
    for (const wrong of [
      'https://www.dhs.gov',
      'www.dhs.gov/doclib',
      'user@www.dhs.gov',
      'two words',
      'mirror.example.org:99999',
      '',
    ]) {
      expect(parseAllowedHost(wrong), wrong).toBeNull();
    }
  });

  it('a value that is not a list of hosts is wrong usage: exit 2, nothing fetched', async () => {
    const web = fakeWeb({});
    const run = await ingest('https://listing.example/ddor', {
      env: { INGEST_ALLOWED_HOSTS: 'www.dhs.gov, https://cdn.example/' },
      fetch: web.fetch,
    });
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      'INGEST_ALLOWED_HOSTS must be host names separated by commas, each perhaps with a :port (www.dhs.gov,mirror.example.org:8443), got "https://cdn.example/"',
    );
    expect(web.asked).toEqual([]);
    expect(run.unchanged).toBe(true);
  });
});

describe('the host rule: links and redirects stay on the listing’s origin', () => {
  /** The listing's own server, serving `items` (given its address) at LISTING. */
  async function listingServer(
    items: (own: string) => string[],
    files: Record<string, string | Uint8Array> = {},
    faults: Record<string, Reply | Reply[]> = {},
  ) {
    const served: Record<string, string | Uint8Array> = { ...files };
    const own = await serve(served, faults);
    served[LISTING] = page(items(own.url));
    return { own, listing: `${own.url}${LISTING.slice(1)}` };
  }

  it('a link to another origin (another port) is refused; that server gets no request', async () => {
    const other = await serve({ [`/doclib/ddor/${PDF_NAME}`]: NOT_A_PDF });
    const link = `${other.url}doclib/ddor/${PDF_NAME}`;
    const { own, listing } = await listingServer(() => [item(link, LINK_TEXT, 'March 29, 2017')]);
    const run = await ingest(listing);
    const otherHost = new URL(other.url).host;
    expect(expectRefused(run)).toBe(
      `${listing} links ${link}, on ${otherHost}, which is neither the listing page's own origin (${new URL(own.url).origin}) nor a host named in INGEST_ALLOWED_HOSTS: the ingest requests no other host, so it did not request it. Nothing was written. If ${otherHost} is where the reports are published, add it to INGEST_ALLOWED_HOSTS (comma-separated host names, a host:port for one port only), or give that address itself with --source.`,
    );
    expect(own.requests).toEqual([LISTING]);
    expect(other.requests).toEqual([]);
  });

  it('a redirect from the listing’s origin to another origin is refused before it is followed', async () => {
    const other = await serve({ [`/elsewhere/${PDF_NAME}`]: NOT_A_PDF });
    const target = `${other.url}elsewhere/${PDF_NAME}`;
    const { own, listing } = await listingServer(
      () => [item(`../doclib/ddor/${PDF_NAME}`)],
      {},
      { [`/doclib/ddor/${PDF_NAME}`]: { status: 302, headers: { location: target } } },
    );
    const run = await ingest(listing);
    const message = expectRefused(run);
    expect(message).toMatch(
      new RegExp(
        `^${escape(`${own.url}doclib/ddor/${PDF_NAME} redirects to ${target}, on ${new URL(other.url).host}, which is neither the listing page's own origin`)}`,
      ),
    );
    expect(message).toContain('nor a host named in INGEST_ALLOWED_HOSTS');
    expect(own.requests).toEqual([LISTING, `/doclib/ddor/${PDF_NAME}`]);
    expect(other.requests).toEqual([]);
  });

  it('the listing page itself redirecting to another origin is refused too', async () => {
    const other = await serve({ [LISTING]: page([item(`/doclib/ddor/${PDF_NAME}`)]) });
    const own = await serve(
      {},
      { '/moved.html': { status: 301, headers: { location: `${other.url}${LISTING.slice(1)}` } } },
    );
    const run = await ingest(`${own.url}moved.html`);
    const message = expectRefused(run);
    expect(message).toContain(
      `${own.url}moved.html redirects to ${other.url}${LISTING.slice(1)}, on ${new URL(other.url).host}, which is neither the source's own origin (${new URL(own.url).origin}) nor a host named in INGEST_ALLOWED_HOSTS`,
    );
    expect(own.requests).toEqual(['/moved.html']);
    expect(other.requests).toEqual([]);
  });

  it('a link to 169.254.169.254 is refused without any request to it', async () => {
    const asked: string[] = [];
    const recording: typeof globalThis.fetch = (input, init) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return globalThis.fetch(input, init);
    };
    const metadata = `http://169.254.169.254/latest/meta-data/${PDF_NAME}`;
    const { own, listing } = await listingServer(() => [item(metadata)]);
    const run = await ingest(listing, { fetch: recording });
    expect(expectRefused(run)).toContain(
      `${listing} links ${metadata}, on 169.254.169.254, which is neither the listing page's own origin (${new URL(own.url).origin}) nor a host named in INGEST_ALLOWED_HOSTS`,
    );
    expect(asked).toEqual([listing]);
  });

  it('a host on the allow-list is followed, on the port it names', async () => {
    const other = await serve({ [`/doclib/ddor/${PDF_NAME}`]: NOT_A_PDF });
    const link = `${other.url}doclib/ddor/${PDF_NAME}`;
    const { own, listing } = await listingServer(() => [item(link)]);
    const otherHost = new URL(other.url).host;

    // Another port of the same host is another host; no test server listens on port 1.
    const refused = await ingest(listing, { env: { INGEST_ALLOWED_HOSTS: '127.0.0.1:1' } });
    expect(expectRefused(refused)).toContain('nor a host named in INGEST_ALLOWED_HOSTS');
    expect(other.requests).toEqual([]);

    const followed = await ingest(listing, {
      env: { INGEST_ALLOWED_HOSTS: `www.dhs.gov, ${otherHost}` },
    });
    expect(expectRefused(followed)).toBe(
      `${link}, linked from ${listing} as the report, is not a PDF (an HTML page); the source may be down. Nothing was written.`,
    );
    expect(own.requests).toEqual([LISTING, LISTING]);
    expect(other.requests).toEqual([`/doclib/ddor/${PDF_NAME}`]);
  });

  it('a listing read from this machine has no origin: its links need the allow-list', async () => {
    const other = await serve({ [`/doclib/ddor/${PDF_NAME}`]: NOT_A_PDF });
    const link = `${other.url}doclib/ddor/${PDF_NAME}`;
    const path = join(temporaryFolder('dda-hostile-listing-'), 'listing.html');
    writeFileSync(path, page([item(link)]));
    const run = await ingest(path);
    expect(expectRefused(run)).toContain(
      `${path} links ${link}, on ${new URL(other.url).host}, which is neither the listing page's own origin (it has none: it was read from this machine; --source-url gives its address) nor a host named in INGEST_ALLOWED_HOSTS`,
    );
    expect(other.requests).toEqual([]);
  });

  it('a contract mirror’s redirect to another origin is refused the same way', async () => {
    const other = await serve({});
    const own = await serve(
      {},
      {
        [`/mirror/${WEEK}/report.json`]: {
          status: 302,
          headers: { location: `${other.url}report.json` },
        },
      },
    );
    const run = await ingest(`${own.url}mirror/{start}/`, { format: 'contract' });
    expect(expectRefused(run)).toContain(
      `${own.url}mirror/${WEEK}/report.json redirects to ${other.url}report.json, on ${new URL(other.url).host}, which is neither the source's own origin`,
    );
    expect(other.requests).toEqual([]);
  });
});

describe('the address rule, for a listing on a public host (injected DNS and fetch)', () => {
  const LISTING_URL = 'https://listing.example/declined-detainer-outcome-report';
  const PUBLIC_DNS = {
    'listing.example': ['93.184.216.34', '2606:2800:220:1::1'],
    'cdn.example': ['203.0.113.7'],
  };

  it('an allowed host that resolves to a private address is refused, unrequested', async () => {
    const link = `https://internal.example/doclib/${PDF_NAME}`;
    const web = fakeWeb({ [LISTING_URL]: html(page([item(link)])) });
    const dns = fakeDns({ ...PUBLIC_DNS, 'internal.example': ['203.0.113.9', '10.0.0.5'] });
    const run = await ingest(LISTING_URL, {
      env: { INGEST_ALLOWED_HOSTS: 'internal.example' },
      fetch: web.fetch,
      lookup: dns.lookup,
    });
    expect(expectRefused(run)).toBe(
      `${LISTING_URL} links ${link}, whose host internal.example resolves to 10.0.0.5, a private address (10.0.0.0/8): the ingest requests no private, loopback, link-local or reserved address unless the source itself is on one, so it did not request it. Nothing was written. INGEST_ALLOWED_HOSTS does not lift this rule; to read from that network, give an address on it as the source (--source or REPORT_SOURCE_URL).`,
    );
    expect(web.asked).toEqual([LISTING_URL]);
    expect(dns.asked).toEqual(['listing.example', 'internal.example']);
  });

  it.each([
    [
      'http://169.254.169.254/latest/',
      '169.254.169.254',
      'is a link-local address (169.254.0.0/16)',
    ],
    ['http://[fd00::1]/', '[fd00::1]', 'is a private (unique local) address (fc00::/7)'],
    ['http://0.0.0.0/', '0.0.0.0', 'is an unspecified ("this network") address (0.0.0.0/8)'],
    [
      'http://loopback.example/',
      'loopback.example',
      'resolves to ::1, a loopback address (::1/128)',
    ],
  ])('a link to %s is refused, unrequested', async (base, host, what) => {
    const link = `${base}${PDF_NAME}`;
    const web = fakeWeb({ [LISTING_URL]: html(page([item(link)])) });
    const dns = fakeDns({ ...PUBLIC_DNS, 'loopback.example': ['::1'] });
    const run = await ingest(LISTING_URL, {
      env: { INGEST_ALLOWED_HOSTS: host },
      fetch: web.fetch,
      lookup: dns.lookup,
    });
    expect(expectRefused(run)).toContain(
      `${LISTING_URL} links ${link}, whose host ${host} ${what}:`,
    );
    expect(web.asked).toEqual([LISTING_URL]);
  });

  it('a redirect from the listing’s origin to a link-local address is refused before it is followed', async () => {
    const own = `https://listing.example/doclib/${PDF_NAME}`;
    const metadata = `http://169.254.169.254/latest/meta-data/${PDF_NAME}`;
    const web = fakeWeb({
      [LISTING_URL]: html(page([item(`/doclib/${PDF_NAME}`)])),
      [own]: redirect(metadata),
    });
    const run = await ingest(LISTING_URL, {
      // Even named in the allow-list, the address rule holds.
      env: { INGEST_ALLOWED_HOSTS: '169.254.169.254' },
      fetch: web.fetch,
      lookup: fakeDns(PUBLIC_DNS).lookup,
    });
    expect(expectRefused(run)).toContain(
      `${own} redirects to ${metadata}, whose host 169.254.169.254 is a link-local address (169.254.0.0/16)`,
    );
    expect(web.asked).toEqual([LISTING_URL, own]);
  });

  it('an allowed host with public addresses only is followed', async () => {
    const link = `https://cdn.example/doclib/${PDF_NAME}`;
    const web = fakeWeb({ [LISTING_URL]: html(page([item(link)])), [link]: html(NOT_A_PDF) });
    const run = await ingest(LISTING_URL, {
      env: { INGEST_ALLOWED_HOSTS: 'cdn.example' },
      fetch: web.fetch,
      lookup: fakeDns(PUBLIC_DNS).lookup,
    });
    expect(expectRefused(run)).toContain(`${link}, linked from ${LISTING_URL} as the report`);
    expect(web.asked).toEqual([LISTING_URL, link]);
  });

  it('a host that cannot be looked up is a network error, retried, and never requested', async () => {
    const link = `https://cdn.example/doclib/${PDF_NAME}`;
    const web = fakeWeb({ [LISTING_URL]: html(page([item(link)])) });
    const dns = fakeDns({ 'listing.example': PUBLIC_DNS['listing.example'] });
    const run = await ingest(LISTING_URL, {
      env: { INGEST_ALLOWED_HOSTS: 'cdn.example' },
      fetch: web.fetch,
      lookup: dns.lookup,
    });
    expect(expectRefused(run)).toBe(
      `could not fetch ${link}: network error: could not look up cdn.example (ENOTFOUND) (gave up after 3 attempts)`,
    );
    expect(web.asked).toEqual([LISTING_URL]);
    expect(dns.asked.filter((name) => name === 'cdn.example')).toHaveLength(3);
  });
});

describe('reachFrom', () => {
  const settings = (table: Record<string, string[]> = {}, allowed: string[] = []) => ({
    allowedHosts: allowed.map((entry) => parseAllowedHost(entry)!),
    lookup: fakeDns(table).lookup,
  });

  it('lets an http page lead to the https form of its own host, not the reverse', async () => {
    const http = reachFrom('http://www.ice.gov/ddor', settings(), 'the page');
    await expect(http.check('https://www.ice.gov/doclib/a.pdf', null)).resolves.toBeUndefined();
    await expect(http.check('https://www.ice.gov:8443/a.pdf', null)).rejects.toThrow(
      'which is neither the listing page',
    );
    const https = reachFrom('https://www.ice.gov/ddor', settings(), 'the page');
    await expect(https.check('http://www.ice.gov/doclib/a.pdf', null)).rejects.toThrow(
      'nor a host named in INGEST_ALLOWED_HOSTS',
    );
  });

  it('a source on a private address lifts the address rule, not the host rule', async () => {
    const reach = reachFrom('http://10.1.1.1/ddor', settings({}, ['169.254.169.254']), 'the page');
    await expect(reach.check('http://169.254.169.254/a.pdf', null)).resolves.toBeUndefined();
    await expect(reach.check('http://192.168.0.9/a.pdf', null)).rejects.toThrow(
      'nor a host named in INGEST_ALLOWED_HOSTS',
    );
  });

  it('fetchWithRetry checks the first address and every hop before it asks for them', async () => {
    const web = fakeWeb({ 'https://listing.example/a': redirect('http://127.0.0.1:9/a') });
    const deps = {
      fetch: web.fetch,
      sleep: async () => {},
      log: () => {},
      lookup: fakeDns({ 'listing.example': ['93.184.216.34'] }).lookup,
    };
    const policy = { timeoutMs: 1000, retries: 0, backoffMs: 0, maxBytes: 1000 };
    await expect(
      fetchWithRetry('https://listing.example/a', { ...policy, allowedHosts: [] }, deps),
    ).rejects.toThrow(
      'https://listing.example/a redirects to http://127.0.0.1:9/a, on 127.0.0.1:9',
    );
    await expect(
      fetchWithRetry(
        'https://listing.example/a',
        { ...policy, allowedHosts: [parseAllowedHost('127.0.0.1')!] },
        deps,
      ),
    ).rejects.toThrow('whose host 127.0.0.1 is a loopback address (127.0.0.0/8)');
    expect(web.asked).toEqual(['https://listing.example/a', 'https://listing.example/a']);
  });
});

describe('two candidates for one week', () => {
  const link = (url: string, published: string | null, text = LINK_TEXT): ReportLink => ({
    url,
    text,
    period: { start: WEEK, end: '2017-02-10' },
    published,
  });
  const A = `https://www.ice.gov/doclib/ddor/${PDF_NAME}`;
  const B = `https://www.ice.gov/doclib/ddor/ddor2017_02-04to02-10_revised.pdf`;
  const PAGE = 'https://www.ice.gov/ddor';

  it('takes the one the listing dates latest', () => {
    const choice = pickLink([link(A, '2017-03-30'), link(B, '2017-03-29')], WEEK, PAGE);
    expect(choice).toEqual({
      link: link(A, '2017-03-30'),
      account: `${PAGE} links 2 PDFs for the week of ${WEEK}: (1) ${A} ("${LINK_TEXT}", dated 2017-03-30 on the listing); (2) ${B} ("${LINK_TEXT}", dated 2017-03-29 on the listing). The ingest took (1) ${A}, as the listing dates it latest (2017-03-30).`,
    });
  });

  it('else the one its file name or link text marks as a reissue', () => {
    const byName = pickLink([link(A, null), link(B, '2017-03-29')], WEEK, PAGE);
    expect('link' in byName && byName.link.url).toBe(B);
    expect('link' in byName && byName.account).toContain(
      `The ingest took (2) ${B}, as the listing does not date them all, and its file name says "revised", marking it as the reissue, and no other's does.`,
    );
    const byText = pickLink(
      [link(A, '2017-03-29', `${LINK_TEXT} (Corrected)`), link(`${A}?v=2`, '2017-03-29')],
      WEEK,
      PAGE,
    );
    expect('link' in byText && byText.link.url).toBe(A);
    expect('link' in byText && byText.account).toContain(
      `as the listing dates more than one of them latest, and its link text says "Corrected"`,
    );
  });

  it('else refuses, naming every candidate and how to take one', () => {
    expect(() =>
      pickLink([link(A, '2017-03-29'), link(`${A}?copy`, '2017-03-29')], WEEK, PAGE),
    ).toThrow(
      `${PAGE} links 2 PDFs for the week of ${WEEK}: (1) ${A} ("${LINK_TEXT}", dated 2017-03-29 on the listing); (2) ${A}?copy ("${LINK_TEXT}", dated 2017-03-29 on the listing). The listing dates none of them latest, and not exactly one is marked as corrected, revised or reissued in its link text or file name, so the ingest cannot tell which is the report; it fetched none. Nothing was written. Check them, then ingest the right one by its address: --source <the PDF's address> --week ${WEEK} (with --published YYYY-MM-DD for the date the listing prints).`,
    );
  });

  it('the run refuses two it cannot tell apart, before fetching either', async () => {
    const served: Record<string, string> = {
      [`/doclib/${PDF_NAME}`]: NOT_A_PDF,
      [`/mirror/${PDF_NAME}`]: NOT_A_PDF,
    };
    const own = await serve(served);
    served[LISTING] = page([
      item(`/doclib/${PDF_NAME}`, LINK_TEXT, 'March 29, 2017'),
      item(`/mirror/${PDF_NAME}`, LINK_TEXT, 'March 29, 2017'),
    ]);
    const listing = `${own.url}${LISTING.slice(1)}`;
    const message = expectRefused(await ingest(listing));
    expect(message).toContain(
      `${listing} links 2 PDFs for the week of ${WEEK}: (1) ${own.url}doclib/${PDF_NAME} ("${LINK_TEXT}", dated 2017-03-29 on the listing); (2) ${own.url}mirror/${PDF_NAME} ("${LINK_TEXT}", dated 2017-03-29 on the listing).`,
    );
    expect(message).toContain('--source <the PDF');
    expect(own.requests).toEqual([LISTING]);
  });

  it('a refusal after the choice names both and the choice; the other host got no request', async () => {
    const other = await serve({ [`/doclib/${PDF_NAME}`]: NOT_A_PDF });
    const served: Record<string, string> = { [`/doclib/${PDF_NAME}`]: NOT_A_PDF };
    const own = await serve(served);
    const first = `${other.url}doclib/${PDF_NAME}`;
    const second = `${own.url}doclib/${PDF_NAME}`;
    served[LISTING] = page([
      item(first, LINK_TEXT, 'March 29, 2017'),
      item(`/doclib/${PDF_NAME}`, LINK_TEXT, 'March 30, 2017'),
    ]);
    const listing = `${own.url}${LISTING.slice(1)}`;
    const run = await ingest(listing);
    const account = `${listing} links 2 PDFs for the week of ${WEEK}: (1) ${first} ("${LINK_TEXT}", dated 2017-03-29 on the listing); (2) ${second} ("${LINK_TEXT}", dated 2017-03-30 on the listing). The ingest took (2) ${second}, as the listing dates it latest (2017-03-30).`;
    expect(expectRefused(run)).toBe(
      `${second}, linked from ${listing} as the report, is not a PDF (an HTML page); the source may be down. Nothing was written. ${account}`,
    );
    // The log named them before the PDF was fetched.
    expect(run.err.indexOf(account)).toBeLessThan(run.err.indexOf(`Fetching ${second}`));
    expect(own.requests).toEqual([LISTING, `/doclib/${PDF_NAME}`]);
    expect(other.requests).toEqual([]);
  });

  it('a chosen PDF that cannot be read: the reader’s refusal names both too', async () => {
    const served: Record<string, string> = {
      [`/doclib/${PDF_NAME}`]: NOT_A_PDF,
      '/doclib/ddor2017_02-04to02-10-corrected.pdf': '%PDF-1.7\nnot a PDF beyond its signature',
    };
    const own = await serve(served);
    served[LISTING] = page([
      item(`/doclib/${PDF_NAME}`),
      item('/doclib/ddor2017_02-04to02-10-corrected.pdf'),
    ]);
    const listing = `${own.url}${LISTING.slice(1)}`;
    const message = expectRefused(await ingest(listing));
    expect(message).toMatch(
      new RegExp(
        `^${escape(`${own.url}doclib/ddor2017_02-04to02-10-corrected.pdf: `)}[\\s\\S]* ${escape(`${listing} links 2 PDFs for the week of ${WEEK}: `)}[\\s\\S]*${escape(`The ingest took (2) ${own.url}doclib/ddor2017_02-04to02-10-corrected.pdf, as the listing does not date them all, and its file name says "corrected", marking it as the reissue, and no other's does.`)}$`,
      ),
    );
    expect(own.requests).toEqual([LISTING, '/doclib/ddor2017_02-04to02-10-corrected.pdf']);
  });

  it('on success, the pull request’s notes name both and the choice (reads a real PDF)', async () => {
    const places = gazetteerPlaces(join(INGEST_FIXTURES, 'data'));
    const bytes = (
      await pdfLibDdor(truthOver(places, { seed: 48, start: WEEK, sectionIIRows: 20 }))
    ).bytes;
    const served: Record<string, string | Uint8Array> = {
      [`/doclib/${PDF_NAME}`]: NOT_A_PDF,
      '/doclib/ddor2017_02-04to02-10-revised.pdf': bytes,
    };
    const own = await serve(served);
    served[LISTING] = page([
      item(`/doclib/${PDF_NAME}`),
      item('/doclib/ddor2017_02-04to02-10-revised.pdf', `${LINK_TEXT} (revised)`),
    ]);
    const listing = `${own.url}${LISTING.slice(1)}`;
    const run = await ingest(listing);
    expect(run.code, run.err).toBe(0);
    const chosen = `${own.url}doclib/ddor2017_02-04to02-10-revised.pdf`;
    const note = `${listing} links 2 PDFs for the week of ${WEEK}: (1) ${own.url}doclib/${PDF_NAME} ("${LINK_TEXT}", not dated on the listing); (2) ${chosen} ("${LINK_TEXT} (revised)", not dated on the listing). The ingest took (2) ${chosen}, as the listing does not date them all, and its link text says "revised", marking it as the reissue, and no other's does. Check that it is the right one.`;
    expect(run.summary).toContain(`- ${note.replace(/_/g, '\\_')}`);
    expect(own.requests).toEqual([LISTING, '/doclib/ddor2017_02-04to02-10-revised.pdf']);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
