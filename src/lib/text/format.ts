/** How figures read on the pages: a blank is "not reported", never 0. */

import { isWebAddress } from '../contract/read-table.ts';

export const NOT_REPORTED = 'not reported';

const numberFormat = new Intl.NumberFormat('en-US');

/** "3,083". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "3,083", or `unknown` ("not reported" on the pages) where the archive has no figure. */
export function formatCount(value: number | null | undefined, unknown = NOT_REPORTED): string {
  return value === null || value === undefined ? unknown : numberFormat.format(value);
}

/** "+12", "−3" or "0": a difference between two counts, signed with a true minus sign. */
export function formatDelta(delta: number): string {
  if (delta === 0) return '0';
  return `${delta > 0 ? '+' : '−'}${numberFormat.format(Math.abs(delta))}`;
}

/** "+12 from the previous report"; where either figure is unknown, the change is not reported. */
export function formatChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null)
    return `change from the previous report ${NOT_REPORTED}`;
  const delta = current - previous;
  return delta === 0
    ? 'unchanged from the previous report'
    : `${formatDelta(delta)} from the previous report`;
}

/**
 * Whether a source may be rendered as a link: by the contract's own rule (an absolute http or
 * https address with a host and no spaces), so a value the validator would refuse (`javascript:`,
 * `data:`, a relative path) stays text even if it reached a page.
 */
export function isLinkable(url: string | null | undefined): url is string {
  return !!url && isWebAddress(url);
}

/** A source's host name ("fox43.com"), so a reader sees where a quotation comes from. */
export function sourceHost(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/** A run of plain text, or a web address found in it. */
export type TextPart = { text: string } | { url: string };

const WEB_ADDRESS = /https?:\/\/[^\s<>"]+/g;

const count = (text: string, char: string) => text.split(char).length - 1;
const balanced = (url: string) => count(url, '(') >= count(url, ')');

/**
 * Splits a note into text and the web addresses it quotes, so a page can link them. Punctuation
 * that ends a sentence stays text, and so does a closing parenthesis the address did not open.
 */
export function splitWebAddresses(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    let url = match[0];
    while (/[.,;:!?)\]'’]$/.test(url) && !(url.endsWith(')') && balanced(url))) {
      url = url.slice(0, -1);
    }
    if (!isLinkable(url)) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ url });
    last = match.index + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** A run of a description: prose, or a `code` span (a column name, a file, a value). */
export interface DescriptionPart {
  text: string;
  code: boolean;
}

/** Splits a schema description on its backticks, which mark code as in Markdown. */
export function splitCodeSpans(text: string): DescriptionPart[] {
  return text
    .split('`')
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((part) => part.text !== '');
}

export const SITE_NAME = 'Declined Detainer Archive';
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
