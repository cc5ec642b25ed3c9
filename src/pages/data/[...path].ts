import type { APIRoute } from 'astro';
import { dataFiles, respond } from '../../lib/output/files.ts';
import type { RegisteredFile } from '../../lib/output/files.ts';
import { paths } from '../../lib/output/urls.ts';
import { getSiteData } from '../../site/build.ts';
import { weekOutputs, withCacheKeys } from '../../site/entities.ts';

export const getStaticPaths = () => {
  const site = getSiteData();
  const files = dataFiles(site.dataset, site.model.gazetteer).map((file) => ({
    params: { path: file.path.slice(paths.data().length) },
    props: { file },
  }));
  // A report folder's files are made from the report alone; the rest (the combined tables, the
  // gazetteer, the descriptor) from the whole archive, so they are made every build.
  return withCacheKeys(files, ({ params }) => {
    const week = /^reports\/([^/]+)\//.exec(params.path)?.[1];
    return week ? weekOutputs(site, week).then((outputs) => outputs.keys.files) : null;
  });
};

export const GET: APIRoute<{ file: RegisteredFile }> = ({ props }) => respond(props.file.build());
