/**
 * Reports in sequence. ICE published weekly, but the archive may hold reports with weeks or
 * years between them (the series was suspended in April 2017), and a comparison with "the
 * previous report" must then say which report that is and how long before it came.
 */
import { addDays, PERIOD_DAYS, periodEnd } from '../contract/dates.ts';
import { formatPeriod, spanInWords } from '../text/dates.ts';

/** Whether `after` is the week right after `before`. */
export function isConsecutive(before: string, after: string): boolean {
  return addDays(before, PERIOD_DAYS) === after;
}

/** "eight years", or null where the reports are consecutive weeks. */
export function gapBetween(before: string, after: string): string | null {
  return isConsecutive(before, after) ? null : spanInWords(before, after);
}

/**
 * How a report names the one before it: "the previous report" when it is the week before,
 * otherwise "the report of Feb 11 – Feb 17, 2017, eight years earlier".
 */
export function previousReportName(before: string, after: string): string {
  const gap = gapBetween(before, after);
  return gap === null
    ? 'the previous report'
    : `the report of ${formatPeriod(before, periodEnd(before))}, ${gap} earlier`;
}
