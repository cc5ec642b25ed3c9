import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { reportsFeed } from '../lib/output/feeds.ts';
import { getSiteData } from '../site/build.ts';

export const GET: APIRoute = () => {
  const { model, link } = getSiteData();
  return rss(reportsFeed(model, link));
};
