/** A site path with the configured base path, for links in pages. */
import { withBase } from '../lib/output/urls.ts';

export function href(path: string): string {
  return withBase(import.meta.env.BASE_URL, path);
}
