/**
 * Finds a table's header row by its column headings, wherever the producer put them: headings
 * in any case and spacing, wrapped onto two or three lines ("Detainer" / "Issued"), centred or
 * left-aligned, several headings in one text item ("State County").
 */
import type { Line, Word } from './lines.ts';
import { cutWord, splitAtSeams } from './lines.ts';
import { matchKey } from './text.ts';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** The heading as printed, and any other wording that means the same column. */
  headings: readonly string[];
  /** A column the report may leave out (e.g. "Rank"). */
  optional?: boolean;
}

export interface HeaderColumn {
  /** The spec's key, or null for a heading the spec does not know. */
  key: string | null;
  heading: string;
  x0: number;
  x1: number;
}

export interface HeaderMatch {
  page: number;
  /** Index of the header's first line in the lines searched, and how many lines it takes. */
  start: number;
  lineCount: number;
  /** Left to right. */
  columns: HeaderColumn[];
}

/** Header lines are consecutive: each within this many font sizes of the one above. */
const HEADER_LINE_STEP = 1.8;
const MAX_HEADER_LINES = 5;
/** Share of the words on the header's lines that must belong to headings: prose fails this. */
const MIN_HEADING_SHARE = 0.8;

interface BandWord extends Word {
  line: number;
  key: string;
  size: number;
}

/**
 * A word made of heading words run together ("DetainerNotable": two centred headings that
 * touch, drawn glyph by glyph so no seam shows), cut into them at its glyphs; other words whole.
 */
function headingWords(word: Word, vocabulary: ReadonlySet<string>): Word[] {
  const key = matchKey(word.text);
  if (vocabulary.has(key) || key.length < 4) return [word];
  // Where each key character is in the text, to cut the word at a glyph.
  const positions: number[] = [];
  [...word.text].forEach((char, at) => {
    for (let k = 0; k < matchKey(char).length; k++) positions.push(at);
  });
  // Split the key into vocabulary words, the fewest pieces first (dynamic programming).
  const best: (number[] | null)[] = [[]];
  for (let end = 1; end <= key.length; end++) {
    best[end] = null;
    for (let from = 0; from < end; from++) {
      const before = best[from];
      if (before && vocabulary.has(key.slice(from, end))) {
        if (!best[end] || before.length + 1 < best[end]!.length) best[end] = [...before, from];
      }
    }
  }
  const cuts = best[key.length]?.slice(1);
  if (!cuts?.length) return [word];
  const pieces: Word[] = [];
  let rest = word;
  let consumed = 0;
  for (const cut of cuts) {
    const at = positions[cut]! - consumed;
    if (!rest.marks.some((m) => m.at === at) || at === 0) return [word];
    const parts = cutWord(rest, at);
    pieces.push(parts[0]);
    rest = parts[1];
    consumed += at;
  }
  return [...pieces, rest];
}

function bandOf(
  lines: readonly Line[],
  start: number,
  vocabulary: ReadonlySet<string>,
): BandWord[] {
  const band: BandWord[] = [];
  const first = lines[start]!;
  for (let i = start; i < lines.length && i < start + MAX_HEADER_LINES; i++) {
    const line = lines[i]!;
    const above = lines[i - 1];
    if (line.page !== first.page) break;
    if (i > start && above && line.y - above.y > HEADER_LINE_STEP * Math.max(line.size, above.size))
      break;
    for (const word of line.words
      .flatMap(splitAtSeams)
      .flatMap((w) => headingWords(w, vocabulary))) {
      const key = matchKey(word.text);
      if (key) band.push({ ...word, line: i, key, size: word.size });
    }
  }
  return band;
}

/**
 * Spells `key` with words of the band: the first word starts it, and each next word follows on
 * the same line just to the right, or on a lower line under the words so far.
 */
function spell(
  band: readonly BandWord[],
  used: ReadonlySet<BandWord>,
  key: string,
): BandWord[] | null {
  for (const first of band) {
    if (used.has(first) || !key.startsWith(first.key)) continue;
    const chain = [first];
    let rest = key.slice(first.key.length);
    while (rest) {
      const last = chain.at(-1)!;
      // A heading's next line lies under it (centred headings of neighbouring columns may come
      // within a space of each other, so no more slack than that).
      const x0 = Math.min(...chain.map((w) => w.x0)) - 0.1 * last.size;
      const x1 = Math.max(...chain.map((w) => w.x1)) + 0.1 * last.size;
      const sameLine = band
        .filter(
          (w) => w.line === last.line && w.x0 >= last.x1 - 1 && w.x0 - last.x1 < 1.5 * last.size,
        )
        .sort((a, b) => a.x0 - b.x0)[0];
      const below = band
        .filter((w) => w.line > last.line && w.x1 > x0 && w.x0 < x1)
        .sort((a, b) => a.line - b.line || a.x0 - b.x0);
      const next = [sameLine, ...below].find(
        (w) => w && !used.has(w) && !chain.includes(w) && rest.startsWith(w.key),
      );
      if (!next) break;
      chain.push(next);
      rest = rest.slice(next.key.length);
    }
    if (!rest) return chain;
  }
  return null;
}

