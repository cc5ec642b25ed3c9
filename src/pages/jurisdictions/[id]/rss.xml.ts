import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { jurisdictionFeed } from '../../../lib/output/feeds.ts';
import { getSiteData } from '../../../site/build.ts';
import { jurisdictionPaths, jurisdictionSummary } from '../../../site/views/jurisdiction.ts';

export const getStaticPaths = () => jurisdictionPaths(getSiteData());

export const GET: APIRoute = ({ params }) => {
  const site = getSiteData();
  return rss(jurisdictionFeed(jurisdictionSummary(site, params.id!), site.model, site.link));
};
