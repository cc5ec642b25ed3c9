import { buildSiteModel } from '../lib/model/site-model.ts';
import type { SiteModel } from '../lib/model/site-model.ts';
import { withBase } from '../lib/output/urls.ts';
import { getDataset } from './dataset.ts';

let cached: Promise<SiteModel> | null = null;

/** The page models, built once per build from the validated dataset. */
export function getSiteModel(): Promise<SiteModel> {
  cached ??= getDataset().then(buildSiteModel);
  return cached;
}

/** A site path with the configured base, for links in pages. */
export function href(path: string): string {
  return withBase(import.meta.env.BASE_URL, path);
}
