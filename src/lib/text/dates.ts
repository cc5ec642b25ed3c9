/** Dates as the pages write them, in UTC so no time zone shifts a day. */
import { dateToUtc } from '../contract/dates.ts';

const monthFormat = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "March 20, 2017". */
export function formatDate(date: string): string {
  return monthFormat.format(dateToUtc(date));
}

/** "Jan 28 – Feb 3, 2017", the way the report's own title line gives a period. */
export function formatPeriod(start: string, end: string): string {
  return `${shortFormat.format(dateToUtc(start))} – ${shortFormat.format(dateToUtc(end))}, ${end.slice(0, 4)}`;
}
