/** How figures read on the pages: a blank is "not reported", never 0. */

export const NOT_REPORTED = 'not reported';

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? NOT_REPORTED : numberFormat.format(value);
}

/** "+12 from the previous report", or null where either figure is unknown. */
export function formatChange(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  if (delta === 0) return 'unchanged from the previous report';
  return `${delta > 0 ? '+' : '−'}${numberFormat.format(Math.abs(delta))} from the previous report`;
}

/** Whether a source may be rendered as a link: only web addresses, never `javascript:` and the like. */
export function isLinkable(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
