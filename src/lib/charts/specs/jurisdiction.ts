/** A jurisdiction's history across the reports. */
import { periodEnd } from '../../contract/dates.ts';
import { formatCount } from '../../text/format.ts';
import type { JurisdictionRecord } from '../../model/site-model.ts';
import { DECLINED_COLOUR, ISSUED_COLOUR } from '../palette.ts';
import { gapsSentence, joinNotes, notReportedNote, reportGaps, timeBarChart } from '../kit.ts';
import type { ChartSpec, Series, TableCell } from '../kit.ts';
import { plural } from '../../text/words.ts';
import { formatPeriod } from '../../text/dates.ts';
import { jurisdictionLabel } from '../../text/names.ts';
import { reportsSource, capitalise } from './common.ts';

/**
 * Jurisdiction: its declined detainers (and detainers issued to it, where reported) per report
 * that names it, on a time axis, so reports weeks or years apart do not stand side by side.
 */
export function jurisdictionHistoryChart(summary: JurisdictionRecord): ChartSpec | null {
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
  const starts = appearances.map((a) => a.report);
  const { config, size, narrow } = timeBarChart({
    title,
    source: reportsSource(starts),
    starts,
    valueTitle: 'Detainers',
    series,
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
    narrow,
    alt: `${name} is named in ${plural(appearances.length, 'report')}.${gapsSentence(reportGaps(starts), 'reports that name it')}${describe(declined, 'declined detainers recorded')}${describe(issued, 'detainers issued to it')}`,
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
