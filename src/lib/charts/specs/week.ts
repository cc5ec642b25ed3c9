/** The charts of a report page. */
import { daysBetween } from '../../contract/dates.ts';
import { formatCount } from '../../text/format.ts';
import type { WeekReport } from '../../contract/load.ts';
import { stateName } from '../../contract/states.ts';
import { DECLINED_COLOUR, ISSUED_COLOUR } from '../palette.ts';
import { barChart, joinNotes, leaders, notReportedNote } from '../kit.ts';
import type { ChartSpec, TableCell } from '../kit.ts';
import { joinNames, plural } from '../../text/words.ts';
import { formatDate } from '../../text/dates.ts';
import type { Gazetteer } from '../../model/site-model.ts';
import {
  DECLINED_AXIS,
  ISSUED_AXIS,
  DEFAULT_TOP,
  nameOf,
  periodOf,
  reportSource,
  runnersUp,
  rankedBars,
} from './common.ts';

/** Week: declined detainers by jurisdiction, the top N as horizontal bars. */
export function weekDeclinedByJurisdictionChart(
  report: WeekReport,
  gazetteer: Gazetteer,
  top = DEFAULT_TOP,
): ChartSpec | null {
  const items = report.jurisdictions.map((row) => ({
    name: nameOf(gazetteer, row.jurisdiction),
    value: row.declined,
  }));
  const period = periodOf(report.meta);
  const total = report.meta.figures.declined_total.value;
  return rankedBars({
    kind: 'week-declined',
    title: `Declined detainers by jurisdiction, ${period}`,
    source: reportSource(report.meta),
    items,
    top,
    itemNoun: 'jurisdiction',
    seriesLabel: 'Declined detainers',
    colour: DECLINED_COLOUR,
    valueTitle: DECLINED_AXIS,
    unknownWhat: 'Declined count',
    unknownNames: items.filter((item) => item.value === null).map((item) => item.name),
    describe(known) {
      const lead = leaders(known, (item) => item.value);
      const max = lead[0]!.value;
      const among =
        known.length === 1
          ? 'the only jurisdiction with a reported count'
          : `the most of the ${plural(known.length, 'jurisdiction')} with a reported count`;
      if (max === 0) {
        return `No declined detainer is recorded for the ${plural(known.length, 'jurisdiction')} with a reported count in the report of ${period}.`;
      }
      const ofTotal = total === null ? '' : ` of ${formatCount(total)}`;
      const each = lead.length > 1 ? ' each' : '';
      return `${joinNames(lead.map((item) => item.name))} recorded ${formatCount(max)}${ofTotal} declined detainers${each} in the report of ${period}, ${among}.${runnersUp(known, lead.length)}`;
    },
  });
}

/** Week: detainers issued to the jurisdictions of Section I (issued, not declined). */
export function weekSectionIChart(
  report: WeekReport,
  gazetteer: Gazetteer,
  top = Infinity,
): ChartSpec | null {
  const rows = report.jurisdictions.filter(
    (row) => row.issued !== null || row.issued_rank !== null,
  );
  const items = rows.map((row) => ({
    name: nameOf(gazetteer, row.jurisdiction),
    value: row.issued,
  }));
  const period = periodOf(report.meta);
  const nationwide = report.meta.figures.detainers_issued.value;
  return rankedBars({
    kind: 'week-section-i',
    title: `Detainers issued to the Section I jurisdictions, ${period}`,
    source: reportSource(report.meta),
    items,
    top: Math.min(top, rows.length),
    itemNoun: 'jurisdiction',
    seriesLabel: 'Detainers issued',
    colour: ISSUED_COLOUR,
    valueTitle: ISSUED_AXIS,
    unknownWhat: 'Issued count',
    unknownNames: items.filter((item) => item.value === null).map((item) => item.name),
    describe(known) {
      const lead = leaders(known, (item) => item.value);
      const each = lead.length > 1 ? ' each' : '';
      const context =
        nationwide === null
          ? ''
          : ` ICE issued ${formatCount(nationwide)} detainers nationwide that week.`;
      return `ICE issued ${formatCount(lead[0]!.value)} detainers${each} to ${joinNames(lead.map((item) => item.name))}, the most of the ${plural(known.length, 'jurisdiction')} in Section I of the report of ${period}.${context}${runnersUp(known, lead.length)}`;
    },
  });
}

