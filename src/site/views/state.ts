/** `/states/<usps>/`: the jurisdictions of one state, and its JSON twin. */
import { chartPicture } from '../../lib/charts/images.ts';
import type { Picture } from '../../lib/charts/images.ts';
import { stateJurisdictionsChart } from '../../lib/charts/specs/state.ts';
import type { StateRecord } from '../../lib/model/site-model.ts';
import { paths } from '../../lib/output/urls.ts';
import { plural } from '../../lib/text/words.ts';
import { stateCitationView } from './citation.ts';
import type { CitationView } from './citation.ts';
import { stateSearchEntry } from './search.ts';
import type { PageHead, SiteData } from './site.ts';
import { jurisdictionRows } from './tables.ts';
import type { JurisdictionRowView } from './tables.ts';

export interface StateView {
  head: PageHead;
  name: string;
  lede: string;
  totals: { declined: number | null; declinedUnknown: number; issued: number | null };
  chart: { title: string; picture: Picture | null };
  table: { caption: string; rows: JurisdictionRowView[] };
  citation: CitationView;
}

/** `getStaticPaths` of `/states/<usps>/` and its twin, the code in lower case as in `paths.state`. */
export function statePaths(site: SiteData) {
  return site.model.states.map((state) => ({ params: { usps: state.usps.toLowerCase() } }));
}

function stateRecord(site: SiteData, usps: string): StateRecord {
  const state = site.model.states.find((s) => s.usps === usps.toUpperCase());
  if (!state) throw new Error(`no jurisdiction of the state ${usps} is named`);
  return state;
}

export function stateView(site: SiteData, usps: string): StateView {
  const state = stateRecord(site, usps);
  const lede = `${plural(state.jurisdictions.length, 'jurisdiction')} in ${state.name} named in the reports.`;
  return {
    head: {
      title: state.name,
      description: `Jurisdictions in ${state.name} named in ICE's Declined Detainer Outcome Reports, with totals across reports.`,
      search: stateSearchEntry(state, lede),
      jsonTwin: paths.stateTwin(state.usps),
    },
    name: state.name,
    lede,
    totals: {
      declined: state.declinedTotal,
      declinedUnknown: state.declinedUnknown,
      issued: state.issuedTotal,
    },
    chart: {
      title: `Declined detainers by jurisdiction in ${state.name}`,
      picture: chartPicture(stateJurisdictionsChart(state)),
    },
    table: {
      caption: `Jurisdictions in ${state.name}`,
      rows: jurisdictionRows(state.jurisdictions),
    },
    citation: stateCitationView(site, usps),
  };
}

/** The JSON twin of a state page. */
export function stateTwin(site: SiteData, usps: string, view = stateView(site, usps)) {
  const state = stateRecord(site, usps);
  return {
    page: site.link(paths.state(state.usps)),
    usps: state.usps,
    name: view.name,
    totals: {
      declined: view.totals.declined,
      declined_unknown: view.totals.declinedUnknown,
      issued: view.totals.issued,
    },
    jurisdictions: view.table.rows.map((row, i) => ({
      id: state.jurisdictions[i]!.jurisdiction.id,
      name: row.name,
      page: site.link(row.path),
      reports: row.reports,
      declined: row.declinedTotal,
      declined_unknown: row.declinedUnknown,
      issued: row.issuedTotal,
      first_report: state.jurisdictions[i]!.first,
      last_report: state.jurisdictions[i]!.last,
    })),
  };
}
