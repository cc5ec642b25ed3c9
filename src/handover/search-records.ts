/**
 * The site search's records, gathered while a build works out its pages' cache keys (from the
 * same views the pages render, src/site/page-keys.ts) and indexed by Pagefind after the build
 * (search.ts). They go through a file, as the chart ledger does: the pages' module instances are
 * Vite's bundle, the integration's are the source. Every page's record is written every build,
 * rendered or kept from the last one, so the index always covers the whole site.
 */
import { appendFileSync } from 'node:fs';
import type { SearchEntry } from '../lib/output/search-entry.ts';

/** Set by the search integration for the length of a build: the records file. */
export const SEARCH_RECORDS_ENV = 'DDA_SEARCH_RECORDS';

/** One page in the index: Pagefind's custom record. */
export interface SearchRecord {
  /** The page's address on the site, base path included. */
  url: string;
  content: string;
  meta: { title: string; kind: string };
  filters: Record<string, string[]>;
}

/** Records a page's entry for the index; outside a build, nothing. */
export function recordSearchEntry(url: string, entry: SearchEntry): void {
  const file = process.env[SEARCH_RECORDS_ENV];
  if (!file) return;
  const record: SearchRecord = {
    url,
    content: entry.text,
    meta: { title: entry.title, kind: entry.kind },
    filters: { state: entry.filters.state, report: entry.filters.report },
  };
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** The records a build wrote, one per page (a page recorded twice keeps its last), by address. */
export function readSearchRecords(text: string): SearchRecord[] {
  const byUrl = new Map<string, SearchRecord>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as SearchRecord;
    byUrl.set(record.url, record);
  }
  return [...byUrl.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
