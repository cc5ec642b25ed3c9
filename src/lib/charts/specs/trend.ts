/** The trend of every report, on the home page and /weeks/. */
import { periodEnd } from '../../contract/dates.ts';
import { formatCount } from '../../text/format.ts';
import type { WeekReport } from '../../contract/load.ts';
import { DECLINED_COLOUR, ISSUED_COLOUR } from '../palette.ts';
import { gapsSentence, joinNotes, notReportedNote, panelLineChart, reportGaps } from '../kit.ts';
import type { ChartSpec, TableCell } from '../kit.ts';
import { plural } from '../../text/words.ts';
import { formatDate } from '../../text/dates.ts';
import { periodOf, reportsSource } from './common.ts';

/**
 * Home and /weeks/: detainers issued nationwide and declined detainers recorded, per report, on
 * a time axis: missing weeks leave a gap in the line, years without a report a marked break.
 */
export function trendChart(reports: readonly WeekReport[]): ChartSpec | null {
  const issued = reports.map((r) => r.meta.figures.detainers_issued.value);
  const declined = reports.map((r) => r.meta.figures.declined_total.value);
  if (![...issued, ...declined].some((value) => value !== null)) return null;
  const starts = reports.map((r) => r.start);
  const periods = reports.map((r) => periodOf(r.meta));
  const title = 'Detainers issued and declined detainers recorded, report by report';
  const { config, size, narrow } = panelLineChart({
    title,
    source: reportsSource(starts),
    starts,
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
    narrow,
    alt: `${plural(reports.length, 'report')} from ${formatDate(starts[0]!)} to ${formatDate(periodEnd(starts.at(-1)!))}.${gapsSentence(reportGaps(starts), 'reports')} Issued: ${describe(issued, 'detainers issued nationwide')} Declined: ${describe(declined, 'declined detainers recorded')}`,
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
