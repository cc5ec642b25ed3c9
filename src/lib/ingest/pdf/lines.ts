/**
 * Glyphs → words → lines, by geometry alone, as pdfplumber's word extraction does: glyphs on
 * one baseline, ordered by x, join into a word while the gap between them is a fraction of a
 * space; a space glyph or a wider gap ends the word. So a producer that writes each letter, or
 * each word without spaces, or draws a table column by column, reads the same as one that
 * writes whole lines. Glyphs of one run (one string in the PDF) stay together where they overlap
 * a neighbouring run, as an overflowing cell overlaps the next.
 */
import type { Glyph, PdfPage } from './document.ts';
import { cleanPrinted } from './text.ts';

/** A word with where each of its characters starts, for splitting it at a column boundary. */
export interface Word {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
  font: string;
  /** x of each glyph's left edge, and the text index it starts at. */
  marks: { at: number; x: number; end: number; run: number }[];
  /** Part of it is drawn past the edge of its cell's clipping box. */
  overflow: boolean;
  /** The clipping box (cell) it was drawn in, if any. */
  box?: number | undefined;
}

/** Text on one baseline of one page, left to right. */
export interface Line {
  page: number;
  y: number;
  size: number;
  x0: number;
  x1: number;
  words: Word[];
  /** The words joined with single spaces. */
  text: string;
  /** The font most of the line is set in. */
  font: string;
  /** The page's size, for telling margins from the body. */
  pageWidth: number;
  pageHeight: number;
}

/**
 * Glyphs closer than this (in ems) belong to one word. A space is about a quarter of an em, but
 * kerning against the next letter ("space T") can take it down to an eighth.
 */
export const WORD_GAP = 0.1;
/** Glyphs overlapping by more than this (in ems) are two things drawn over each other. */
const OVERLAP = 0.35;
/** Glyphs whose baselines differ by at most this (in ems) are on one line. */
const SAME_LINE = 0.3;

const isBlank = (g: Glyph) => g.text.trim() === '';

function wordOf(glyphs: readonly Glyph[]): Word {
  const marks: Word['marks'] = [];
  let text = '';
  for (const g of glyphs) {
    marks.push({ at: text.length, x: g.x0, end: g.x1, run: g.run });
    text += g.text;
  }
  const sizes = glyphs.map((g) => g.size).sort((a, b) => a - b);
  return {
    text: text.normalize('NFC'),
    x0: Math.min(...glyphs.map((g) => g.x0)),
    x1: Math.max(...glyphs.map((g) => g.x1)),
    y: glyphs[0]!.y,
    size: sizes[Math.floor(sizes.length / 2)]!,
    font: glyphs[0]!.font,
    marks,
    overflow: glyphs.some((g) => g.clipped === true),
    box: glyphs[0]!.box,
  };
}

/** One run's glyphs (in drawing order) cut into words at spaces and gaps. */
function runWords(glyphs: readonly Glyph[]): Word[] {
  const words: Word[] = [];
  let current: Glyph[] = [];
  const flush = () => {
    if (current.length) words.push(wordOf(current));
    current = [];
  };
  for (const g of glyphs) {
    if (isBlank(g)) {
      flush();
      continue;
    }
    const last = current.at(-1);
    const em = Math.max(g.size, last?.size ?? 0);
    if (last && (g.x0 - last.x1 > WORD_GAP * em || g.x0 < last.x0 - OVERLAP * em)) flush();
    current.push(g);
  }
  flush();
  return words;
}

/**
 * Joins words of different runs that touch, as letters or words drawn one by one do; never
 * across clipping boxes (cells), whose text may overlap where one runs past its edge.
 */
function joinTouching(words: readonly Word[], blanks: readonly Glyph[]): Word[] {
  const byBox = new Map<number | undefined, Word[]>();
  for (const word of words) byBox.set(word.box, [...(byBox.get(word.box) ?? []), word]);
  return [...byBox.values()]
    .flatMap((group) => joinInBox(group, blanks))
    .sort((a, b) => a.x0 - b.x0);
}

function joinInBox(words: readonly Word[], blanks: readonly Glyph[]): Word[] {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  const joined: Word[] = [];
  for (const word of sorted) {
    const last = joined.at(-1);
    const em = Math.max(word.size, last?.size ?? 0);
    const touching =
      last !== undefined &&
      word.x0 - last.x1 <= WORD_GAP * em &&
      word.x0 >= last.x1 - OVERLAP * em &&
      !blanks.some((b) => b.x0 >= last.x1 - 0.01 && b.x1 <= word.x0 + 0.01 && b.x1 > b.x0);
    if (!touching) {
      joined.push(word);
      continue;
    }
    joined[joined.length - 1] = {
      ...last,
      text: (last.text + word.text).normalize('NFC'),
      x1: Math.max(last.x1, word.x1),
      size: Math.max(last.size, word.size),
      overflow: last.overflow || word.overflow,
      marks: [...last.marks, ...word.marks.map((m) => ({ ...m, at: m.at + last.text.length }))],
    };
  }
  return joined;
}

/**
 * Producers that fake bold by drawing the same string twice, a hair apart, print it once. Two
 * glyphs are such twins when their strings and clipping boxes are the same too: a letter of one
 * cell's text that happens to fall on the same letter of a neighbour's overflowing text is not.
 */
