import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { correctionsFeed } from '../lib/output/feeds.ts';
import { getSiteData } from '../site/build.ts';
import { openReportsHref } from '../site/href.ts';

export const GET: APIRoute = () => {
  const { model, link } = getSiteData();
  return rss(correctionsFeed(model, link, openReportsHref()));
};
