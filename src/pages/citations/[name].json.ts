import type { APIRoute } from 'astro';
import { respond } from '../../lib/output/files.ts';
import type { ServedFile } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { fileKey, withCacheKeys } from '../../site/entities.ts';
import { withExtension } from '../../site/file-routes.ts';
import { citationFiles } from '../../site/views/citation.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    withExtension(
      citationFiles(getSiteData()).map(({ name, file }) => ({ params: { name }, props: { file } })),
      'name',
      'json',
    ),
    ({ props }) => fileKey(props.file),
  );

export const GET: APIRoute<{ file: ServedFile }> = ({ props }) => respond(props.file);
