import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseHTML } from 'linkedom';

/** Every HTML page of a built site, as its URL path (e.g. `/weeks/2020-01-04/`). */
export function listPages(dist: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) {
        const url = `/${relative(dist, path).split(sep).join('/')}`;
        pages.push(url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url);
      }
    }
  };
  walk(dist);
  return pages.sort();
}

export function pageFile(dist: string, urlPath: string): string {
  return urlPath.endsWith('/') ? join(dist, urlPath, 'index.html') : join(dist, urlPath);
}

/** Whether a site-relative URL path resolves to a file in the built site. */
export function resolves(dist: string, urlPath: string): boolean {
  const file = join(dist, decodeURIComponent(urlPath));
  if (urlPath.endsWith('/')) return existsSync(join(file, 'index.html'));
  return existsSync(file) && statSync(file).isFile();
}

export interface BrokenLink {
  page: string;
  attribute: string;
  target: string;
}

/**
 * Every internal link and image of every page that does not resolve to a built file. External
 * links (another origin) are not fetched: the machine has no network, and they are sources.
 */
export function findBrokenLinks(dist: string, origin: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const page of listPages(dist)) {
    const { document } = parseHTML(readFileSync(pageFile(dist, page), 'utf8'));
    const base = new URL(page, origin);
    for (const element of document.querySelectorAll('[href], [src], [srcset]')) {
      for (const attribute of ['href', 'src', 'srcset']) {
        const value = element.getAttribute(attribute);
        if (!value) continue;
        const targets =
          attribute === 'srcset'
            ? value.split(',').map((part) => part.trim().split(/\s+/)[0]!)
            : [value];
        for (const target of targets) {
          const url = new URL(target, base);
          if (url.origin !== new URL(origin).origin || !/^https?:$/.test(url.protocol)) continue;
          if (!resolves(dist, url.pathname)) broken.push({ page, attribute, target });
        }
      }
    }
  }
  return broken;
}
