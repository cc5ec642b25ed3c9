/** How figures read on the pages: a blank is "not reported", never 0. */

export const NOT_REPORTED = 'not reported';

const numberFormat = new Intl.NumberFormat('en-US');

/** "3,083", or `unknown` ("not reported" on the pages) where the archive has no figure. */
export function formatCount(value: number | null | undefined, unknown = NOT_REPORTED): string {
  return value === null || value === undefined ? unknown : numberFormat.format(value);
}

/** "+12", "−3" or "0": a difference between two counts, signed with a true minus sign. */
export function formatDelta(delta: number): string {
  if (delta === 0) return '0';
  return `${delta > 0 ? '+' : '−'}${numberFormat.format(Math.abs(delta))}`;
}

/**
 * "+12 from the previous report"; where either figure is unknown, the change is not reported.
 * `against` names the earlier report where "the previous report" would not say which it is.
 */
export function formatChange(
  current: number | null,
  previous: number | null,
  against = 'the previous report',
): string {
  if (current === null || previous === null) return `change from ${against} ${NOT_REPORTED}`;
  const delta = current - previous;
  return delta === 0 ? `unchanged from ${against}` : `${formatDelta(delta)} from ${against}`;
}

/** "115 KB", "1.2 MB": a file's size as a download list gives it (1 KB = 1,000 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
