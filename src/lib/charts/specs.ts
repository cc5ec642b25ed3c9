/**
 * Chart specifications: pure functions from the typed data to a chart.js configuration, a text
 * alternative stating the finding, a note on what is not drawn, and the table beside the chart.
 * A value the report does not give is never drawn (not even as zero) and is named in the note.
 */
import { comparisonSummary, differenceText } from '../model/compare.ts';
import type { Comparison, ComparedRow } from '../model/compare.ts';
import { daysBetween, periodEnd } from '../contract/dates.ts';
import { formatCount, formatDelta } from '../text/format.ts';
import type { WeekReport } from '../contract/load.ts';
import type { GazetteerRow, ReportMeta } from '../contract/schema.ts';
import { jurisdictionLabel } from '../model/site-model.ts';
import { stateName } from '../contract/states.ts';
import type { JurisdictionSummary, StateSummary } from '../model/site-model.ts';
import { DECLINED_COLOUR, EARLIER_COLOUR, ISSUED_COLOUR } from './palette.ts';
import { barChart, joinNotes, leaders, notReportedNote, panelLineChart } from './kit.ts';
import type { ChartSpec, Series, TableCell } from './kit.ts';
import { joinNames, plural } from '../text/words.ts';
import { formatDate, formatPeriod } from '../text/dates.ts';

export type Gazetteer = ReadonlyMap<string, GazetteerRow>;

const ARCHIVE = 'as transcribed by the Declined Detainer Archive';
const DECLINED_AXIS = 'Declined detainers recorded';
const ISSUED_AXIS = 'Detainers issued (not declined)';
/** Bars a ranked chart shows before the rest is left to the table. */
const DEFAULT_TOP = 15;
/** Names a note lists before it gives only their number. */
const MAX_NAMED = 5;

function nameOf(gazetteer: Gazetteer, id: string): string {
  const jurisdiction = gazetteer.get(id);
  return jurisdiction ? jurisdictionLabel(jurisdiction) : id;
}

const periodOf = (meta: ReportMeta) => formatPeriod(meta.period_start, meta.period_end);

function reportSource(meta: ReportMeta): string {
  return `Source: ICE Declined Detainer Outcome Report, ${periodOf(meta)}, ${ARCHIVE}.`;
}

function reportsSource(starts: readonly string[]): string {
  const first = starts[0]!;
  const last = starts.at(-1)!;
  const span =
    first === last
      ? formatPeriod(first, periodEnd(first))
      : `${formatDate(first)} to ${formatDate(periodEnd(last))}`;
  return `Source: ICE Declined Detainer Outcome Reports, ${span}, ${ARCHIVE}.`;
}

/** A period as two axis lines: "Jan 28 – Feb 3" over "2017". */
function periodTick(start: string): string[] {
  const period = formatPeriod(start, periodEnd(start));
  const comma = period.lastIndexOf(', ');
  return [period.slice(0, comma), period.slice(comma + 2)];
}

interface Ranked {
  name: string;
  value: number | null;
}

interface Known {
  name: string;
  value: number;
}

const isKnown = (item: Ranked): item is Known => item.value !== null;
const byValueThenName = (a: Known, b: Known) => b.value - a.value || a.name.localeCompare(b.name);

/** "next: A (5) and B (4)" for the runners-up after the leaders, or an empty string. */
function runnersUp(known: readonly Known[], leaderCount: number): string {
  const next = known.slice(leaderCount, leaderCount + 2);
  if (next.length === 0) return '';
  return ` Next: ${joinNames(next.map((item) => `${item.name} (${formatCount(item.value)})`))}.`;
}

interface RankedBarsInput {
  kind: string;
  title: string;
  source: string;
  items: Ranked[];
  top: number;
  /** Singular noun for the categories, e.g. "jurisdiction" or "state". */
  itemNoun: string;
  seriesLabel: string;
  colour: string;
  valueTitle: string;
  unknownWhat: string;
  unknownNames: string[];
  describe: (known: Known[]) => string;
}

