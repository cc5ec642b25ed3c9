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

/**
 * A function of one string, remembered: a build writes the same few hundred dates on thousands
 * of pages, and Intl's formatting is slow enough to show in a build's profile.
 */
function remembered(make: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = make(key);
      known.set(key, value);
    }
    return value;
  };
}

/** "March 20, 2017". */
export const formatDate = remembered((date) => monthFormat.format(dateToUtc(date)));

const shortDate = remembered((date) => shortFormat.format(dateToUtc(date)));

/** "Jan 28 – Feb 3, 2017", the way the report's own title line gives a period. */
export function formatPeriod(start: string, end: string): string {
  return `${shortDate(start)} – ${shortDate(end)}, ${end.slice(0, 4)}`;
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
 * A stretch of days in the words a reader uses: "three weeks", "eight years". Under a year it
 * counts whole weeks (at least one), from a year on whole years.
 */
export function daysInWords(days: number): string {
  const years = Math.floor(Math.abs(days) / 365.25);
  return years >= 1
    ? inWords(years, 'year')
    : inWords(Math.max(1, Math.round(Math.abs(days) / 7)), 'week');
}

/** How long before one report another came: "three weeks", "eight years". */
export function spanInWords(from: string, to: string): string {
  return daysInWords(daysBetween(from, to));
}
