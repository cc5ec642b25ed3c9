/**
 * The pure parts of the search page's script: reading the query from the address, turning
 * Pagefind's excerpts into text and marks, and what the live region says.
 */
export interface ExcerptPart {
  text: string;
  /** A word the query matched (Pagefind wraps it in `<mark>`). */
  marked: boolean;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  '#x27': "'",
};

function decodeEntities(html: string): string {
  return html.replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole);
}

/**
 * Pagefind's excerpt is escaped page text with `<mark>` around matched words. The search page
 * shows it as text nodes and `<mark>` elements it makes itself, never as HTML: the text comes from
 * the data, and the page's Content-Security-Policy is not the only line of defence.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  const push = (html: string, marked: boolean) => {
    // Any other tag Pagefind might leave is dropped; only its text remains.
    const text = decodeEntities(html.replace(/<[^>]*>/g, ''));
    if (text) parts.push({ text, marked });
  };
  for (const match of excerpt.matchAll(pattern)) {
    push(excerpt.slice(last, match.index), false);
    push(match[1]!, true);
    last = match.index + match[0].length;
  }
  push(excerpt.slice(last), false);
  return parts;
}

/** The query in a search page address (`?q=`), trimmed; empty when there is none. */
export function queryFromSearch(search: string): string {
  return (new URLSearchParams(search).get('q') ?? '').trim();
}

/** What the live region says after a search. */
export function resultSummary(count: number, query: string, shown: number): string {
  const subject = query ? ` for “${query}”` : '';
  if (count === 0) return `No page found${subject}.`;
  const pages = count === 1 ? '1 page' : `${count.toLocaleString('en-US')} pages`;
  return shown < count
    ? `${pages} found${subject}; the first ${shown} are listed.`
    : `${pages} found${subject}.`;
}
