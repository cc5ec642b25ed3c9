/** How figures read on the pages: a blank is "not reported", never 0. */

export const NOT_REPORTED = 'not reported';

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? NOT_REPORTED : numberFormat.format(value);
}

/** "+12 from the previous report"; where either figure is unknown, the change is not reported. */
export function formatChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null)
    return `change from the previous report ${NOT_REPORTED}`;
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

/** A source's host name ("fox43.com"), so a reader sees where a quotation comes from. */
export function sourceHost(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}
