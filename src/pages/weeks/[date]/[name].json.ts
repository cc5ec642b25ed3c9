import type { APIRoute } from 'astro';
import { respond, weekFiles } from '../../../lib/output/files.ts';
import type { RegisteredFile } from '../../../lib/output/files.ts';
import { getSiteData } from '../../../site/build.ts';
import { weekOutputs, withCacheKeys } from '../../../site/entities.ts';
import { withExtension } from '../../../site/file-routes.ts';

export const getStaticPaths = () =>
  withCacheKeys(
    withExtension(
      getSiteData().dataset.reports.flatMap((report) =>
        weekFiles(report).map((file) => ({
          params: { date: report.start, name: file.path.slice(file.path.lastIndexOf('/') + 1) },
          props: { file },
        })),
      ),
      'name',
      'json',
    ),
    async ({ params }) => (await weekOutputs(getSiteData(), params.date)).keys.files,
  );

export const GET: APIRoute<{ file: RegisteredFile }> = ({ props }) => respond(props.file.build());
