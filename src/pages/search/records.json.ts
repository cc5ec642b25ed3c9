import type { APIRoute } from 'astro';
import { searchRecordsFile } from '../../lib/output/search-records.ts';
import { getSiteData } from '../../site/build.ts';
import { searchRecords } from '../../site/entities.ts';

// No cache key: written every build, with a record for every page, rendered or kept. The search
// integration indexes it after the build and removes it from the site.
export const GET: APIRoute = async () =>
  new Response(searchRecordsFile(await searchRecords(getSiteData())), {
    headers: { 'Content-Type': 'application/json' },
  });
