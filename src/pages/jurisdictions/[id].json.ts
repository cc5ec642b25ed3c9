import type { APIRoute } from 'astro';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { jurisdictionPaths, jurisdictionTwin } from '../../site/views/jurisdiction.ts';

export const getStaticPaths = () => jurisdictionPaths(getSiteData());

export const GET: APIRoute = ({ params }) =>
  respond(jsonFile(jurisdictionTwin(getSiteData(), params.id!)));
