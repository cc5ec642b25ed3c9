import type { APIRoute } from 'astro';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { weekOutputs, withCacheKeys } from '../../site/entities.ts';
import { weekPaths, weekTwin } from '../../site/views/week.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    weekPaths(getSiteData()),
    async ({ params }) => (await weekOutputs(getSiteData(), params.date)).keys.twin,
  );

export const GET: APIRoute = ({ params }) =>
  respond(jsonFile(weekTwin(getSiteData(), params.date!)));
