import type { APIRoute } from 'astro';
import { jsonFile, jurisdictionsIndex, respond, siteLinks } from '../../lib/output/api.ts';
import { getSiteModel } from '../../site/model.ts';

export const GET: APIRoute = async ({ site }) =>
  respond(
    jsonFile(jurisdictionsIndex(await getSiteModel(), siteLinks(site, import.meta.env.BASE_URL))),
  );
