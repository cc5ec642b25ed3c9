/** What each indexed page puts in the search index, and the search page itself. */
import type { WeekReport } from '../../lib/contract/load.ts';
import { filterValues } from '../../lib/output/search-entry.ts';
import type { SearchEntry } from '../../lib/output/search-entry.ts';
import type { JurisdictionRecord, StateRecord } from '../../lib/model/site-model.ts';
import { stateName } from '../../lib/contract/states.ts';
import type { Gazetteer } from '../../lib/model/site-model.ts';
import { jurisdictionLabel } from '../../lib/text/names.ts';
import type { PageHead, SiteData } from './site.ts';
import { stateLinks } from './tables.ts';

/** Sentences of a record's text; a part that is empty is left out. */
const sentences = (...parts: (string | null | false)[]) =>
  parts.filter((part): part is string => !!part).join(' ');

/** A report page: found by its dates and title, and by the jurisdictions it names. */
export function weekSearchEntry(
  report: WeekReport,
  gazetteer: Gazetteer,
  heading: string,
): SearchEntry {
  const named = report.jurisdictions.flatMap((row) => {
    const place = gazetteer.get(row.jurisdiction);
    return place ? [place] : [];
  });
  return {
    kind: 'Report',
    title: heading,
    text: sentences(
      `${heading}.`,
      `Title as printed: ${report.meta.title}.`,
      named.length > 0 && `Names ${named.map(jurisdictionLabel).join('; ')}.`,
    ),
    filters: {
      state: filterValues(named.map((place) => stateName(place.state))),
      report: [report.start],
    },
  };
}

/** A jurisdiction page: found by its name, aliases and state; filed under every report naming it. */
export function jurisdictionSearchEntry(
  summary: JurisdictionRecord,
  heading: string,
  lede: string,
): SearchEntry {
  const { jurisdiction } = summary;
  return {
    kind: 'Jurisdiction',
    title: heading,
    text: sentences(
      `${heading}, ${stateName(jurisdiction.state)}.`,
      lede,
      jurisdiction.aliases.length > 0 && `Also spelled: ${jurisdiction.aliases.join(', ')}.`,
      jurisdiction.aor && `ICE area of responsibility: ${jurisdiction.aor}.`,
    ),
    filters: {
      state: [stateName(summary.jurisdiction.state)],
      report: filterValues(summary.appearances.map((appearance) => appearance.report)),
    },
  };
}

/**
 * A state page: found by its name. Its jurisdictions are found on their own pages; listing them
 * here would put the state above them when a reader types one of their names.
 */
export function stateSearchEntry(state: StateRecord, lede: string): SearchEntry {
  return {
    kind: 'State',
    title: state.name,
    text: sentences(`${state.name}.`, lede),
    filters: {
      state: [state.name],
      report: filterValues(
        state.jurisdictions.flatMap((summary) => summary.appearances.map((a) => a.report)),
      ),
    },
  };
}

/** `/search/`: the search form, and the states to browse where search cannot run. */
export function searchPageView(site: SiteData): {
  head: PageHead;
  states: { name: string; path: string }[];
} {
  return {
    head: {
      title: 'Search',
      description:
        "Search the archive's report, jurisdiction and state pages by name, alias, state or report date.",
      searchBox: false,
    },
    states: stateLinks(site.model.states),
  };
}
