/** A report beside the next one. */
import { comparisonSummary, differenceText } from '../../model/compare.ts';
import type { Comparison, ComparedRow } from '../../model/compare.ts';
import { formatCount, formatDelta } from '../../text/format.ts';
import { DECLINED_COLOUR, EARLIER_COLOUR } from '../palette.ts';
import { barChart, joinNotes, leaders } from '../kit.ts';
import type { ChartSpec, TableCell } from '../kit.ts';
import { joinNames, plural } from '../../text/words.ts';
import { DECLINED_AXIS, DEFAULT_TOP, MAX_NAMED, periodOf, reportsSource } from './common.ts';

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
  const { config, size, narrow } = barChart({
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
    narrow,
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
