/**
 * What every view builder reads: the validated dataset, the site model built from it once, and
 * how to turn a site path into an absolute URL. Nothing here knows about Astro, so the views
 * run in unit tests as they do in a build.
 */
import type { Dataset } from '../../lib/contract/load.ts';
import { buildSiteModel } from '../../lib/model/site-model.ts';
import type { SiteModel } from '../../lib/model/site-model.ts';
import type { SearchEntry } from '../../lib/output/search-entry.ts';
import type { LinkFn } from '../../lib/output/urls.ts';
import type { SocialCard } from '../../lib/charts/social.ts';

export interface SiteData {
  dataset: Dataset;
  model: SiteModel;
  /** Absolute URL of a site path, for JSON-LD, feeds and the API. */
  link: LinkFn;
}

export function createSiteData(dataset: Dataset, link: LinkFn): SiteData {
  return { dataset, model: buildSiteModel(dataset), link };
}

/** What the layout puts in a page's head and around its content. */
export interface PageHead {
  title: string;
  description: string;
  /** Feeds besides the site-wide one, e.g. a jurisdiction's own. */
  feeds?: { title: string; path: string }[];
  /** For pages not served at their route's URL (the 404 page is served as /404.html). */
  canonicalPath?: string;
  /** Puts the page in the site search index (report, jurisdiction and state pages). */
  search?: SearchEntry;
  /** The page's machine-readable twin, linked as `rel="alternate"`. */
  jsonTwin?: string;
  /** A schema.org description, written at the top of the page's content. */
  jsonLd?: Record<string, unknown>;
  /** The link preview image. */
  social?: SocialCard;
  /** The search page has its own box; the header's would be a second one. */
  searchBox?: boolean;
}
