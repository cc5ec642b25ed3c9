/** `/jurisdictions/<id>/`: one jurisdiction across the reports, and its JSON twin. */
import { periodEnd } from '../../lib/contract/dates.ts';
import { stateName } from '../../lib/contract/states.ts';
import { chartPicture } from '../../lib/charts/images.ts';
import type { Picture } from '../../lib/charts/images.ts';
import { jurisdictionHistoryChart } from '../../lib/charts/specs/jurisdiction.ts';
import type { ValueAddress } from '../../lib/intake/form.ts';
import type { JurisdictionRecord } from '../../lib/model/site-model.ts';
import { paths } from '../../lib/output/urls.ts';
import { formatPeriod } from '../../lib/text/dates.ts';
import { formatCount } from '../../lib/text/format.ts';
import { jurisdictionLabel } from '../../lib/text/names.ts';
import { SITE_NAME } from '../../lib/text/titles.ts';
import { plural } from '../../lib/text/words.ts';
import { jurisdictionCitationView } from './citation.ts';
import type { CitationView } from './citation.ts';
import { correctionMarks, countAddress, reportRef } from './parts.ts';
import type { CorrectionMark, ReportRef } from './parts.ts';
import { jurisdictionSearchEntry } from './search.ts';
import type { PageHead, SiteData } from './site.ts';
import { correctionRows, policyRows } from './tables.ts';
import type { CorrectionRowView, PolicyRowView } from './tables.ts';

/** One report's row for the jurisdiction. */
export interface AppearanceView extends ReportRef {
  start: string;
  issued: number | null;
  issuedMarks: CorrectionMark[];
  declined: number | null;
  declinedMarks: CorrectionMark[];
  /** Each count's address for an error report. */
  addresses: { issued: ValueAddress; declined: ValueAddress };
  issuedSource: string | null;
  declinedSource: string | null;
  note: string | null;
}

export interface JurisdictionView {
  head: PageHead;
  id: string;
  label: string;
  state: { name: string; path: string };
  lede: string;
  aor: string | null;
  aliases: string[];
  totals: { declined: number | null; declinedUnknown: number; issued: number | null };
  feedPath: string;
  history: { title: string; picture: Picture | null; caption: string; rows: AppearanceView[] };
  citation: CitationView;
  policies: PolicyRowView[];
  corrections: CorrectionRowView[];
}

/** `getStaticPaths` of `/jurisdictions/<id>/`, its feed and twin: every jurisdiction named. */
export function jurisdictionPaths(site: SiteData) {
  return [...site.model.jurisdictions.keys()].map((id) => ({ params: { id } }));
}

/** Where a jurisdiction appears, for the opening line of its page. */
export function appearanceSentence(summary: JurisdictionRecord): string {
  const report = (start: string) => `the report of ${formatPeriod(start, periodEnd(start))}`;
  const count = summary.appearances.length;
  if (count === 0) {
    return `Listed in the policy table (Section III) from ${report(summary.first)} on; no other table of a report names it.`;
  }
  if (count === 1) return `Named in ${report(summary.first)}.`;
  return `Named in ${formatCount(count)} reports, from ${report(summary.first)} to ${report(summary.last)}.`;
}

export function jurisdictionRecord(site: SiteData, id: string): JurisdictionRecord {
  const summary = site.model.jurisdictions.get(id);
  if (!summary) throw new Error(`no report or policy names the jurisdiction ${id}`);
  return summary;
}

export function jurisdictionView(site: SiteData, id: string): JurisdictionView {
  const { model } = site;
  const summary = jurisdictionRecord(site, id);
  const { jurisdiction, appearances } = summary;
  const label = jurisdictionLabel(jurisdiction);
  const lede = appearanceSentence(summary);
  const marks = (report: string, field: 'issued' | 'declined') =>
    correctionMarks(model, { report, table: 'jurisdictions', jurisdiction: id, field });
  return {
    head: {
      title: label,
      description: `${label} in ICE's Declined Detainer Outcome Reports: named in ${plural(appearances.length, 'report')}, declined detainers recorded: ${formatCount(summary.declinedTotal)}.`,
      feeds: [{ title: `${SITE_NAME}: ${label}`, path: paths.jurisdictionFeed(id) }],
      search: jurisdictionSearchEntry(summary, label, lede),
      jsonTwin: paths.jurisdictionTwin(id),
    },
    id,
    label,
    state: { name: stateName(jurisdiction.state), path: paths.state(jurisdiction.state) },
    lede,
    aor: jurisdiction.aor,
    aliases: jurisdiction.aliases,
    totals: {
      declined: summary.declinedTotal,
      declinedUnknown: summary.declinedUnknown,
      issued: summary.issuedTotal,
    },
    feedPath: paths.jurisdictionFeed(id),
    history: {
      title: `${label}: detainers per report`,
      picture: chartPicture(jurisdictionHistoryChart(summary)),
      caption: `${label} in each report`,
      rows: appearances.map(({ report, row }) => ({
        ...reportRef(report),
        start: report,
        issued: row.issued,
        issuedMarks: marks(report, 'issued'),
        declined: row.declined,
        declinedMarks: marks(report, 'declined'),
        addresses: {
          issued: countAddress(report, id, 'issued', row.issued),
          declined: countAddress(report, id, 'declined', row.declined),
        },
        issuedSource: row.issued_source,
        declinedSource: row.declined_source,
        note: row.note,
      })),
    },
    policies: policyRows(model, summary.policies),
    corrections: correctionRows(model, summary.corrections),
    citation: jurisdictionCitationView(site, id),
  };
}

/** The JSON twin of a jurisdiction page. */
export function jurisdictionTwin(site: SiteData, id: string, view = jurisdictionView(site, id)) {
  const summary = jurisdictionRecord(site, id);
  return {
    page: site.link(paths.jurisdiction(id)),
    feed: site.link(view.feedPath),
    jurisdiction: summary.jurisdiction,
    label: view.label,
    summary: view.lede,
    totals: {
      reports: summary.appearances.length,
      declined: view.totals.declined,
      declined_unknown: view.totals.declinedUnknown,
      issued: view.totals.issued,
    },
    appearances: view.history.rows.map((row) => ({
      report: row.start,
      page: site.link(row.path),
      issued: row.issued,
      issued_source: row.issuedSource,
      declined: row.declined,
      declined_source: row.declinedSource,
      note: row.note,
      corrections: [...row.issuedMarks, ...row.declinedMarks].map((mark) => mark.text),
    })),
    policies: summary.policies,
    corrections: summary.corrections,
  };
}
