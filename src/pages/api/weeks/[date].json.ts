import type { APIRoute } from 'astro';
import { weekDetail } from '../../../lib/output/api.ts';
import { jsonFile, respond } from '../../../lib/output/files.ts';
import { getSiteData } from '../../../site/build.ts';
import { weekOutputs, withCacheKeys } from '../../../site/entities.ts';
import { weekPaths } from '../../../site/views/week.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    weekPaths(getSiteData()),
    async ({ params }) => (await weekOutputs(getSiteData(), params.date)).keys.api,
  );

export const GET: APIRoute = ({ params }) => {
  const { model, link } = getSiteData();
  return respond(jsonFile(weekDetail(model.weekByStart.get(params.date!)!, link)));
};
