/** Links in pages: a site path with the configured base path, and a value's error report. */
import { REPOSITORY_URL } from 'astro:env/server';
import { errorReportUrl, openReportsUrl } from '../lib/intake/form.ts';
import type { ValueAddress } from '../lib/intake/form.ts';
import { withBase } from '../lib/output/urls.ts';

export function href(path: string): string {
  return withBase(import.meta.env.BASE_URL, path);
}

/** The issue form of the site's repository, filled in with the value's address. */
export function errorReportHref(address: ValueAddress): string {
  return errorReportUrl(REPOSITORY_URL, address);
}

/** The error reports readers have opened that are still under review. */
export const openReportsHref = () => openReportsUrl(REPOSITORY_URL);
