import type { APIRoute } from 'astro';
import { respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { withCacheKeys } from '../../site/entities.ts';
import { imageFile, imagePaths } from '../../site/images.ts';
import type { ImageOwner } from '../../site/images.ts';

// An image's name hashes its drawing and its renderer, so the name is its cache key.
export const getStaticPaths = async () =>
  withCacheKeys(await imagePaths(getSiteData()), ({ params }) => Promise.resolve(params.file));

export const GET: APIRoute<{ owner: ImageOwner }, { file: string }> = async ({ params, props }) =>
  respond({
    body: await imageFile(getSiteData(), props.owner, params.file),
    type: params.file.endsWith('.svg') ? 'image/svg+xml' : 'image/png',
  });
