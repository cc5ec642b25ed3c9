/**
 * The site's permanent URLs, in one place. Paths are relative to the site's base path and end
 * with a slash (pages) or a file extension (downloads, feeds); `withBase` prefixes the base.
 */

export const paths = {
  home: () => '',
  weeks: () => 'weeks/',
  week: (start: string) => `weeks/${start}/`,
  weekFile: (start: string, file: string) => `weeks/${start}/${file}`,
  /** An earlier report beside a later one (the site builds consecutive pairs). */
  comparison: (before: string, after: string) => `weeks/${before}/vs/${after}/`,
  jurisdictions: () => 'jurisdictions/',
  jurisdiction: (id: string) => `jurisdictions/${id}/`,
  jurisdictionFeed: (id: string) => `jurisdictions/${id}/rss.xml`,
  state: (usps: string) => `states/${usps.toLowerCase()}/`,
  corrections: () => 'corrections/',
  correctionsFeed: () => 'corrections.xml',
  methodology: () => 'methodology/',
  about: () => 'about/',
  search: () => 'search/',
  data: () => 'data/',
  feed: () => 'rss.xml',
} as const;

/** Joins the configured base path (e.g. `/` or `/archive/`) and a site path. */
export function withBase(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

/** An absolute URL for feeds, canonical links and JSON-LD. */
export function absoluteUrl(site: URL | string, base: string, path: string): string {
  return new URL(withBase(base, path), site).href;
}