/** One horizontal bar per item with a known value, largest first, the top N of them. */
function rankedBars(input: RankedBarsInput): ChartSpec | null {
  const known = input.items.filter(isKnown).sort(byValueThenName);
  if (known.length === 0) return null;
  const shown = known.slice(0, input.top);
  const { config, size } = barChart({
    title: input.title,
    source: input.source,
    categories: shown.map((item) => item.name),
    categoryTitle: '',
    valueTitle: input.valueTitle,
    series: [
      { label: input.seriesLabel, colour: input.colour, values: shown.map((item) => item.value) },
    ],
    horizontal: true,
  });
  const rest = known.length - shown.length;
  return {
    kind: input.kind,
    title: input.title,
    size,
    config,
    alt: input.describe(known),
    note: joinNotes(
      rest > 0
        ? `The chart shows the top ${shown.length}; ${plural(rest, `other ${input.itemNoun}`)} with a reported count ${rest === 1 ? 'is' : 'are'} in the table.`
        : null,
      notReportedNote(input.unknownWhat, input.unknownNames),
    ),
    table: {
      caption: input.title,
      columns: [input.itemNoun[0]!.toUpperCase() + input.itemNoun.slice(1), input.seriesLabel],
      rows: [
        ...known.map((item): TableCell[] => [item.name, item.value]),
        ...input.unknownNames.map((name): TableCell[] => [name, null]),
      ],
    },
  };
}

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
export function weekSectionIChart(report: WeekReport, gazetteer: Gazetteer): ChartSpec | null {
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
    top: rows.length,
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
  const { config, size } = barChart({
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

/** Home and /weeks/: detainers issued nationwide and declined detainers recorded, per report. */
export function trendChart(reports: readonly WeekReport[]): ChartSpec | null {
  const issued = reports.map((r) => r.meta.figures.detainers_issued.value);
  const declined = reports.map((r) => r.meta.figures.declined_total.value);
  if (![...issued, ...declined].some((value) => value !== null)) return null;
  const starts = reports.map((r) => r.start);
  const periods = reports.map((r) => periodOf(r.meta));
  const title = 'Detainers issued and declined detainers recorded, report by report';
  const { config, size } = panelLineChart({
    title,
    source: reportsSource(starts),
    categories: starts.map(periodTick),
    categoryTitle: 'Report period',
    panels: [
      {
        label: 'Detainers issued nationwide',
        axisTitle: 'Issued',
        colour: ISSUED_COLOUR,
        values: issued,
        dashed: true,
        pointStyle: 'triangle',
      },
      {
        label: 'Declined detainers recorded',
        axisTitle: 'Declined',
        colour: DECLINED_COLOUR,
        values: declined,
        dashed: false,
        pointStyle: 'circle',
      },
    ],
  });
  const describe = (values: (number | null)[], what: string) => {
    const known = values.flatMap((value, i) => (value === null ? [] : [{ value, i }]));
    if (known.length === 0) return `No report gives the number of ${what}.`;
    const top = known.reduce((a, b) => (b.value > a.value ? b : a));
    const sum = known.reduce((n, k) => n + k.value, 0);
    return `${formatCount(sum)} ${what} in the ${plural(known.length, 'report')} that give a figure, the most (${formatCount(top.value)}) in the report of ${periods[top.i]}.`;
  };
  const missing = (values: (number | null)[]) =>
    periods.filter((_, i) => values[i] === null).map((period) => `the report of ${period}`);
  return {
    kind: 'trend',
    title,
    size,
    config,
    alt: `${plural(reports.length, 'report')} from ${formatDate(starts[0]!)} to ${formatDate(periodEnd(starts.at(-1)!))}. Issued: ${describe(issued, 'detainers issued nationwide')} Declined: ${describe(declined, 'declined detainers recorded')}`,
    note: joinNotes(
      notReportedNote('The number of detainers issued nationwide is', missing(issued)),
      notReportedNote('The number of declined detainers recorded is', missing(declined)),
    ),
    table: {
      caption: title,
      columns: ['Report', 'Detainers issued nationwide', 'Declined detainers recorded'],
      rows: periods.map((period, i): TableCell[] => [period, issued[i]!, declined[i]!]),
    },
  };
}

/** Jurisdiction: its declined detainers (and detainers issued to it, where reported) per report. */
export function jurisdictionHistoryChart(summary: JurisdictionSummary): ChartSpec | null {
  const { appearances } = summary;
  const name = jurisdictionLabel(summary.jurisdiction);
  const declined = appearances.map((a) => a.row.declined);
  const issued = appearances.map((a) => a.row.issued);
  const hasIssued = issued.some((value) => value !== null);
  if (!hasIssued && !declined.some((value) => value !== null)) return null;
  const periods = appearances.map((a) => formatPeriod(a.report, periodEnd(a.report)));
  const title = `${name}: detainers per report`;
  const series: Series[] = [
    { label: 'Declined detainers recorded', colour: DECLINED_COLOUR, values: declined },
    ...(hasIssued ? [{ label: 'Detainers issued', colour: ISSUED_COLOUR, values: issued }] : []),
  ];
  const { config, size } = barChart({
    title,
    source: reportsSource(appearances.map((a) => a.report)),
    categories: appearances.map((a) => periodTick(a.report)),
    categoryTitle: 'Report period',
    valueTitle: 'Detainers',
    series,
    horizontal: false,
  });
  const describe = (values: (number | null)[], what: string) => {
    const known = values.flatMap((value, i) => (value === null ? [] : [{ value, i }]));
    if (known.length === 0) return '';
    const top = known.reduce((a, b) => (b.value > a.value ? b : a));
    const sum = known.reduce((n, k) => n + k.value, 0);
    return known.length === 1
      ? ` ${capitalise(what)}: ${formatCount(sum)}, in the report of ${periods[top.i]}.`
      : ` ${capitalise(what)}: ${formatCount(sum)} across the ${plural(known.length, 'report')} that give a count, the most (${formatCount(top.value)}) in the report of ${periods[top.i]}.`;
  };
  const missing = (values: (number | null)[]) =>
    periods.filter((_, i) => values[i] === null).map((period) => `the report of ${period}`);
  return {
    kind: 'jurisdiction',
    title,
    size,
    config,
    alt: `${name} is named in ${plural(appearances.length, 'report')}.${describe(declined, 'declined detainers recorded')}${describe(issued, 'detainers issued to it')}`,
    note: joinNotes(
      notReportedNote('The declined count is', missing(declined)),
      hasIssued ? notReportedNote('The issued count is', missing(issued)) : null,
    ),
    table: {
      caption: title,
      columns: ['Report', 'Declined detainers recorded', 'Detainers issued'],
      rows: periods.map((period, i): TableCell[] => [period, declined[i]!, issued[i]!]),
    },
  };
}

function capitalise(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

/** Sum of the known values, or null where none is known (not zero). */
function knownSum(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length ? known.reduce((n, value) => n + value, 0) : null;
}

/** State: its jurisdictions, declined and issued across all reports. */
export function stateJurisdictionsChart(state: StateSummary, top = 25): ChartSpec | null {
  const items = state.jurisdictions.map((j) => ({
    name: jurisdictionLabel(j.jurisdiction),
    declined: knownSum(j.appearances.map((a) => a.row.declined)),
    issued: knownSum(j.appearances.map((a) => a.row.issued)),
  }));
  const drawn = items
    .filter((item) => item.declined !== null || item.issued !== null)
    .sort(
      (a, b) =>
        (b.declined ?? -1) - (a.declined ?? -1) ||
        (b.issued ?? -1) - (a.issued ?? -1) ||
        a.name.localeCompare(b.name),
    );
  if (drawn.length === 0) return null;
  const shown = drawn.slice(0, top);
  const hasIssued = drawn.some((item) => item.issued !== null);
  const title = `Detainers by jurisdiction in ${state.name}, all reports`;
  const starts = [
    ...new Set(state.jurisdictions.flatMap((j) => j.appearances.map((a) => a.report))),
  ].sort();
  const { config, size } = barChart({
    title,
    source: starts.length ? reportsSource(starts) : `Source: ${ARCHIVE}.`,
    categories: shown.map((item) => item.name),
    categoryTitle: '',
    valueTitle: 'Detainers, sum of the reported counts',
    series: [
      {
        label: 'Declined detainers recorded',
        colour: DECLINED_COLOUR,
        values: shown.map((item) => item.declined),
      },
      ...(hasIssued
        ? [
            {
              label: 'Detainers issued',
              colour: ISSUED_COLOUR,
              values: shown.map((item) => item.issued),
            },
          ]
        : []),
    ],
    horizontal: true,
  });
  const withDeclined = items.filter(
    (item): item is typeof item & { declined: number } => item.declined !== null,
  );
  const declinedSentence = withDeclined.length
    ? (() => {
        const lead = leaders(withDeclined, (item) => item.declined);
        const sum = withDeclined.reduce((n, item) => n + item.declined, 0);
        return ` ${joinNames(lead.map((item) => item.name))} recorded the most declined detainers: ${formatCount(lead[0]!.declined)}${lead.length > 1 ? ' each' : ''} of the ${formatCount(sum)} with a reported count.`;
      })()
    : ' No report gives a declined count for them.';
  const rest = drawn.length - shown.length;
  return {
    kind: 'state',
    title,
    size,
    config,
    alt: `${state.name}: ${plural(items.length, 'jurisdiction')} named in the reports.${declinedSentence}`,
    note: joinNotes(
      rest > 0
        ? `The chart shows the top ${shown.length}; ${plural(rest, 'other jurisdiction')} ${rest === 1 ? 'is' : 'are'} in the table.`
        : null,
      notReportedNote(
        'The declined count is',
        items.filter((item) => item.declined === null).map((item) => item.name),
      ),
    ),
    table: {
      caption: title,
      columns: ['Jurisdiction', 'Declined detainers recorded', 'Detainers issued'],
      rows: [...drawn, ...items.filter((item) => !drawn.includes(item))].map(
        (item): TableCell[] => [item.name, item.declined, item.issued],
      ),
    },
  };
}

/**
 * "A (+5, from 2 to 7)" for the largest change of one direction (ties all named, or counted when
 * there are many), or null where there is none.
 */
function largestChange(rows: readonly ComparedRow[]): string | null {
  if (rows.length === 0) return null;
  const lead = leaders(rows, (row) => Math.abs(row.difference!));
  if (lead.length > MAX_NAMED) {
    return `${plural(lead.length, 'jurisdiction')}, ${formatDelta(lead[0]!.difference!)} each`;
  }
  return joinNames(
    lead.map(
      (row) =>
        `${row.name} (${formatDelta(row.difference!)}, from ${formatCount(row.before!.declined)} to ${formatCount(row.after!.declined)})`,
    ),
  );
}

/**
 * Compare: the declined counts of two reports side by side, for the jurisdictions with a count in
 * either. A jurisdiction a report does not name, or names without a count, has no bar there.
 */
export function comparisonChart(comparison: Comparison, top = DEFAULT_TOP): ChartSpec | null {
  const { before, after, rows } = comparison;
  const earlierCount = (row: ComparedRow) => row.before?.declined ?? null;
  const laterCount = (row: ComparedRow) => row.after?.declined ?? null;
  const largest = (row: ComparedRow) => Math.max(earlierCount(row) ?? -1, laterCount(row) ?? -1);
  const drawn = rows
    .filter((row) => largest(row) >= 0)
    .sort((a, b) => largest(b) - largest(a) || a.name.localeCompare(b.name));
  if (drawn.length === 0) return null;
  const shown = drawn.slice(0, top);
  const [earlier, later] = [periodOf(before.meta), periodOf(after.meta)];
  const title = `Declined detainers by jurisdiction, report of ${earlier} and report of ${later}`;
  const { config, size } = barChart({
    title,
    source: reportsSource([before.start, after.start]),
    categories: shown.map((row) => row.name),
    categoryTitle: '',
    valueTitle: DECLINED_AXIS,
    series: [
      { label: `Report of ${earlier}`, colour: EARLIER_COLOUR, values: shown.map(earlierCount) },
      { label: `Report of ${later}`, colour: DECLINED_COLOUR, values: shown.map(laterCount) },
    ],
    horizontal: true,
  });
  const rise = largestChange(rows.filter((row) => row.change === 'rose'));
  const fall = largestChange(rows.filter((row) => row.change === 'fell'));
  const rest = drawn.length - shown.length;
  // Names while they fit in a sentence; past that, how many (the table names every one).
  const who = (keep: (row: ComparedRow) => boolean) => {
    const names = rows.filter(keep).map((row) => row.name);
    return {
      count: names.length,
      text: names.length <= MAX_NAMED ? joinNames(names) : plural(names.length, 'jurisdiction'),
    };
  };
  const notNamed = (what: string, { count, text }: { count: number; text: string }) =>
    count
      ? `${text} ${count === 1 ? 'is' : 'are'} not named in the report of ${what} and ${count === 1 ? 'has' : 'have'} no bar for it.`
      : null;
  const notReported = (what: string, { count, text }: { count: number; text: string }) =>
    count
      ? `The declined count in the report of ${what} is not reported for ${text}; ${count === 1 ? 'it is' : 'they are'} not drawn.`
      : null;
  return {
    kind: 'compare',
    title,
    size,
    config,
    alt: [
      comparisonSummary(comparison),
      rise && `Largest rise: ${rise}.`,
      fall && `Largest fall: ${fall}.`,
    ]
      .filter(Boolean)
      .join(' '),
    note: joinNotes(
      rest > 0
        ? `The chart shows the ${shown.length} jurisdictions with the largest counts; ${plural(rest, 'other')} ${rest === 1 ? 'is' : 'are'} in the table.`
        : null,
      notNamed(
        earlier,
        who((row) => row.before === null),
      ),
      notNamed(
        later,
        who((row) => row.after === null),
      ),
      notReported(
        earlier,
        who((row) => row.before !== null && row.before.declined === null),
      ),
      notReported(
        later,
        who((row) => row.after !== null && row.after.declined === null),
      ),
    ),
    table: {
      caption: title,
      columns: ['Jurisdiction', `Report of ${earlier}`, `Report of ${later}`, 'Difference'],
      rows: rows.map((row): TableCell[] => [
        row.name,
        row.before ? row.before.declined : 'not named',
        row.after ? row.after.declined : 'not named',
        differenceText(row),
      ]),
    },
  };
}
