/** What the chart specifications of every page type share: sources, names, ranked bars. */
import { SITE_NAME } from '../../text/titles.ts';
import { periodEnd } from '../../contract/dates.ts';
import { formatCount } from '../../text/format.ts';
import type { ReportMeta } from '../../contract/schema.ts';
import { barChart, joinNotes, notReportedNote } from '../kit.ts';
import type { ChartSpec, TableCell } from '../kit.ts';
import { joinNames, plural } from '../../text/words.ts';
import { formatDate, formatPeriod } from '../../text/dates.ts';
import { jurisdictionLabel } from '../../text/names.ts';
import type { Gazetteer } from '../../model/site-model.ts';

export const ARCHIVE = `as transcribed by the ${SITE_NAME}`;
export const DECLINED_AXIS = 'Declined detainers recorded';
export const ISSUED_AXIS = 'Detainers issued (not declined)';
/** Bars a ranked chart shows before the rest is left to the table. */
export const DEFAULT_TOP = 15;
/** Names a note lists before it gives only their number. */
export const MAX_NAMED = 5;

export function nameOf(gazetteer: Gazetteer, id: string): string {
  const jurisdiction = gazetteer.get(id);
  return jurisdiction ? jurisdictionLabel(jurisdiction) : id;
}

export const periodOf = (meta: ReportMeta) => formatPeriod(meta.period_start, meta.period_end);

export function reportSource(meta: ReportMeta): string {
  return `Source: ICE Declined Detainer Outcome Report, ${periodOf(meta)}, ${ARCHIVE}.`;
}

export function reportsSource(starts: readonly string[]): string {
  const first = starts[0]!;
  const last = starts.at(-1)!;
  const span =
    first === last
      ? formatPeriod(first, periodEnd(first))
      : `${formatDate(first)} to ${formatDate(periodEnd(last))}`;
  return `Source: ICE Declined Detainer Outcome Reports, ${span}, ${ARCHIVE}.`;
}

export interface Ranked {
  name: string;
  value: number | null;
}

export interface Known {
  name: string;
  value: number;
}

export const isKnown = (item: Ranked): item is Known => item.value !== null;
export const byValueThenName = (a: Known, b: Known) =>
  b.value - a.value || a.name.localeCompare(b.name);

/** "next: A (5) and B (4)" for the runners-up after the leaders, or an empty string. */
export function runnersUp(known: readonly Known[], leaderCount: number): string {
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
export function rankedBars(input: RankedBarsInput): ChartSpec | null {
  const known = input.items.filter(isKnown).sort(byValueThenName);
  if (known.length === 0) return null;
  const shown = known.slice(0, input.top);
  const { config, size, narrow } = barChart({
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
    narrow,
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

export function capitalise(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}
