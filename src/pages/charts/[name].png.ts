import type { APIRoute } from 'astro';
import { respond } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { withCacheKeys } from '../../site/entities.ts';
import { withExtension } from '../../site/file-routes.ts';
import { imageFile, imagePaths } from '../../site/images.ts';
import type { ImagePath } from '../../site/images.ts';

// An image's name hashes its drawing and its renderer, so the name is its cache key.
export const getStaticPaths = async () =>
  withCacheKeys(withExtension(await imagePaths(getSiteData()), 'name', 'png'), ({ props }) =>
    Promise.resolve(props.file),
  );

export const GET: APIRoute<ImagePath['props'], ImagePath['params']> = async ({ props }) =>
  respond({ body: await imageFile(getSiteData(), props), type: 'image/png' });
