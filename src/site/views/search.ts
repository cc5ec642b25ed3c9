/** What each indexed page puts in the search index, and the search page itself. */
import type { WeekReport } from '../../lib/contract/load.ts';
import { filterValues } from '../../lib/output/search-entry.ts';
import type { SearchEntry } from '../../lib/output/search-entry.ts';
import type { JurisdictionSummary, StateSummary } from '../../lib/model/site-model.ts';
import { stateName } from '../../lib/contract/states.ts';
import type { Gazetteer } from '../../lib/model/site-model.ts';
import type { PageHead, SiteData } from './site.ts';
import { stateLinks } from './tables.ts';

/** A report page: the report itself and every state it names a jurisdiction in. */
export function weekSearchEntry(report: WeekReport, gazetteer: Gazetteer): SearchEntry {
  const states = report.jurisdictions.flatMap((row) => {
    const state = gazetteer.get(row.jurisdiction)?.state;
    return state ? [stateName(state)] : [];
  });
  return { kind: 'Report', filters: { state: filterValues(states), report: [report.start] } };
}

/** A jurisdiction page: its state and every report that names it. */
export function jurisdictionSearchEntry(summary: JurisdictionSummary): SearchEntry {
  return {
    kind: 'Jurisdiction',
    filters: {
      state: [stateName(summary.jurisdiction.state)],
      report: filterValues(summary.appearances.map((appearance) => appearance.report)),
    },
  };
}

/** A state page: the state and every report that names one of its jurisdictions. */
export function stateSearchEntry(state: StateSummary): SearchEntry {
  return {
    kind: 'State',
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
