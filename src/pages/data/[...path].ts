import type { APIRoute, GetStaticPaths } from 'astro';
import { dataFiles, respond } from '../../lib/output/api.ts';
import type { ServedFile } from '../../lib/output/api.ts';
import { getDataset } from '../../site/dataset.ts';

export const getStaticPaths = (async () =>
  Object.entries(dataFiles(await getDataset())).map(([path, served]) => ({
    params: { path },
    props: { served },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ served: ServedFile }> = ({ props }) => respond(props.served);
