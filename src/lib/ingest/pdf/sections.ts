/**
 * The report's sections: where each one's heading is, its title as printed, and the lines
 * between it and the next. Also the prose helpers the sections share: running text with page
 * positions, and paragraphs.
 */
import type { Line } from './lines.ts';
import { joinsWithoutSpace, joinWrapped, proseForm } from './text.ts';

export const NUMERALS = ['I', 'II', 'III', 'IV'] as const;
export type Numeral = (typeof NUMERALS)[number];

export interface Section {
  numeral: Numeral;
  page: number;
  /** The title without its "Section I:" prefix, wrapped lines joined. */
  title: string;
  /** Index of the heading's first line, and of the first line after its title. */
  headingAt: number;
  bodyAt: number;
  /** Index one past the section's last line. */
  end: number;
}

const ROMAN: Record<string, Numeral> = {
  I: 'I',
  II: 'II',
  III: 'III',
  IV: 'IV',
  '1': 'I',
  '2': 'II',
  '3': 'III',
  '4': 'IV',
};

/** Each section's title as either week printed it, without a "Section N" prefix. */
const KNOWN_TITLES: Record<Numeral, RegExp> = {
  I: /^highest volume of detainers issued\b/i,
  II: /^jurisdictions with recorded declined detainers\b/i,
  III: /^table of jurisdictions that have enacted policies\b/i,
  IV: /^report scope and data fidelity\b/i,
};

/**
 * "Section I: Title", "SECTION II - Title", "Section III." + title below, "IV. Title", or a
 * title as the report words it ("Report Scope and Data Fidelity"). With the word "Section",
 * Arabic numerals count too. A line that only mentions a section in prose ("Section II of
 * future weekly reports", "Section IV, ICE field offices") is not a heading: the numeral must be
 * followed by a separator, the end of the line, or a capitalised title.
 */
function headingOf(text: string): { numeral: Numeral; rest: string; known: boolean } | null {
  const line = proseForm(text);
  const worded = /^section\s+(IV|I{1,3}|[1-4])\b\s*([:.\-\u2013\u2014)]?)\s*(.*)$/i.exec(line);
  if (worded) {
    const [, numeral, separator, rest = ''] = worded;
    if (!separator && rest !== '' && !/^[A-Z"']/.test(rest)) return null;
    const n = ROMAN[numeral!.toUpperCase()]!;
    return { numeral: n, rest, known: KNOWN_TITLES[n].test(rest) };
  }
  const bare = /^(IV|I{1,3})\s*[.:)]\s+([A-Z].*)$/.exec(line);
  if (bare) {
    const n = ROMAN[bare[1]!]!;
    return { numeral: n, rest: bare[2]!, known: KNOWN_TITLES[n].test(bare[2]!) };
  }
  for (const numeral of NUMERALS) {
    if (KNOWN_TITLES[numeral].test(line)) return { numeral, rest: line, known: true };
  }
  return null;
}

const fontOf = (line: Line) => line.font;

/** Does `next` carry on the heading `line`: same page, font and size, directly below. */
function continuesTitle(line: Line, next: Line | undefined, gapFactor: number): next is Line {
  return (
    next !== undefined &&
    next.page === line.page &&
    next.y - line.y <= gapFactor * Math.max(line.size, next.size) &&
    Math.abs(next.size - line.size) <= 0.1 * line.size &&
    fontOf(next) === fontOf(line)
  );
}

/**
 * A line that carries on the paragraph above it: set close below a full line of the same type
 * that does not end a sentence. "…as further noted in / Section IV. ICE field offices…" is
 * such a line, not a heading.
 */
