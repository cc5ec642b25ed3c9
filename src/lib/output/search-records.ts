/**
 * The site search's records: one Pagefind custom record per indexed page, made from the page's
 * search entry. The build writes them all to one file (`SEARCH_RECORDS_PATH`, by the route
 * src/pages/search/records.json.ts) and the search integration indexes that file once every
 * page is built, then removes it: a page kept from the last build is indexed as one rendered
 * now, because its record comes from its view, not its HTML.
 */
import type { SearchEntry } from './search-entry.ts';

/** Where the records file is written in the built site, relative to its folder. */
export const SEARCH_RECORDS_PATH = 'search/records.json';

/** One page in the index: Pagefind's custom record. */
export interface SearchRecord {
  /** The page's address on the site, base path included. */
  url: string;
  content: string;
  meta: { title: string; kind: string };
  filters: Record<string, string[]>;
}

export function searchRecord(url: string, entry: SearchEntry): SearchRecord {
  return {
    url,
    content: entry.text,
    meta: { title: entry.title, kind: entry.kind },
    filters: { state: entry.filters.state, report: entry.filters.report },
  };
}

const byUrl = (a: SearchRecord, b: SearchRecord) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/** The records file: every record once, by address, so two builds write the same file. */
export function searchRecordsFile(records: readonly SearchRecord[]): string {
  return JSON.stringify([...records].sort(byUrl));
}

/** The records a build wrote. */
export function readSearchRecords(text: string): SearchRecord[] {
  return JSON.parse(text) as SearchRecord[];
}
