/** Dates as the pages write them, in UTC so no time zone shifts a day. */
import { dateToUtc, daysBetween } from '../contract/dates.ts';

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

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];
const inWords = (n: number, unit: string) =>
  `${n <= 10 ? NUMBER_WORDS[n] : n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;

/**
 * How long before one report another came, in the words a reader uses: "three weeks", "eight
 * years". Under a year it counts weeks (reports start a whole number of weeks apart); from a
 * year on, whole years.
 */
export function spanInWords(from: string, to: string): string {
  const days = Math.abs(daysBetween(from, to));
  const years = Math.floor(days / 365.25);
  return years >= 1 ? inWords(years, 'year') : inWords(Math.round(days / 7), 'week');
}
