import type { APIRoute } from 'astro';
import { respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { withCacheKeys } from '../../site/entities.ts';
import { imageFile, imagePaths } from '../../site/images.ts';
import type { ImagePath } from '../../site/images.ts';

// An image's name hashes its drawing and its renderer, so the name is its cache key.
export const getStaticPaths = async () =>
  withCacheKeys(await imagePaths(getSiteData()), ({ params }) => Promise.resolve(params.file));

export const GET: APIRoute<ImagePath['props'], ImagePath['params']> = async ({ params, props }) =>
  respond({
    body: await imageFile(getSiteData(), props, params.file),
    type: params.file.endsWith('.svg') ? 'image/svg+xml' : 'image/png',
  });
