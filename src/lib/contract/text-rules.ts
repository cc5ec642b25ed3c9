/**
 * What a text value of the contract may hold, in a CSV cell and in report.json alike: no control
 * characters (they corrupt feeds and terminals), no lone surrogates (not text at all), no spaces
 * around it (invisible differences between two spellings) and no more than its limit.
 */

/** C0 and C1 controls other than tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const codePoint = (char: string) =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a text breaks the rules ("contains a control character (U+0001)"), or null. Values that
 * are not free text (ids, dates, addresses) have rules of their own about spaces.
 */
export function textProblem(
  text: string,
  maxLength: number | undefined,
  { freeText = true } = {},
): string | null {
  if (maxLength !== undefined && text.length > maxLength) {
    return `is ${text.length} characters long; the limit is ${maxLength}`;
  }
  const control = CONTROL_CHARACTER.exec(text);
  if (control) return `contains a control character (${codePoint(control[0])})`;
  if (!text.isWellFormed())
    return 'contains a lone surrogate (half of a UTF-16 pair), which is not text';
  if (freeText && text.trim() !== text) return 'has spaces at the start or end';
  return null;
}
