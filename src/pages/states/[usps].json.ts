import type { APIRoute } from 'astro';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { stateOutputs, withCacheKeys } from '../../site/entities.ts';
import { statePaths, stateTwin } from '../../site/views/state.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    statePaths(getSiteData()),
    async ({ params }) => (await stateOutputs(getSiteData(), params.usps)).keys.twin,
  );

export const GET: APIRoute = ({ params }) =>
  respond(jsonFile(stateTwin(getSiteData(), params.usps!)));
