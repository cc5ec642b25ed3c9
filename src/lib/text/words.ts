/** Small pieces of English the pages, charts and feeds share. */
import { formatCount } from './format.ts';

/** "1 report", "3 reports", "1,204 reports". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
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
