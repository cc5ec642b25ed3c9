/**
 * Which hosts the ingest may request. The weekly run follows whatever its source says, a listing
 * page's links and any server's redirects, unattended; a source that is wrong or tampered with
 * must not make it request another host (a cloud metadata address such as 169.254.169.254, a
 * machine on the runner's network). So every request is checked before it is made:
 *
 * - The host rule: an address is on the source's own origin (for a listing, the page's; an http
 *   page may also lead to the https form of its own host), or on a host named in
 *   INGEST_ALLOWED_HOSTS.
 * - The address rule: a host other than the source's own is not, and does not resolve to, a
 *   private, loopback, link-local or otherwise reserved address, unless the source itself is on
 *   one (as a test's server on 127.0.0.1 is). The allow-list does not lift it.
 *
 * A name is resolved here and again by fetch when it connects, so a name whose answers change
 * between the two (DNS rebinding) is not caught; the host rule still holds.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { IngestError } from './errors.ts';

/** The addresses a host name resolves to, as node:dns `lookup` with `all: true` gives them. */
export type HostLookup = (hostname: string) => Promise<readonly { address: string }[]>;

export const systemLookup: HostLookup = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });

/** A host named in INGEST_ALLOWED_HOSTS: any port of it, or only the one given. */
export interface AllowedHost {
  /** As a URL's `hostname` spells it: lower case, an IPv6 address in brackets. */
  hostname: string;
  port: string | null;
}

/** The setting, for messages. */
export const ALLOWED_HOSTS_SETTING = 'INGEST_ALLOWED_HOSTS';

/** `www.dhs.gov`, `mirror.example.org:8443`, `[2001:db8::1]:443`: a host, perhaps a port. */
const HOST_ENTRY = /^(\[[0-9a-f:.]+\]|[^\s:/@?#[\]\\]+)(?::(\d{1,5}))?$/i;

/** One entry of INGEST_ALLOWED_HOSTS, or null when it is not a host name (with a port). */
export function parseAllowedHost(entry: string): AllowedHost | null {
  const match = HOST_ENTRY.exec(entry.trim());
  if (!match) return null;
  const [, host, port] = match;
  if (port !== undefined && Number(port) > 65535) return null;
  const url = URL.canParse(`http://${host}/`) ? new URL(`http://${host}/`) : null;
  if (!url) return null;
  return { hostname: url.hostname, port: port === undefined ? null : String(Number(port)) };
}

const defaultPort = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

function isAllowed(url: URL, allowed: readonly AllowedHost[]): boolean {
  return allowed.some(
    (host) =>
      host.hostname === url.hostname && (host.port === null || host.port === defaultPort(url)),
  );
}

/** The source's own origin, or the https form of an http source's host. */
function isHome(url: URL, home: URL): boolean {
  if (url.origin === home.origin) return true;
  return (
    home.protocol === 'http:' &&
    url.protocol === 'https:' &&
    url.hostname === home.hostname &&
    home.port === '' &&
    url.port === ''
  );
}

/** A reserved range an address is in: what it is for, and the range as written. */
export interface ReservedRange {
  kind: string;
  range: string;
}

/** IPv4 ranges no report is published on (RFC 6890 and the like), by first address and length. */
const IPV4_RESERVED: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved (IETF protocol assignments)'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved (benchmarking)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (and broadcast)'],
];

function ipv4Number(text: string): number | null {
  if (isIP(text) !== 4) return null;
  return text.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function reservedIPv4(address: number): ReservedRange | null {
  for (const [first, bits, kind] of IPV4_RESERVED) {
    const size = 2 ** (32 - bits);
    const start = ipv4Number(first)!;
    if (address >= start && address < start + size) return { kind, range: `${first}/${bits}` };
  }
  return null;
}

const ipv4Text = (value: number) =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** The eight 16-bit groups of an IPv6 address (a zone index and brackets ignored). */
function ipv6Groups(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, '').split('%')[0]!;
  if (isIP(address) !== 6) return null;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const value = ipv4Number(dotted[1]!)!;
    const high = Math.floor(value / 65536).toString(16);
    const low = (value % 65536).toString(16);
    address = `${address.slice(0, dotted.index)}${high}:${low}`;
  }
  const [head, tail] = address.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const before = groups(head);
  const after = groups(tail);
  const filled =
    tail === undefined
      ? before
      : [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
  return filled.map((group) => parseInt(group, 16));
}

