/** The rows of the tables several pages show, resolved for their components. */
import type { CorrectionRow, DeclinedRow, PolicyRow } from '../../lib/contract/schema.ts';
import { asCell } from '../../lib/contract/correction-targets.ts';
import { stateName } from '../../lib/contract/states.ts';
import type { ValueAddress } from '../../lib/intake/form.ts';
import {
  CORRECTION_KIND_LABELS,
  correctionAnchor,
  correctionFieldLabel,
  correctionOutcome,
} from '../../lib/model/corrections.ts';
import type { JurisdictionRecord, SiteModel, StateRecord } from '../../lib/model/site-model.ts';
import { paths } from '../../lib/output/urls.ts';
import { NOT_REPORTED } from '../../lib/text/format.ts';
import { correctionMarks, jurisdictionRef, nameGroups, reportRef } from './parts.ts';
import type { CorrectionMark, JurisdictionRef, NameGroup, ReportRef } from './parts.ts';

/** The Section II values a reader can report an error in, by the column that holds each. */
const DECLINED_VALUES = {
  jurisdiction: 'jurisdiction',
  facility: 'facility',
  citizenship: 'citizenship',
  issuedDate: 'issued_date',
  declinedDate: 'declined_date',
  criminalActivity: 'criminal_activity',
} as const satisfies Record<string, keyof DeclinedRow>;

/** A Section II row as transcribed. */
export interface DeclinedRowView {
  row: number;
  /** Each value's address for an error report. */
  addresses: Record<keyof typeof DECLINED_VALUES, ValueAddress>;
  marks: CorrectionMark[];
  jurisdiction: JurisdictionRef;
  facility: string | null;
  citizenship: string | null;
  issuedDate: string | null;
  declinedDate: string | null;
  criminalActivity: string | null;
  source: string;
  note: string | null;
}

export function declinedRows(
  model: SiteModel,
  report: string,
  rows: readonly DeclinedRow[],
): DeclinedRowView[] {
  return rows.map((row) => ({
    row: row.row,
    addresses: Object.fromEntries(
      Object.entries(DECLINED_VALUES).map(([key, field]) => [
        key,
        {
          report,
          table: 'declined',
          jurisdiction: null,
          row: row.row,
          field,
          published: asCell(row[field]),
        },
      ]),
    ) as DeclinedRowView['addresses'],
    marks: correctionMarks(model, { report, table: 'declined', row: row.row, field: null }),
    jurisdiction: jurisdictionRef(model, row.jurisdiction),
    facility: row.facility,
    citizenship: row.citizenship,
    issuedDate: row.issued_date,
    declinedDate: row.declined_date,
    criminalActivity: row.criminal_activity,
    source: row.source,
    note: row.note,
  }));
}

/** A Section III row. */
export interface PolicyRowView {
  jurisdiction: JurisdictionRef;
  listedAs: string | null;
  dateEnacted: string | null;
  policy: string | null;
  note: string | null;
  criteria: string | null;
  firstReport: { path: string; start: string };
  source: string;
  /** The row's address for an error report: a Section III row is named whole. */
  address: ValueAddress;
}

export function policyRows(model: SiteModel, rows: readonly PolicyRow[]): PolicyRowView[] {
  return rows.map((row) => ({
    jurisdiction: jurisdictionRef(model, row.jurisdiction),
    listedAs: row.listed_as,
    dateEnacted: row.date_enacted,
    policy: row.policy,
    note: row.note,
    criteria: row.criteria,
    firstReport: { path: paths.week(row.first_report), start: row.first_report },
    source: row.source,
    address: {
      report: row.first_report,
      table: 'policies',
      jurisdiction: row.jurisdiction,
      row: null,
      field: null,
      published: null,
    },
  }));
}

/**
 * Section III as a report page shows it: the rows that give a name as listed, a date, a policy
 * or criteria in the table; the rows that give none of these as lists of names, one list per
 * first report, source and note, instead of a row each of four "not reported" cells.
 */
export function policySummary(rows: readonly PolicyRowView[]): {
  rows: PolicyRowView[];
  listedOnly: NameGroup[];
} {
  const known = (row: PolicyRowView) =>
    Boolean(row.listedAs || row.dateEnacted || row.policy || row.criteria);
  return {
    rows: rows.filter(known),
    listedOnly: nameGroups(
      rows
        .filter((row) => !known(row))
        .map(({ jurisdiction, firstReport, source, note, address }) => ({
          jurisdiction,
          anchor: null,
          address,
          firstReport,
          source,
          note,
        })),
    ),
  };
}

/** A correction or dispute, "as published" beside "as corrected". */
export interface CorrectionRowView {
  anchor: string;
  date: string;
  kind: string;
  report: ReportRef;
  jurisdiction: JurisdictionRef | null;
  row: number | null;
  field: string | null;
  asPublished: string;
  asCorrected: string;
  statement: string;
  by: string;
  source: string;
}

export function correctionRows(
  model: SiteModel,
  rows: readonly CorrectionRow[],
): CorrectionRowView[] {
  return rows.map((row) => ({
    anchor: correctionAnchor(row),
    date: row.date,
    kind: CORRECTION_KIND_LABELS[row.kind],
    report: reportRef(row.report),
    jurisdiction: row.jurisdiction === null ? null : jurisdictionRef(model, row.jurisdiction),
    row: row.row,
    field: correctionFieldLabel(row),
    ...correctionOutcome(row),
    statement: row.statement,
    by: row.by,
    source: row.source,
  }));
}

/** A row of a table of jurisdictions (the index, a state's page). */
export interface JurisdictionRowView {
  name: string;
  path: string;
  state: { name: string; path: string };
  reports: number;
  declinedTotal: number | null;
  declinedUnknown: number;
  issuedTotal: number | null;
  first: ReportRef;
  last: ReportRef;
  /** The latest policy on record, or what stands in its place. */
  policy: { text: string; unknown: boolean };
  /** The values the index's filter and sort script reads (src/client/jurisdiction-index.ts). */
  sortData: {
    'data-name': string;
    'data-state': string;
    'data-declined': number | '';
    'data-reports': number;
    'data-search': string;
  };
}

export function jurisdictionRows(summaries: readonly JurisdictionRecord[]): JurisdictionRowView[] {
  return summaries.map((summary) => {
    const { jurisdiction } = summary;
    const state = stateName(jurisdiction.state);
    const policy = summary.policies.at(-1);
    return {
      name: jurisdiction.name,
      path: paths.jurisdiction(jurisdiction.id),
      state: { name: state, path: paths.state(jurisdiction.state) },
      reports: summary.appearances.length,
      declinedTotal: summary.declinedTotal,
      declinedUnknown: summary.declinedUnknown,
      issuedTotal: summary.issuedTotal,
      first: reportRef(summary.first),
      last: reportRef(summary.last),
      policy: policy
        ? { text: policy.policy ?? `listed; policy ${NOT_REPORTED}`, unknown: !policy.policy }
        : { text: 'none transcribed', unknown: true },
      sortData: {
        'data-name': jurisdiction.name,
        'data-state': state,
        'data-declined': summary.declinedTotal ?? '',
        'data-reports': summary.appearances.length,
        'data-search': [jurisdiction.name, ...jurisdiction.aliases, state].join(' | '),
      },
    };
  });
}

/** A link to each state's page, in the order of the states' names. */
export function stateLinks(states: readonly StateRecord[]): { name: string; path: string }[] {
  return states.map((state) => ({ name: state.name, path: paths.state(state.usps) }));
}
