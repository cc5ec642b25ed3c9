/** Which texts of the data become links, and how a source is named. */
import { isWebAddress } from '../contract/web-address.ts';

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
