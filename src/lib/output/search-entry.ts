/**
 * Site search (Pagefind): what the index holds about a page. Only report, jurisdiction and state
 * pages are indexed: they are where a place or a week has its own page; comparisons, indexes and
 * prose would only push those down the results. The views build each page's entry
 * (src/site/views/search.ts), which becomes one Pagefind record (src/integrations/search.ts);
 * the search page's script (src/client/search-page.ts) reads the index in the browser, and sorts
 * its filter values with `filterValues` too, so this module imports nothing.
 */
/** The filters a reader narrows results by; each a list of values, shown as they are written. */
export interface SearchFilters {
  /** State names (a report page has every state it names). */
  state: string[];
  /** Reports by the date their period starts (a jurisdiction page has every report naming it). */
  report: string[];
}

/** What kind of page a result is, shown beside its title. */
export type SearchKind = 'Report' | 'Jurisdiction' | 'State';

/** A page's entry in the index, built with the page's view. */
export interface SearchEntry {
  kind: SearchKind;
  /** The page's heading: the result's title. */
  title: string;
  /**
   * What a query is matched against, and excerpts are cut from: the names and words a reader
   * looks a place or a week up by (names, aliases, state, the opening line), not the page's
   * tables, and no filter value.
   */
  text: string;
  filters: SearchFilters;
}

/** Sorted and without repeats, so two builds write the same page. */
export function filterValues(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en'));
}
