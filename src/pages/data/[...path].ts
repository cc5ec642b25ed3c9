import type { APIRoute } from 'astro';
import { dataFiles, respond } from '../../lib/output/files.ts';
import type { RegisteredFile } from '../../lib/output/files.ts';
import { paths } from '../../lib/output/urls.ts';
import { getSiteData } from '../../site/build.ts';

export const getStaticPaths = () => {
  const { dataset, model } = getSiteData();
  return dataFiles(dataset, model.gazetteer).map((file) => ({
    params: { path: file.path.slice(paths.data().length) },
    props: { file },
  }));
};

export const GET: APIRoute<{ file: RegisteredFile }> = ({ props }) => respond(props.file.build());
