import type { APIRoute, GetStaticPaths } from 'astro';
import { respond, weekFiles } from '../../../lib/output/api.ts';
import type { ServedFile } from '../../../lib/output/api.ts';
import { getDataset } from '../../../site/dataset.ts';

export const getStaticPaths = (async () =>
  (await getDataset()).reports.flatMap((report) =>
    Object.entries(weekFiles(report)).map(([file, served]) => ({
      params: { date: report.start, file },
      props: { served },
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ served: ServedFile }> = ({ props }) => respond(props.served);
