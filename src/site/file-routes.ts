/**
 * The paths of the routes that serve files, one route per extension (`[name].csv.ts`): under
 * `trailingSlash: 'always'` the dev server answers a file's address only from a route whose
 * pattern ends in its extension; a `[file].ts` route builds the same files but answers 404 in
 * `npm run dev`. The routes of one kind of file share the list of them, made once per build.
 */
import type { APIRoute } from 'astro';
import { respond, weekFiles } from '../lib/output/files.ts';
import type { RegisteredFile, ServedFile } from '../lib/output/files.ts';
import { fileKey, weekOutputs, withCacheKeys } from './entities.ts';
import { citationFiles } from './views/citation.ts';
import type { SiteData } from './views/site.ts';

/** A value made once per build's site data and shared by the routes that ask for it. */
export function perSite<T>(make: (site: SiteData) => T): (site: SiteData) => T {
  const made = new WeakMap<SiteData, T>();
  return (site) => {
    if (!made.has(site)) made.set(site, make(site));
    return made.get(site)!;
  };
}

/** The paths whose `param` names a file with this extension, with the extension cut off. */
export function withExtension<P extends string, T extends { params: Record<P, string> }>(
  paths: readonly T[],
  param: P,
  extension: string,
): T[] {
  const suffix = `.${extension}`;
  return paths
    .filter((path) => path.params[param].endsWith(suffix))
    .map((path) => ({
      ...path,
      params: { ...path.params, [param]: path.params[param].slice(0, -suffix.length) },
    }));
}

const allWeekFiles = perSite((site) =>
  site.dataset.reports.flatMap((report) =>
    weekFiles(report).map((file) => ({
      params: { date: report.start, name: file.path.slice(file.path.lastIndexOf('/') + 1) },
      props: { file },
    })),
  ),
);

/** A report's files under `weeks/<start>/` with this extension, keyed by the report. */
export const weekFilePaths = (site: SiteData, extension: string) =>
  withCacheKeys(
    withExtension(allWeekFiles(site), 'name', extension),
    async ({ params }) => (await weekOutputs(site, params.date)).keys.files,
  );

export const serveWeekFile: APIRoute<{ file: RegisteredFile }> = ({ props }) =>
  respond(props.file.build());

const allCitations = perSite((site) =>
  citationFiles(site).map(({ name, file }) => ({ params: { name }, props: { file } })),
);

/** The citation files with this extension, each keyed by its content. */
export const citationPaths = (site: SiteData, extension: string) =>
  withCacheKeys(withExtension(allCitations(site), 'name', extension), ({ props }) =>
    fileKey(props.file),
  );

export const serveCitation: APIRoute<{ file: ServedFile }> = ({ props }) => respond(props.file);
