import type { APIRoute } from 'astro';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { statePaths, stateTwin } from '../../site/views/state.ts';

export const getStaticPaths = () => statePaths(getSiteData());

export const GET: APIRoute = ({ params }) =>
  respond(jsonFile(stateTwin(getSiteData(), params.usps!)));
