import type { APIRoute } from 'astro';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { jurisdictionKeys, withCacheKeys } from '../../site/page-keys.ts';
import { jurisdictionPaths, jurisdictionTwin } from '../../site/views/jurisdiction.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    jurisdictionPaths(getSiteData()),
    async ({ params }) => (await jurisdictionKeys(getSiteData(), params.id)).twin,
  );

export const GET: APIRoute = ({ params }) =>
  respond(jsonFile(jurisdictionTwin(getSiteData(), params.id!)));
