import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { jurisdictionFeed } from '../../../lib/output/feeds.ts';
import { getSiteData } from '../../../site/build.ts';
import { jurisdictionKeys, withCacheKeys } from '../../../site/page-keys.ts';
import { jurisdictionPaths, jurisdictionSummary } from '../../../site/views/jurisdiction.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    jurisdictionPaths(getSiteData()),
    async ({ params }) => (await jurisdictionKeys(getSiteData(), params.id)).feed,
  );

export const GET: APIRoute = ({ params }) => {
  const site = getSiteData();
  return rss(jurisdictionFeed(jurisdictionSummary(site, params.id!), site.model, site.link));
};
