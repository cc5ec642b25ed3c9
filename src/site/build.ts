/**
 * The build's data: the data folder read and validated once per build (by the data
 * integration, which refuses an invalid folder with the validator's messages and hands a valid
 * one over), and the site model built from it. Pages and endpoints get it here and hand it to
 * their view builder.
 */
import { checkedDataset, dataDirFromEnv, loadDataset } from '../lib/contract/load.ts';
import { siteLinks } from '../lib/output/urls.ts';
import { timed } from '../handover/build-profile.ts';
import { takeValidated } from '../handover/validated-data.ts';
import { createSiteData } from './views/site.ts';
import type { SiteData } from './views/site.ts';

let cached: SiteData | null = null;

export function getSiteData(): SiteData {
  cached ??= timed('site data and model', () => {
    const dir = dataDirFromEnv();
    // In a build the data integration has validated the folder; the dev server reads it here.
    const validated = takeValidated(dir);
    return createSiteData(
      validated ? checkedDataset(validated, dir) : loadDataset(dir),
      siteLinks(new URL(import.meta.env.SITE), import.meta.env.BASE_URL),
    );
  });
  return cached;
}
