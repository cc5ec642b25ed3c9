/**
 * The build's data: the data folder read and validated once per build (the data integration has
 * already refused an invalid folder with the validator's messages), and the site model built
 * from it. Pages and endpoints get it here and hand it to their view builder.
 */
import { loadDataset } from '../lib/contract/load.ts';
import { siteLinks } from '../lib/output/urls.ts';
import { createSiteData } from './views/site.ts';
import type { SiteData } from './views/site.ts';

let cached: SiteData | null = null;

export function getSiteData(): SiteData {
  cached ??= createSiteData(
    loadDataset(),
    siteLinks(new URL(import.meta.env.SITE), import.meta.env.BASE_URL),
  );
  return cached;
}
