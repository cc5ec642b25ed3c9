import type { APIRoute } from 'astro';
import { respond, siteLinks, jsonFile, weeksIndex } from '../../lib/output/api.ts';
import { getSiteModel } from '../../site/model.ts';

export const GET: APIRoute = async ({ site }) =>
  respond(jsonFile(weeksIndex(await getSiteModel(), siteLinks(site, import.meta.env.BASE_URL))));