function continuesParagraph(lines: readonly Line[], at: number): boolean {
  const [above, line] = [lines[at - 1], lines[at]!];
  if (!above || above.page !== line.page) return false;
  const close = line.y - above.y <= 1.6 * Math.max(line.size, above.size);
  const sameType = fontOf(above) === fontOf(line) && Math.abs(above.size - line.size) < 0.5;
  const full = above.x1 - above.x0 >= 0.6 * (line.pageWidth - 2 * Math.min(above.x0, line.x0));
  return close && sameType && full && !/[.:!?"\u201d)]$/.test(above.text);
}

/**
 * Finds the section headings in order (I before II before III before IV; a section may be
 * missing). A title goes on over the following lines as long as they are set in the heading's
 * font and size, directly below it, and are not `stop` lines (e.g. a table header). A heading
 * that gives only a title, without "Section N", must be worded as the report words that
 * section's title.
 */
export function findSections(lines: readonly Line[], stop: (at: number) => boolean): Section[] {
  const sections: Section[] = [];
  let from = 0;
  for (const numeral of NUMERALS) {
    for (let i = from; i < lines.length; i++) {
      const heading = headingOf(lines[i]!.text);
      if (!heading || heading.numeral !== numeral) continue;
      if (continuesParagraph(lines, i)) continue;
      const title = heading.rest ? [heading.rest] : [];
      let j = i + 1;
      // A bare "Section II" line has its title on the next line, maybe after a little space.
      if (!heading.rest && continuesTitle(lines[i]!, lines[j], 2.2) && !stop(j))
        title.push(lines[j++]!.text);
      while (
        continuesTitle(lines[j - 1]!, lines[j], 1.6) &&
        !stop(j) &&
        !headingOf(lines[j]!.text)
      ) {
        title.push(lines[j++]!.text);
      }
      sections.push({
        numeral,
        page: lines[i]!.page,
        title: joinWrapped(title),
        headingAt: i,
        bodyAt: j,
        end: lines.length,
      });
      from = j;
      break;
    }
  }
  sections.forEach((s, k) => (s.end = sections[k + 1]?.headingAt ?? lines.length));
  return sections;
}

/** Lines as one running text (prose form), with the page each character came from. */
export interface Flow {
  text: string;
  pageAt: (index: number) => number;
  /** Index (in the lines given) of the line a character came from. */
  lineAt: (index: number) => number;
  /** Where a line (by its index in the lines given) starts in the text; -1 if it is blank. */
  offsetOf: (line: number) => number;
}

export function flowOf(lines: readonly Line[]): Flow {
  const starts: { at: number; page: number; line: number }[] = [];
  let text = '';
  for (const [index, line] of lines.entries()) {
    const next = proseForm(line.text);
    if (next === '') continue;
    if (text.endsWith('\u00AD')) text = text.slice(0, -1);
    else if (text !== '' && !joinsWithoutSpace(text)) text += ' ';
    starts.push({ at: text.length, page: line.page, line: index });
    text += next;
  }
  return {
    text,
    pageAt: (index) => starts.findLast((s) => s.at <= index)?.page ?? lines[0]?.page ?? 1,
    lineAt: (index) => starts.findLast((s) => s.at <= index)?.line ?? 0,
    offsetOf: (line) => starts.find((s) => s.line === line)?.at ?? -1,
  };
}

/**
 * Lines → paragraphs: a new paragraph where the gap to the line above is clearly more than
 * the usual line spacing. At a page break the paragraph goes on unless the line before the
 * break ends a sentence short of the right margin.
 */
export function paragraphsOf(lines: readonly Line[]): string[] {
  const steps = lines
    .slice(1)
    .map((line, i) => (line.page === lines[i]!.page ? line.y - lines[i]!.y : NaN))
    .filter((gap) => gap > 0)
    .sort((a, b) => a - b);
  const step = steps[Math.floor(steps.length / 4)] ?? (lines[0]?.size ?? 10) * 1.2;
  const right = Math.max(...lines.map((l) => l.x1));
  const paragraphs: string[][] = [];
  lines.forEach((line, i) => {
    const above = lines[i - 1];
    const breaks =
      !above ||
      (above.page === line.page
        ? line.y - above.y > 1.3 * step
        : /[.!?:"”)]$/.test(above.text) && above.x1 < right - 2 * above.size);
    if (breaks) paragraphs.push([line.text]);
    else paragraphs.at(-1)!.push(line.text);
  });
  return paragraphs.map((p) => joinWrapped(p));
}
