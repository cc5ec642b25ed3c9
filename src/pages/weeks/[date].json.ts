import type { APIRoute } from 'astro';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { weekPaths, weekTwin } from '../../site/views/week.ts';

export const getStaticPaths = () => weekPaths(getSiteData());

export const GET: APIRoute = ({ params }) =>
  respond(jsonFile(weekTwin(getSiteData(), params.date!)));