function withoutOverprint(glyphs: readonly Glyph[]): Glyph[] {
  const runText = new Map<number, string>();
  for (const g of glyphs) runText.set(g.run, (runText.get(g.run) ?? '') + g.text);
  const kept: Glyph[] = [];
  const seen = new Map<string, Glyph[]>();
  for (const g of glyphs) {
    const key = `${g.text}:${Math.round(g.y)}`;
    const twins = seen.get(key) ?? [];
    const twin = twins.some(
      (k) =>
        k.run !== g.run &&
        Math.abs(k.x0 - g.x0) < 1 &&
        Math.abs(k.y - g.y) < 1 &&
        k.box === g.box &&
        runText.get(k.run) === runText.get(g.run),
    );
    if (twin) continue;
    twins.push(g);
    seen.set(key, twins);
    kept.push(g);
  }
  return kept;
}

const lineText = (words: readonly Word[]) => words.map((w) => w.text).join(' ');

function lineOf(page: PdfPage, words: Word[]): Line {
  const sizes = words.map((w) => w.size).sort((a, b) => a - b);
  const fonts = new Map<string, number>();
  for (const w of words) fonts.set(w.font, (fonts.get(w.font) ?? 0) + w.text.length);
  return {
    page: page.number,
    y: words.reduce((sum, w) => sum + w.y, 0) / words.length,
    size: sizes[Math.floor(sizes.length / 2)]!,
    x0: Math.min(...words.map((w) => w.x0)),
    x1: Math.max(...words.map((w) => w.x1)),
    words,
    text: lineText(words),
    font: [...fonts].sort((a, b) => b[1] - a[1])[0]![0],
    pageWidth: page.width,
    pageHeight: page.height,
  };
}

/**
 * A page's lines, top to bottom. Glyphs whose baselines are within a third of an em share a
 * line (a superscript stays on its line; text half a line lower, as a one-line cell beside a
 * two-line one, does not).
 */
export function pageLines(page: PdfPage): Line[] {
  const glyphs = withoutOverprint(
    page.glyphs.map((g) => ({ ...g, text: cleanPrinted(g.text) })).filter((g) => g.text !== ''),
  ).sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const groups: Glyph[][] = [];
  for (const g of glyphs) {
    const group = groups.at(-1);
    const anchor = group?.find((k) => !isBlank(k)) ?? group?.[0];
    if (group && anchor && Math.abs(g.y - anchor.y) <= SAME_LINE * Math.max(g.size, anchor.size)) {
      group.push(g);
    } else groups.push([g]);
  }
  const lines: Line[] = [];
  for (const group of groups) {
    const byRun = new Map<number, Glyph[]>();
    for (const g of group) byRun.set(g.run, [...(byRun.get(g.run) ?? []), g]);
    // Within a run, drawing order is reading order; runs are then placed by x.
    const words = joinTouching(
      [...byRun.values()].flatMap((run) => runWords([...run].sort((a, b) => order(a, b)))),
      group.filter(isBlank),
    );
    if (words.length) lines.push(lineOf(page, words));
  }
  return lines.sort((a, b) => a.y - b.y);
}

/** Glyphs of one run in the order they were drawn (their page order keeps it). */
const order = (a: Glyph, b: Glyph) => a.x0 - b.x0;

/** The line's words from x0 to x1 (by their start), as a line of their own. */
export function lineFromWords(template: Line, words: readonly Word[]): Line {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  return {
    ...template,
    words: sorted,
    x0: Math.min(...sorted.map((w) => w.x0)),
    x1: Math.max(...sorted.map((w) => w.x1)),
    text: lineText(sorted),
  };
}

/**
 * Splits a word at x where a cell of its own starts: two cells written as separate strings that
 * touch (a seam between strings of several glyphs each), or, where every glyph is a string of
 * its own, a gap between two glyphs that letters of a word do not leave. A word written as one
 * string is never cut, nor one that runs past its clipping edge.
 */
export function splitWordAt(word: Word, x: number): [Word, Word] | null {
  if (word.overflow) return null;
  const glyphsOf = (run: number) => word.marks.filter((m) => m.run === run).length;
  const near = (m: Word['marks'][number]) => m.x >= x - 0.3 * word.size && m.x <= x + word.size;
  const cut = word.marks.find((m, i) => {
    if (i === 0 || !near(m)) return false;
    const before = word.marks[i - 1]!;
    if (m.run === before.run) return false;
    if (glyphsOf(m.run) > 1 && glyphsOf(before.run) > 1) return true;
    // Glyph by glyph: a gap letters do not leave, or a glyph starting right at the boundary.
    return m.x - before.end > 0.015 * word.size || Math.abs(m.x - x) <= 0.5;
  });
  return cut ? cutWord(word, cut.at) : null;
}

/** A word cut before the character at `at` (the start of one of its glyphs). */
export function cutWord(word: Word, at: number): [Word, Word] {
  const head = word.marks.filter((m) => m.at < at);
  const tail = word.marks.filter((m) => m.at >= at);
  return [
    { ...word, text: word.text.slice(0, at), x1: head.at(-1)!.end, marks: head },
    {
      ...word,
      text: word.text.slice(at),
      x0: tail[0]!.x,
      marks: tail.map((m) => ({ ...m, at: m.at - at })),
    },
  ];
}

/**
 * A word cut at every seam between two strings of several glyphs each: cells or headings that
 * touch, written separately, joined only because no space fell between them.
 */
export function splitAtSeams(word: Word): Word[] {
  const glyphsOf = (run: number) => word.marks.filter((m) => m.run === run).length;
  const seam = word.marks.findIndex(
    (m, i) =>
      i > 0 &&
      m.run !== word.marks[i - 1]!.run &&
      glyphsOf(m.run) > 1 &&
      glyphsOf(word.marks[i - 1]!.run) > 1,
  );
  if (seam < 0) return [word];
  const parts = splitWordAt(word, word.marks[seam]!.x);
  return parts ? [parts[0], ...splitAtSeams(parts[1])] : [word];
}
