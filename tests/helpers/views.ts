import { loadDataset } from '../../src/lib/contract/load.ts';
import { absoluteUrl } from '../../src/lib/output/urls.ts';
import { createSiteData } from '../../src/site/views/site.ts';
import type { SiteData } from '../../src/site/views/site.ts';
import { FIXTURE_DATA } from './site.ts';

/** Where the fixture builds publish the site (astro.config.mjs without SITE_URL). */
export const SITE_URL = 'https://declined-detainer-archive.github.io';

/** The view builders' input for a data folder, as a build of it has it. */
export function siteDataOf(dir: string = FIXTURE_DATA): SiteData {
  return createSiteData(loadDataset(dir), (path) => absoluteUrl(SITE_URL, '/', path));
}