/** Unmatched words on the header's lines, grouped by overlap into headings the spec lacks. */
function unknownColumns(words: readonly BandWord[]): HeaderColumn[] {
  const groups: BandWord[][] = [];
  for (const word of [...words].sort((a, b) => a.x0 - b.x0)) {
    const group = groups.find((g) =>
      g.some((w) => word.x0 < w.x1 + 0.6 * w.size && word.x1 > w.x0 - 0.6 * w.size),
    );
    if (group) group.push(word);
    else groups.push([word]);
  }
  return groups.map((g) => ({
    key: null,
    heading: [...g]
      .sort((a, b) => a.line - b.line || a.x0 - b.x0)
      .map((w) => w.text)
      .join(' '),
    x0: Math.min(...g.map((w) => w.x0)),
    x1: Math.max(...g.map((w) => w.x1)),
  }));
}

/**
 * Matches a header whose first line is `lines[start]`: every required column's heading must be
 * spelt by words on that line and the few lines directly below it, nearly all of those lines'
 * words must be headings, and the headings must not overlap. Returns null otherwise.
 */
export function matchHeader(
  lines: readonly Line[],
  start: number,
  columns: readonly ColumnSpec[],
): HeaderMatch | null {
  if (!lines[start]) return null;
  const vocabulary = new Set(
    columns.flatMap((c) => c.headings.flatMap((h) => h.split(/\s+/).map(matchKey))),
  );
  const band = bandOf(lines, start, vocabulary);
  const used = new Set<BandWord>();
  const found: { column: HeaderColumn; words: BandWord[] }[] = [];
  // Longer headings first, so "Detainer Issued" is not left without its "Detainer".
  const order = [...columns].sort(
    (a, b) =>
      Math.max(...b.headings.map((h) => matchKey(h).length)) -
      Math.max(...a.headings.map((h) => matchKey(h).length)),
  );
  for (const spec of order) {
    const words = spec.headings.map((h) => spell(band, used, matchKey(h))).find((w) => w !== null);
    if (!words) {
      if (spec.optional) continue;
      return null;
    }
    words.forEach((w) => used.add(w));
    found.push({
      column: {
        key: spec.key,
        heading: words.map((w) => w.text).join(' '),
        x0: Math.min(...words.map((w) => w.x0)),
        x1: Math.max(...words.map((w) => w.x1)),
      },
      words,
    });
  }
  if (!band.some((w) => w.line === start && used.has(w))) return null;
  const lastLine = Math.max(...[...used].map((w) => w.line));
  const onHeader = band.filter((w) => w.line <= lastLine);
  if (used.size < MIN_HEADING_SHARE * onHeader.length) return null;
  // A stray word under or beside a heading ("Date" below "Detainer Issued", a footnote mark)
  // belongs to that heading's column; other words are headings the spec does not know.
  const strays: BandWord[] = [];
  for (const word of onHeader.filter((w) => !used.has(w))) {
    const owner = found.find(({ words }) =>
      words.some(
        (w) =>
          (w.line !== word.line &&
            word.x0 < w.x1 + 0.3 * w.size &&
            word.x1 > w.x0 - 0.3 * w.size) ||
          (w.line === word.line && word.x0 >= w.x1 - 1 && word.x0 - w.x1 < 0.6 * w.size),
      ),
    );
    if (!owner) {
      strays.push(word);
      continue;
    }
    owner.column.x0 = Math.min(owner.column.x0, word.x0);
    owner.column.x1 = Math.max(owner.column.x1, word.x1);
  }
  const all = [...found.map((f) => f.column), ...unknownColumns(strays)].sort(
    (a, b) => a.x0 - b.x0,
  );
  // Centred headings wider than their columns may run into each other, by an em at most.
  const em = Math.max(...[...used].map((w) => w.size));
  for (let i = 1; i < all.length; i++) {
    if (all[i]!.x0 < all[i - 1]!.x1 - em) return null;
  }
  return { page: lines[start]!.page, start, lineCount: lastLine - start + 1, columns: all };
}

/** Heuristic for page furniture: a line made mostly of words from these headings. */
export function looksLikeHeaderLine(line: Line, columns: readonly ColumnSpec[]): boolean {
  const vocabulary = new Set(
    columns.flatMap((c) => c.headings.flatMap((h) => h.split(/\s+/).map(matchKey))),
  );
  const words = line.words.map((w) => matchKey(w.text)).filter(Boolean);
  const known = words.filter((w) => vocabulary.has(w)).length;
  return words.length > 0 && known >= 1 && known >= 0.6 * words.length;
}
