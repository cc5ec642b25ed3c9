import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { siteLinks } from '../lib/output/api.ts';
import { correctionFeedItems } from '../lib/output/feeds.ts';
import { paths } from '../lib/output/urls.ts';
import { getSiteModel } from '../site/model.ts';

export const GET: APIRoute = async ({ site }) => {
  const link = siteLinks(site, import.meta.env.BASE_URL);
  return rss({
    title: 'Declined Detainer Archive: corrections and disputes',
    description:
      'Each correction ICE published and each dispute raised about the Declined Detainer Outcome Reports, with the figure as published and as corrected.',
    site: link(paths.corrections()),
    items: correctionFeedItems(await getSiteModel(), link),
  });
};
