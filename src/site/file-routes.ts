/**
 * Paths of routes that serve files (`report.csv`, `x.bib`), one route per extension. Under
 * `trailingSlash: 'always'` the dev server answers a file's address only from a route whose
 * pattern ends in its extension (`[name].csv.ts`); a `[file].ts` route builds the same files
 * but answers 404 in `npm run dev`.
 */

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
