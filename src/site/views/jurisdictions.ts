/** `/jurisdictions/`: every jurisdiction named, in one table. */
import type { PageHead, SiteData } from './site.ts';
import { jurisdictionRows, stateLinks } from './tables.ts';
import type { JurisdictionRowView } from './tables.ts';

export interface JurisdictionsView {
  head: PageHead;
  states: { name: string; path: string }[];
  rows: JurisdictionRowView[];
}

export function jurisdictionsView(site: SiteData): JurisdictionsView {
  const { states } = site.model;
  return {
    head: {
      title: 'Jurisdictions',
      description:
        'Every jurisdiction the reports named, by state, with totals across reports, first and last appearance and policy on record.',
    },
    states: stateLinks(states),
    rows: jurisdictionRows(states.flatMap((state) => state.jurisdictions)),
  };
}
