/**
 * The pure parts of the search page's script: reading the query from the address, turning
 * Pagefind's excerpts into text and marks, and what the live region says.
 */
export interface ExcerptPart {
  text: string;
  /** A word the query matched (Pagefind wraps it in `<mark>`). */
  marked: boolean;
}

/** How Pagefind splits a page's text into words (its `word_separators`). */
const WORD_SEPARATORS = /[^\S\uFEFF]+/;
const MARK = /^<mark>([\s\S]*)<\/mark>$/;

/** Pagefind's own escaping of a word of the page's text in an excerpt: `<` and `>`, not `&`. */
const pagefindEscape = (word: string) => word.replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Pagefind builds an excerpt from the page's text, escaping only `<` and `>`, and wraps matched
 * words in `<mark>`; so `&amp;` in an excerpt may be an escaped `&` or the text "&amp;". The
 * excerpt's words are therefore found in the page's own text (`content`, unescaped), and shown
 * from there, word for word, as text nodes and `<mark>` elements the page makes itself, never as
 * HTML. An excerpt that does not match the text (a Pagefind version that escapes otherwise)
 * falls back to undoing `<` and `>` alone.
 */
export function excerptParts(excerpt: string, content: string): ExcerptPart[] {
  const shown = excerpt.trim() === '' ? [] : excerpt.trim().split(' ');
  const words = shown.map((word) => {
    const marked = MARK.exec(word);
    return { escaped: marked ? marked[1]! : word, marked: !!marked };
  });
  const text = content.split(WORD_SEPARATORS).filter((word) => word !== '');
  const escaped = text.map(pagefindEscape);
  const start = escaped.findIndex((_, i) =>
    words.every((word, k) => escaped[i + k] === word.escaped),
  );
  const unescape = (word: string) => word.replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  // Words, and the spaces between them as unmarked text, merged into runs of one kind.
  const parts: ExcerptPart[] = [];
  const add = (piece: string, marked: boolean) => {
    const last = parts.at(-1);
    if (last && last.marked === marked) last.text += piece;
    else parts.push({ text: piece, marked });
  };
  words.forEach((word, k) => {
    if (k > 0) add(' ', false);
    add(start === -1 ? unescape(word.escaped) : text[start + k]!, word.marked);
  });
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
