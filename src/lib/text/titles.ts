/** The site's name and how page titles are cut to fit search results and browser tabs. */

import { ARCHIVE_NAME, REPORT_SERIES } from '../contract/citation.ts';
import { formatPeriod } from './dates.ts';

export const SITE_NAME = ARCHIVE_NAME;
/** A report page's heading: "Declined Detainer Outcome Report, Jan 28 – Feb 3, 2017". */
export const reportHeading = (start: string, end: string) =>
  `${REPORT_SERIES}, ${formatPeriod(start, end)}`;

/** Where search results and browser tabs cut a title; html-validate's long-title holds us to it. */
export const TITLE_MAX = 70;

/**
 * A page's `<title>`: its own title and the site's name when both fit in TITLE_MAX characters;
 * otherwise its own title alone, cut at a word with an ellipsis if it is still too long (a
 * jurisdiction's name may run to 200 characters; the page's heading keeps it whole).
 */
export function pageTitle(title: string): string {
  const full = `${title} · ${SITE_NAME}`;
  if (full.length <= TITLE_MAX) return full;
  if (title.length <= TITLE_MAX) return title;
  const cut = title.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