/** Week: declined detainers by state, summing the jurisdictions whose count is reported. */
export function weekDeclinedByStateChart(
  report: WeekReport,
  gazetteer: Gazetteer,
): ChartSpec | null {
  const byState = new Map<string, number | null>();
  const unknownNames: string[] = [];
  for (const row of report.jurisdictions) {
    const state = gazetteer.get(row.jurisdiction)?.state ?? '??';
    const sum = byState.get(state) ?? null;
    if (row.declined === null) unknownNames.push(nameOf(gazetteer, row.jurisdiction));
    byState.set(state, row.declined === null ? sum : (sum ?? 0) + row.declined);
  }
  const items = [...byState].map(([usps, value]) => ({ name: stateName(usps), value }));
  const period = periodOf(report.meta);
  const spec = rankedBars({
    kind: 'week-states',
    title: `Declined detainers by state, ${period}`,
    source: reportSource(report.meta),
    items,
    top: items.length,
    itemNoun: 'state',
    seriesLabel: 'Declined detainers',
    colour: DECLINED_COLOUR,
    valueTitle: DECLINED_AXIS,
    unknownWhat: 'Declined count',
    unknownNames: [],
    describe(known) {
      const lead = leaders(known, (item) => item.value);
      const sum = known.reduce((n, item) => n + item.value, 0);
      const each = lead.length > 1 ? ' each' : '';
      return `${joinNames(lead.map((item) => item.name))} recorded ${formatCount(lead[0]!.value)} of the ${formatCount(sum)} declined detainers${each} with a reported count in the report of ${period}, across ${plural(known.length, 'state')}.${runnersUp(known, lead.length)}`;
    },
  });
  if (!spec) return null;
  const absentStates = items.filter((item) => item.value === null).map((item) => item.name);
  return {
    ...spec,
    note: joinNotes(
      spec.note,
      notReportedNote('Declined count', unknownNames, 'not counted in the state totals'),
    ),
    table: {
      ...spec.table,
      rows: [...spec.table.rows, ...absentStates.map((name): TableCell[] => [name, null])],
    },
  };
}

/** Issued-to-declined intervals, in days, that name the bars of the age chart. */
const AGE_BUCKETS: readonly { label: string; below: number }[] = [
  { label: 'Under 1 week', below: 7 },
  { label: '1 week to 1 month', below: 31 },
  { label: '1 to 3 months', below: 92 },
  { label: '3 months to 1 year', below: 366 },
  { label: '1 to 5 years', below: 1827 },
  { label: 'Over 5 years', below: Infinity },
];

/**
 * Week: how long before it was recorded as declined each detainer had been issued. This is how
 * old detainers (issued years earlier) show in a weekly report.
 */
export function weekDeclinedAgeChart(report: WeekReport, gazetteer: Gazetteer): ChartSpec | null {
  if (!report.declined) return null;
  const dated = report.declined.flatMap((row) =>
    row.issued_date && row.declined_date
      ? [{ row, days: daysBetween(row.issued_date, row.declined_date) }]
      : [],
  );
  if (dated.length === 0) return null;
  const counts = AGE_BUCKETS.map(
    (bucket, index) =>
      dated.filter(
        ({ days }) => days < bucket.below && days >= (AGE_BUCKETS[index - 1]?.below ?? -Infinity),
      ).length,
  );
  const period = periodOf(report.meta);
  const title = `Time from detainer issued to recorded declined, ${period}`;
  const { config, size, narrow } = barChart({
    title,
    source: reportSource(report.meta),
    categories: AGE_BUCKETS.map((bucket) => bucket.label),
    categoryTitle: 'Time from issued date to declined date',
    valueTitle: DECLINED_AXIS,
    series: [{ label: 'Declined detainers', colour: DECLINED_COLOUR, values: counts }],
    horizontal: false,
  });
  const oldest = dated.reduce((a, b) => (b.days > a.days ? b : a));
  const withinMonth = counts[0]! + counts[1]!;
  const undated = report.declined.length - dated.length;
  return {
    kind: 'week-age',
    title,
    size,
    config,
    narrow,
    alt: `Of the ${plural(dated.length, 'declined detainer')} in the report of ${period} with both dates transcribed, ${formatCount(withinMonth)} ${withinMonth === 1 ? 'was' : 'were'} recorded as declined within a month of being issued. The oldest, in ${nameOf(gazetteer, oldest.row.jurisdiction)}, was issued on ${formatDate(oldest.row.issued_date!)}, ${plural(oldest.days, 'day')} before it was recorded as declined on ${formatDate(oldest.row.declined_date!)}.`,
    note:
      undated > 0
        ? `${plural(undated, 'transcribed row')} without an issued or declined date ${undated === 1 ? 'is' : 'are'} not drawn.`
        : null,
    table: {
      caption: title,
      columns: ['Time from issued to declined', 'Declined detainers'],
      rows: AGE_BUCKETS.map((bucket, index): TableCell[] => [bucket.label, counts[index]!]),
    },
  };
}
