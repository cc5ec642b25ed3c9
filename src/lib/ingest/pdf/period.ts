/**
 * Dates as the report prints them in prose: "Jan. 28 – Feb. 3, 2017", "February 11 - 17, 2017",
 * "Dec. 30, 2017 – Jan. 5, 2018", "Run Date: 03/17/2017".
 */
import { isRealDate } from '../../contract/dates.ts';

export interface Period {
  start: string;
  end: string;
}

const MONTHS = [
  ['jan', 'january'],
  ['feb', 'february'],
  ['mar', 'march'],
  ['apr', 'april'],
  ['may'],
  ['jun', 'june'],
  ['jul', 'july'],
  ['aug', 'august'],
  ['sep', 'sept', 'september'],
  ['oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
];
const monthNumber = new Map(MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));
const MONTH = `(${[...monthNumber.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s*(\d{4}))`;
/** Month Day[, Year] */
const NAMED = `${MONTH}\\s*${DAY}\\b${YEAR}?`;
/** [Month] Day, Year: the end of a range may leave out the month it shares with the start. */
const END_NAMED = `(?:${MONTH}\\s*)?${DAY}\\b${YEAR}`;
const SEPARATOR = String.raw`,?\s*(?:-|\u2013|\u2014|to|through|thru|until|and)\s*`;

const NAMED_RANGE = new RegExp(`^(?:between\\s+)?${NAMED}${SEPARATOR}${END_NAMED}`, 'i');
const NUMERIC_DATE = String.raw`\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}`;
const NUMERIC_RANGE = new RegExp(
  String.raw`^(?:between\s+)?(${NUMERIC_DATE})${SEPARATOR}(${NUMERIC_DATE})\b`,
  'i',
);

const pad = (n: number) => String(n).padStart(2, '0');

/** `2/1/2017` or `02/01/2017`, as the report prints dates, → `2017-02-01`; null otherwise. */
export function parseSlashedDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, month, day, year] = match;
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** A date as a table cell prints it: M/D/YYYY, MM/DD/YYYY or YYYY-MM-DD. */
export const TABLE_DATE = /\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2}/;

/** A table cell's date → YYYY-MM-DD; null unless it is a whole, real date. */
export function parseTableDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return parseSlashedDate(trimmed);
}

/** YYYY-MM-DD if it is a real calendar date. */
export function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Parses a date range at the start of `text`. A start without a year takes the end's year, or
 * the year before when its month comes later (a week across the new year). The end must give
 * a year: a range with no year at all is not completed by guessing. Returns the period and how
 * many characters it took, or null.
 */
export function parseDateRange(text: string): { period: Period; length: number } | null {
  const numeric = NUMERIC_RANGE.exec(text);
  if (numeric) {
    const start = parseTableDate(numeric[1]!);
    const end = parseTableDate(numeric[2]!);
    return start && end && start <= end
      ? { period: { start, end }, length: numeric[0].length }
      : null;
  }
  const named = NAMED_RANGE.exec(text);
  if (!named) return null;
  const [, m1, d1, y1, m2, d2, y2] = named;
  const startMonth = monthNumber.get(m1!.toLowerCase())!;
  const endMonth = m2 ? monthNumber.get(m2.toLowerCase())! : startMonth;
  const endYear = Number(y2);
  const startYear = y1 ? Number(y1) : startMonth > endMonth ? endYear - 1 : endYear;
  const start = isoDate(startYear, startMonth, Number(d1));
  const end = isoDate(endYear, endMonth, Number(d2));
  if (!start || !end || start > end) return null;
  return { period: { start, end }, length: named[0].length };
}

/** One date with its year: "03/17/2017", "March 17, 2017", "Mar. 17 2017", "2017-03-17". */
export function parseDatePoint(text: string): string | null {
  const slashed = /^(\d{1,2}\/\d{1,2}\/\d{4})\b/.exec(text);
  if (slashed) return parseSlashedDate(slashed[1]!);
  const iso = /^(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const named = new RegExp(`^${MONTH}\\s*${DAY}\\b,?\\s*(\\d{4})`, 'i').exec(text);
  if (!named) return null;
  return isoDate(Number(named[3]), monthNumber.get(named[1]!.toLowerCase())!, Number(named[2]));
}

const RUN_DATE_LABEL =
  /\b(?:run\s+date|date\s+run|report\s+run(?:\s+on)?|run\s+on|data\s+as\s+of|report\s+date|date\s+of\s+report|(?:generated|produced|prepared)\s+on)\s*[:\-\u2013]?\s*/gi;

/**
 * The date a report says it was produced ("Run Date: 03/17/2017", "Report run on March 17,
 * 2017", "Data as of 3/17/2017"), as YYYY-MM-DD; the first such label followed by a date wins.
 * Labels may overlap ("Report RUN DATE: …" holds "report run" and "run date"): each place a
 * label starts is tried.
 */
export function findRunDate(text: string): { date: string; index: number } | null {
  const label = new RegExp(RUN_DATE_LABEL.source, 'gi');
  for (let match = label.exec(text); match; match = label.exec(text)) {
    const date = parseDatePoint(text.slice(match.index + match[0].length));
    if (date) return { date, index: match.index };
    label.lastIndex = match.index + 1;
  }
  return null;
}
