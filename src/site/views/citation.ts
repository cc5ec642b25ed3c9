/**
 * "Cite this page" on report, jurisdiction and state pages: the citation as text, and as
 * BibTeX and CSL-JSON files (served by the routes in src/pages/citations/) named after the page.
 */
import { pageCitation } from '../../lib/output/citation.ts';
import type { ServedFile } from '../../lib/output/files.ts';
import { jsonFile } from '../../lib/output/files.ts';
import { paths } from '../../lib/output/urls.ts';
import { jurisdictionLabel } from '../../lib/text/names.ts';
import { reportHeading } from '../../lib/text/titles.ts';
import type { SiteData } from './site.ts';

export interface CitationView {
  text: string;
  /** The BibTeX and CSL-JSON files, by site path. */
  files: { bibtex: string; csl: string };
}

interface CitationFiles {
  bibtex: { name: string; file: ServedFile };
  csl: { name: string; file: ServedFile };
}

/** The citation of the page at `path`, titled `title`, drawing on the reports starting `starts`. */
function citationOf(
  site: SiteData,
  path: string,
  title: string,
  starts: Iterable<string>,
): { view: CitationView; files: CitationFiles } {
  const reports = [...new Set(starts)].sort().map((start) => {
    const { meta } = site.model.weekByStart.get(start)!.report;
    return {
      start,
      end: meta.period_end,
      title: meta.title,
      published: meta.published,
      publishedSource: meta.published_source,
      retrieved: meta.original?.retrieved ?? null,
    };
  });
  const key = `dda-${path
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}`;
  const citation = pageCitation({ key, title, url: site.link(path), reports });
  const files: CitationFiles = {
    bibtex: {
      name: `${key}.bib`,
      file: { body: `${citation.bibtex}\n`, type: 'application/x-bibtex; charset=utf-8' },
    },
    csl: { name: `${key}.json`, file: jsonFile(citation.csl) },
  };
  return {
    view: {
      text: citation.text,
      files: {
        bibtex: paths.citation(files.bibtex.name),
        csl: paths.citation(files.csl.name),
      },
    },
    files,
  };
}

const weekCitation = (site: SiteData, start: string) => {
  const { meta } = site.model.weekByStart.get(start)!.report;
  return citationOf(site, paths.week(start), reportHeading(meta.period_start, meta.period_end), [
    start,
  ]);
};

const jurisdictionCitation = (site: SiteData, id: string) => {
  const summary = site.model.jurisdictions.get(id)!;
  return citationOf(
    site,
    paths.jurisdiction(id),
    jurisdictionLabel(summary.jurisdiction),
    summary.appearances.map(({ report }) => report),
  );
};

const stateCitation = (site: SiteData, usps: string) => {
  const state = site.model.states.find((s) => s.usps === usps.toUpperCase())!;
  return citationOf(
    site,
    paths.state(state.usps),
    `Jurisdictions in ${state.name}`,
    state.jurisdictions.flatMap((j) => j.appearances.map(({ report }) => report)),
  );
};

export const weekCitationView = (site: SiteData, start: string) => weekCitation(site, start).view;
export const jurisdictionCitationView = (site: SiteData, id: string) =>
  jurisdictionCitation(site, id).view;
export const stateCitationView = (site: SiteData, usps: string) => stateCitation(site, usps).view;

/** Every citation file of the site: two per report, jurisdiction and state page. */
export function citationFiles(site: SiteData): { name: string; file: ServedFile }[] {
  const { model } = site;
  return [
    ...model.weeks.map((week) => weekCitation(site, week.report.start)),
    ...[...model.jurisdictions.keys()].map((id) => jurisdictionCitation(site, id)),
    ...model.states.map((state) => stateCitation(site, state.usps)),
  ].flatMap(({ files }) => [files.bibtex, files.csl]);
}
