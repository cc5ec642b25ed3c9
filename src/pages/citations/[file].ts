import type { APIRoute } from 'astro';
import { respond } from '../../lib/output/files.ts';
import type { ServedFile } from '../../lib/output/files.ts';
import { getSiteData } from '../../site/build.ts';
import { fileKey, withCacheKeys } from '../../site/entities.ts';
import { citationFiles } from '../../site/views/citation.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    citationFiles(getSiteData()).map(({ name, file }) => ({
      params: { file: name },
      props: { file },
    })),
    ({ props }) => fileKey(props.file),
  );

export const GET: APIRoute<{ file: ServedFile }> = ({ props }) => respond(props.file);
