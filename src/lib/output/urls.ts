/**
 * The site's permanent URLs, in one place. Paths are relative to the site's base path and end
 * with a slash (pages) or a file extension (downloads, feeds); `withBase` prefixes the base.
 */

export const paths = {
  home: () => '',
  weeks: () => 'weeks/',
  week: (start: string) => `weeks/${start}/`,
  weekFile: (start: string, file: string) => `weeks/${start}/${file}`,
  /** Each entity page has a JSON twin beside it, with what the page shows as data. */
  weekTwin: (start: string) => `weeks/${start}.json`,
  /** An earlier report beside a later one (the site builds consecutive pairs). */
  comparison: (before: string, after: string) => `weeks/${before}/vs/${after}/`,
  jurisdictions: () => 'jurisdictions/',
  jurisdiction: (id: string) => `jurisdictions/${id}/`,
  jurisdictionFeed: (id: string) => `jurisdictions/${id}/rss.xml`,
  jurisdictionTwin: (id: string) => `jurisdictions/${id}.json`,
  state: (usps: string) => `states/${usps.toLowerCase()}/`,
  stateTwin: (usps: string) => `states/${usps.toLowerCase()}.json`,
  corrections: () => 'corrections/',
  correctionsFeed: () => 'corrections.xml',
  methodology: () => 'methodology/',
  about: () => 'about/',
  search: () => 'search/',
  data: () => 'data/',
  /** A page's citation as BibTeX or CSL-JSON (src/site/views/citation.ts names the files). */
  citation: (file: string) => `citations/${file}`,
  feed: () => 'rss.xml',
} as const;

/**
 * The id of a jurisdiction's row in a report page's table of declined detainers, so a link (a
 * jurisdiction's feed, its page) lands on that row.
 */
export const jurisdictionRowAnchor = (id: string) => `jurisdiction-${id}`;

/** Joins the configured base path (e.g. `/` or `/archive/`) and a site path. */
export function withBase(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

/** An absolute URL for feeds, canonical links and JSON-LD. */
export function absoluteUrl(site: URL | string, base: string, path: string): string {
  return new URL(withBase(base, path), site).href;
}

/** Turns a site path into the URL feeds, the API and JSON-LD publish (absolute on the site). */
export type LinkFn = (path: string) => string;

/** Absolute site URLs for feeds and the API; `site` is required so no URL is relative. */
export function siteLinks(site: URL | undefined, base: string): LinkFn {
  if (!site)
    throw new Error('`site` must be set in astro.config.mjs: feeds and the API need absolute URLs');
  return (path) => absoluteUrl(site, base, path);
}
