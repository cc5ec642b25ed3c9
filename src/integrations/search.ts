import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** Where the index and Pagefind's script go in the built site. */
const SEARCH_FOLDER = 'pagefind';

/**
 * Indexes the built site with Pagefind after the build. Only pages whose `<main>` carries
 * `data-pagefind-body` are indexed (the layout sets it from a page's `search` entry). An indexing
 * error fails the build: a site whose search silently misses pages is worse than no build.
 */
export function searchIntegration(): AstroIntegration {
  return {
    name: 'dda-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
          if (!index) throw new Error(errors.join('; '));
          const added = await index.addDirectory({ path: site });
          if (added.errors.length) throw new Error(added.errors.join('; '));
          const written = await index.writeFiles({ outputPath: join(site, SEARCH_FOLDER) });
          if (written.errors.length) throw new Error(written.errors.join('; '));
          // addDirectory counts every page it read; the entry file counts the pages indexed.
          const entry = JSON.parse(
            readFileSync(join(written.outputPath, 'pagefind-entry.json'), 'utf8'),
          ) as { languages: Record<string, { page_count: number }> };
          const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
          logger.info(`search: ${pages} pages indexed`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
