/**
 * Discovery: the links to DDOR PDFs on an HTML listing page (ICE's "Declined Detainer Outcome
 * Report" page, or an archive copy of it), with the period each one covers and the date the
 * listing says it was published. Pure: the caller fetches the page.
 */
import { parseHTML } from 'linkedom';
import type { Period } from './pdf/period.ts';
import { isoDate, parseDatePoint, parseDateRange } from './pdf/period.ts';

export interface ReportLink {
  /** Absolute, resolved against the page's <base href> and address. */
  url: string;
  /** The link text, spaces collapsed. */
  text: string;
  /** From the file name (ddor2017_01-28to02-03.pdf), else from the link text; null if neither says. */
  period: Period | null;
  /** A publication date the listing prints beside the link (same list item or table row). */
  published: string | null;
}

/** ddor2017_01-28to02-03.pdf, ddor2017-02-04to02-10.pdf (domain.md §1.7). */
const FILE_NAME = /ddor[-_]?(\d{4})[-_](\d{1,2})-(\d{1,2})[-_]?to[-_]?(\d{1,2})-(\d{1,2})/i;
const DDOR_TEXT = /declined\s+detainer/i;
const PUBLISHED_LABEL = /\b(?:published|posted|released|issued|updated|date)\b\s*(?:on)?\s*:?\s*/gi;
/** Where a date may start, for scanning free text. */
const DATE_START =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|\b\d{1,2}\/\d{1,2}\/\d{4}|\b\d{4}-\d{2}-\d{2}/gi;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function periodFromFileName(url: URL): Period | null {
  const match = FILE_NAME.exec(decodeURIComponent(url.pathname.split('/').pop() ?? ''));
  if (!match) return null;
  const [year, m1, d1, m2, d2] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  // The name carries one year, the start's; a week across the new year ends in the next.
  const start = isoDate(year, m1, d1);
  const end = isoDate(m2 < m1 ? year + 1 : year, m2, d2);
  return start && end ? { start, end } : null;
}

function periodInText(text: string): Period | null {
  for (const match of text.matchAll(DATE_START)) {
    const range = parseDateRange(text.slice(match.index));
    if (range) return range.period;
  }
  return null;
}

/**
 * A publication date in text near a link: a labelled one ("Published March 20, 2017",
 * "Posted: 03/20/2017") first, else the one lone date there. Date ranges (a period) are not
 * publication dates and are skipped.
 */
function publishedIn(text: string): string | null {
  for (const label of text.matchAll(PUBLISHED_LABEL)) {
    const date = parseDatePoint(text.slice(label.index + label[0].length));
    if (date) return date;
  }
  const dates: string[] = [];
  let skipUntil = 0;
  for (const match of text.matchAll(DATE_START)) {
    if (match.index < skipUntil) continue;
    const rest = text.slice(match.index);
    const range = parseDateRange(rest);
    if (range) {
      skipUntil = match.index + range.length;
      continue;
    }
    const date = parseDatePoint(rest);
    if (date) dates.push(date);
  }
  return new Set(dates).size === 1 ? dates[0]! : null;
}

const isPdf = (url: URL) => /\.pdf$/i.test(url.pathname);

interface TextNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<TextNode>;
}

/** A node's text with a space between elements (textContent runs table cells together). */
function spacedText(node: TextNode, skip: TextNode): string {
  if (node === skip) return ' ';
  if (node.nodeType === 3) return node.textContent ?? '';
  return Array.from(node.childNodes, (child) => spacedText(child, skip)).join(' ');
}

/**
 * Every http(s) link on the page to a PDF that looks like a DDOR (its file name says ddor, or
 * its text says "Declined Detainer"), in page order, each address once.
 */
export function findReportLinks(html: string, pageUrl: string): ReportLink[] {
  const { document } = parseHTML(html);
  let base: URL;
  try {
    base = new URL(document.querySelector('base[href]')?.getAttribute('href') ?? '', pageUrl);
  } catch {
    base = new URL(pageUrl);
  }
  const links = new Map<string, ReportLink>();
  for (const anchor of document.querySelectorAll('a[href]')) {
    let url: URL;
    try {
      url = new URL(anchor.getAttribute('href')!.trim(), base);
    } catch {
      continue;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isPdf(url)) continue;
    const text = collapse(anchor.textContent ?? '');
    const fromName = periodFromFileName(url);
    if (!fromName && !DDOR_TEXT.test(text) && !/ddor/i.test(url.pathname)) continue;
    url.hash = '';
    const container = anchor.closest('li, tr, dd, p') ?? anchor.parentElement;
    const around = container ? collapse(spacedText(container as TextNode, anchor as TextNode)) : '';
    const found: ReportLink = {
      url: url.href,
      text,
      period: fromName ?? periodInText(text),
      published: publishedIn(around),
    };
    const seen = links.get(found.url);
    if (!seen) links.set(found.url, found);
    else {
      seen.text ||= found.text;
      seen.period ??= found.period;
      seen.published ??= found.published;
    }
  }
  return [...links.values()];
}
