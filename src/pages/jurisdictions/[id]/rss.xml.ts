import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { jurisdictionFeed } from '../../../lib/output/feeds.ts';
import { getSiteData } from '../../../site/build.ts';
import { jurisdictionOutputs, withCacheKeys } from '../../../site/entities.ts';
import { jurisdictionPaths, jurisdictionRecord } from '../../../site/views/jurisdiction.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    jurisdictionPaths(getSiteData()),
    async ({ params }) => (await jurisdictionOutputs(getSiteData(), params.id)).keys.feed,
  );

export const GET: APIRoute = ({ params }) => {
  const site = getSiteData();
  return rss(jurisdictionFeed(jurisdictionRecord(site, params.id!), site.model, site.link));
};
