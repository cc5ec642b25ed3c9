/**
 * How the data is cited: the archive's name and the report's publisher, named once for the Data
 * Package (datapackage.ts) and every page's citation (src/lib/output/citation.ts).
 */

export const ARCHIVE_NAME = 'Declined Detainer Archive';
export const REPORT_PUBLISHER = 'U.S. Immigration and Customs Enforcement';
export const REPORT_SERIES = 'Declined Detainer Outcome Report';

/** The latest of the days the reports' PDFs were retrieved, or null where none records one. */
export function latestRetrieval(retrieved: readonly (string | null | undefined)[]): string | null {
  return retrieved.reduce<string | null>(
    (latest, day) => (day && (latest === null || day > latest) ? day : latest),
    null,
  );
}

/**
 * The Data Package's citation: the archive, the reports it holds and when their PDFs were
 * retrieved. Dates are ISO (YYYY-MM-DD): the descriptor is data, read by programs.
 */
export function dataCitation(
  weeks: readonly { start: string; retrieved: string | null }[],
): string {
  const starts = weeks.map((week) => week.start).sort();
  const retrieved = latestRetrieval(weeks.map((week) => week.retrieved));
  const held = starts.length
    ? `${starts.length} weekly report${starts.length === 1 ? '' : 's'}, periods starting ${starts[0]} to ${starts.at(-1)}`
    : 'no report yet';
  return [
    `${ARCHIVE_NAME}, ${REPORT_SERIES} data (${held}).`,
    `Source: ${REPORT_PUBLISHER}, ${REPORT_SERIES}; each report's title, publication date and source are in its report.json.`,
    retrieved
      ? `Latest retrieval of a report's PDF: ${retrieved}.`
      : 'No retrieval date is recorded: the reports were transcribed from published copies.',
  ].join(' ');
}
