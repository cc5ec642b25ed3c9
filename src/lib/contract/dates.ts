/** Date arithmetic on date-only `YYYY-MM-DD` strings, always in UTC so no time zone shifts a day. */

const MS_PER_DAY = 86_400_000;

/**
 * Remembered per string: a build works with a few hundred dates, thousands of times each (every
 * time axis and period label), and parsing them again showed in its profile.
 */
const utcTimes = new Map<string, number>();
function toUtc(date: string): number {
  let time = utcTimes.get(date);
  if (time === undefined) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    time = Date.UTC(year, month - 1, day);
    utcTimes.set(date, time);
  }
  return time;
}

export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const time = toUtc(date);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
}

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY);
}

/** A report covers seven days: the end is six days after the start. */
export const PERIOD_DAYS = 7;

const periodEnds = new Map<string, string>();
export function periodEnd(start: string): string {
  let end = periodEnds.get(start);
  if (end === undefined) {
    end = addDays(start, PERIOD_DAYS - 1);
    periodEnds.set(start, end);
  }
  return end;
}

/** The instant of a date at midnight UTC, for formatting and feeds. */
export function dateToUtc(date: string): Date {
  return new Date(toUtc(date));
}