/** Whether the groups start with the prefix's first `bits` bits. */
function inPrefix(groups: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let index = 0; bits > 0; index++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((groups[index]! & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** IPv6 ranges that carry an IPv4 address, which decides, in the groups given. */
const IPV6_EMBEDDING: readonly [number[], number, string, number][] = [
  [[0, 0, 0, 0, 0, 0xffff], 96, '::ffff:0:0/96 (IPv4-mapped)', 6],
  [[0x64, 0xff9b], 96, '64:ff9b::/96 (NAT64)', 6],
  [[0x2002], 16, '2002::/16 (6to4)', 1],
  [[], 96, '::/96 (IPv4-compatible)', 6],
];

const IPV6_RESERVED: readonly [number[], number, string, string][] = [
  [[0xfc00], 7, 'fc00::/7', 'private (unique local)'],
  [[0xfe80], 10, 'fe80::/10', 'link-local'],
  [[0xfec0], 10, 'fec0::/10', 'private (site-local)'],
  [[0xff00], 8, 'ff00::/8', 'multicast'],
];

function reservedIPv6(groups: readonly number[]): ReservedRange | null {
  const [last, ...rest] = [...groups].reverse();
  if (rest.every((group) => group === 0) && (last === 0 || last === 1)) {
    return last === 0
      ? { kind: 'unspecified', range: '::/128' }
      : { kind: 'loopback', range: '::1/128' };
  }
  for (const [prefix, bits, range, at] of IPV6_EMBEDDING) {
    if (!inPrefix(groups, prefix, bits)) continue;
    const embedded = groups[at]! * 65536 + groups[at + 1]!;
    const inner = reservedIPv4(embedded);
    return inner
      ? {
          kind: inner.kind,
          range: `${range}, carrying ${ipv4Text(embedded)}, in ${inner.range}`,
        }
      : null;
  }
  for (const [prefix, bits, range, kind] of IPV6_RESERVED) {
    if (inPrefix(groups, prefix, bits)) return { kind, range };
  }
  return null;
}

/**
 * The reserved range an IP address (IPv4, or IPv6 with or without brackets) is in, or null for
 * a public address and for anything that is not an IP address.
 */
export function reservedRange(address: string): ReservedRange | null {
  const v4 = ipv4Number(address);
  if (v4 !== null) return reservedIPv4(v4);
  const groups = ipv6Groups(address);
  return groups ? reservedIPv6(groups) : null;
}

/** Why a host is not to be requested: it is, or resolves to, a reserved address. */
interface ReservedHost {
  address: string;
  resolved: boolean;
  range: ReservedRange;
}

const isIpHost = (hostname: string) => isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;

/** The first reserved address a host is or resolves to; null when every one is public. */
async function reservedAddressOf(
  hostname: string,
  resolve: HostLookup,
): Promise<ReservedHost | null> {
  if (isIpHost(hostname)) {
    const range = reservedRange(hostname);
    return range && { address: hostname, resolved: false, range };
  }
  const addresses = await resolve(hostname);
  if (!addresses.length) throw new Error(`${hostname} resolves to no address`);
  for (const { address } of addresses) {
    const range = reservedRange(address);
    if (range) return { address, resolved: true, range };
  }
  return null;
}

export interface ReachSettings {
  allowedHosts: readonly AllowedHost[];
  lookup: HostLookup;
}

/** Checks each address before it is requested; rejects with an IngestError if it may not be. */
export interface Reach {
  /**
   * `redirectedFrom` is the address that redirected to `target`; null for the first request,
   * the source itself or a link on the listing.
   */
  check(target: string, redirectedFrom: string | null): Promise<void>;
}

/**
 * The rules for the requests that start at `home`: the source itself (`linkedFrom` null), or a
 * link on the listing page `linkedFrom`, whose address `home` is. A lookup that fails rejects
 * with a plain Error, which the fetch treats as a network error.
 */
export function reachFrom(home: string, settings: ReachSettings, linkedFrom: string | null): Reach {
  const homeUrl = URL.canParse(home) ? new URL(home) : null;
  const onWeb = homeUrl !== null && (homeUrl.protocol === 'http:' || homeUrl.protocol === 'https:');
  const role = linkedFrom === null ? 'the source' : 'the listing page';
  const origin = onWeb
    ? `${role}'s own origin (${homeUrl.origin})`
    : `${role}'s own origin (it has none: it was read from this machine; --source-url gives its address)`;
  // Known once resolved; a failed lookup is asked again on the next request.
  let homeReserved: Promise<ReservedHost | null> | null = null;
  const homeIsReserved = async () => {
    if (!onWeb) return false;
    homeReserved ??= reservedAddressOf(homeUrl.hostname, settings.lookup).catch((error) => {
      homeReserved = null;
      throw error;
    });
    return (await homeReserved) !== null;
  };

  return {
    async check(target, redirectedFrom) {
      const url = new URL(target);
      const lead =
        redirectedFrom !== null
          ? `${redirectedFrom} redirects to ${target}`
          : linkedFrom !== null
            ? `${linkedFrom} links ${target}`
            : target;
      if (!(onWeb && isHome(url, homeUrl)) && !isAllowed(url, settings.allowedHosts)) {
        throw new IngestError(
          `${lead}, on ${url.host}, which is neither ${origin} nor a host named in ${ALLOWED_HOSTS_SETTING}: the ingest requests no other host, so it did not request it. Nothing was written. If ${url.host} is where the reports are published, add it to ${ALLOWED_HOSTS_SETTING} (comma-separated host names, a host:port for one port only), or give that address itself with --source.`,
        );
      }
      // The source's own host is what the maintainer chose: the address rule is about others.
      if (onWeb && url.hostname === homeUrl.hostname) return;
      if (await homeIsReserved()) return;
      const reserved = await reservedAddressOf(url.hostname, settings.lookup);
      if (!reserved) return;
      const { kind, range } = reserved.range;
      const what = reserved.resolved
        ? `whose host ${url.hostname} resolves to ${reserved.address},`
        : `whose host ${url.hostname} is`;
      throw new IngestError(
        `${lead}, ${what} ${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind} address (${range}): the ingest requests no private, loopback, link-local or reserved address unless the source itself is on one, so it did not request it. Nothing was written. ${ALLOWED_HOSTS_SETTING} does not lift this rule; to read from that network, give an address on it as the source (--source or REPORT_SOURCE_URL).`,
      );
    },
  };
}
