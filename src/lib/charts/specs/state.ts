/** A state's jurisdictions across the reports. */
import { formatCount } from '../../text/format.ts';
import type { StateRecord } from '../../model/site-model.ts';
import { DECLINED_COLOUR, ISSUED_COLOUR } from '../palette.ts';
import { barChart, joinNotes, leaders, notReportedNote } from '../kit.ts';
import type { ChartSpec, TableCell } from '../kit.ts';
import { joinNames, plural } from '../../text/words.ts';
import { jurisdictionLabel } from '../../text/names.ts';
import { ARCHIVE, reportsSource } from './common.ts';

/** State: its jurisdictions, declined and issued across all reports. */
export function stateJurisdictionsChart(state: StateRecord, top = 25): ChartSpec | null {
  const items = state.jurisdictions.map((j) => ({
    name: jurisdictionLabel(j.jurisdiction),
    declined: j.declinedTotal,
    issued: j.issuedTotal,
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
  const { config, size, narrow } = barChart({
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
    narrow,
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
