import type { APIRoute } from 'astro';
import { jurisdictionsIndex } from '../../lib/output/api.ts';
import { jsonFile, respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';

export const GET: APIRoute = () => {
  const { model, link } = getSiteData();
  return respond(jsonFile(jurisdictionsIndex(model, link)));
};
