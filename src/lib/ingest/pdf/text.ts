/**
 * Text as a PDF's text layer gives it, made comparable: glyph artefacts (ligatures, odd spaces,
 * zero-width marks) are undone, but the words, capitals, quotes and dashes stay as printed.
 */

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

/**
 * Spells out ligatures, turns every kind of space (no-break, thin, tab…) into a plain space and
 * drops zero-width characters. Runs of spaces are kept: two or more spaces inside one text item
 * are how some producers separate table cells.
 */
export function cleanPrinted(text: string): string {
  return text
    .replace(/[\uFB00-\uFB06]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .replace(/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
}

/** Collapses runs of spaces and trims: spacing is layout, not content. */
export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Case-, space- and punctuation-blind form for matching headings and phrases:
 * "County,  State" and "COUNTY STATE" both give "countystate".
 */
export function matchKey(text: string): string {
  return cleanPrinted(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Straight quotes, plain hyphens and single spaces, for regular expressions over prose. */
export function proseForm(text: string): string {
  return collapse(
    cleanPrinted(text)
      .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
      .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
      .replace(/[\u2010\u2011]/g, '-'),
  );
}

/** A line that ends in a word broken at a hyphen or slash continues without a space. */
const JOINS_WITHOUT_SPACE = /[\p{L}\p{N}][-\u2010\u2011/]$/u;

/** Whether text that ends a line runs on into the next line without a space. */
export const joinsWithoutSpace = (text: string): boolean => JOINS_WITHOUT_SPACE.test(text);

/**
 * Joins the lines of one wrapped cell or paragraph with a space. A line ending in a hyphen (or a
 * slash) after a letter joins the next line directly, the hyphen left as printed: "non-" +
 * "cooperative" gives "non-cooperative", never "non- cooperative". A soft hyphen at a line end
 * marks a word the producer broke; it is dropped.
 */
export function joinWrapped(lines: readonly string[]): string {
  let joined = '';
  for (const raw of lines) {
    const line = collapse(raw);
    if (line === '') continue;
    if (joined === '') joined = line;
    else if (joined.endsWith('\u00AD')) joined = joined.slice(0, -1) + line;
    else if (JOINS_WITHOUT_SPACE.test(joined)) joined += line;
    else joined += ` ${line}`;
  }
  return joined.replace(/\u00AD/g, '');
}

/** "3,083" or "3083" → 3083; null unless it is a whole number with well-placed separators. */
export function parseCount(text: string): number | null {
  const trimmed = collapse(text);
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(trimmed)) return null;
  return Number(trimmed.replace(/,/g, ''));
}

/** The source text of a regular expression for a printed count: 206, 3,083. */
export const COUNT_PATTERN = String.raw`\d{1,3}(?:,\d{3})+|\d+`;
