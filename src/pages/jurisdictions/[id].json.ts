import type { APIRoute } from 'astro';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { jurisdictionOutputs, withCacheKeys } from '../../site/entities.ts';
import { jurisdictionPaths, jurisdictionTwin } from '../../site/views/jurisdiction.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    jurisdictionPaths(getSiteData()),
    async ({ params }) => (await jurisdictionOutputs(getSiteData(), params.id)).keys.twin,
  );

export const GET: APIRoute = ({ params }) =>
  respond(jsonFile(jurisdictionTwin(getSiteData(), params.id!)));
