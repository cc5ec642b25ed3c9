import type { APIRoute } from 'astro';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { weekKeys, withCacheKeys } from '../../site/page-keys.ts';
import { weekPaths, weekTwin } from '../../site/views/week.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    weekPaths(getSiteData()),
    async ({ params }) => (await weekKeys(getSiteData(), params.date)).twin,
  );

export const GET: APIRoute = ({ params }) =>
  respond(jsonFile(weekTwin(getSiteData(), params.date!)));
