import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteLinks } from '../../../lib/output/api.ts';
import { jurisdictionFeedItems } from '../../../lib/output/feeds.ts';
import { jurisdictionLabel } from '../../../lib/model/site-model.ts';
import type { JurisdictionSummary } from '../../../lib/model/site-model.ts';
import { paths } from '../../../lib/output/urls.ts';
import { getSiteModel } from '../../../site/model.ts';

export const getStaticPaths = (async () =>
  [...(await getSiteModel()).jurisdictions.values()].map((summary) => ({
    params: { id: summary.jurisdiction.id },
    props: { summary },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ summary: JurisdictionSummary }> = async ({ site, props }) => {
  const link = siteLinks(site, import.meta.env.BASE_URL);
  const label = jurisdictionLabel(props.summary.jurisdiction);
  return rss({
    title: `Declined Detainer Archive: ${label}`,
    description: `Each weekly Declined Detainer Outcome Report that names ${label}, with its figures for it.`,
    site: link(paths.jurisdiction(props.summary.jurisdiction.id)),
    items: jurisdictionFeedItems(props.summary, await getSiteModel(), link),
  });
};
