import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { siteLinks } from '../lib/output/api.ts';
import { reportFeedItems } from '../lib/output/feeds.ts';
import { paths } from '../lib/output/urls.ts';
import { getSiteModel } from '../site/model.ts';

export const GET: APIRoute = async ({ site }) => {
  const link = siteLinks(site, import.meta.env.BASE_URL);
  return rss({
    title: 'Declined Detainer Archive',
    description:
      'Each weekly Declined Detainer Outcome Report ICE published in 2017, with its headline figures, coverage and corrections.',
    site: link(paths.home()),
    items: reportFeedItems(await getSiteModel(), link),
  });
};
