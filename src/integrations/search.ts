import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { recordPhase } from '../handover/build-profile.ts';
import { readSearchRecords, SEARCH_RECORDS_PATH } from '../lib/output/search-records.ts';

/** Where the index and Pagefind's script go in the built site. */
const SEARCH_FOLDER = 'pagefind';

/**
 * Indexes the report, jurisdiction and state pages with Pagefind after the build, from the
 * records file the build wrote (src/lib/output/search-records.ts), which it then removes from
 * the site: Pagefind reads no HTML, and a page kept from the last build is indexed as one
 * rendered now. An indexing error fails the build: a site whose search silently misses pages is
 * worse than no build.
 */
export function searchIntegration(): AstroIntegration {
  return {
    name: 'dda-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const start = performance.now();
        const file = join(site, SEARCH_RECORDS_PATH);
        if (!existsSync(file)) throw new Error(`the build wrote no search records (${file})`);
        const records = readSearchRecords(readFileSync(file, 'utf8'));
        rmSync(file);
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
          if (!index) throw new Error(errors.join('; '));
          for (const record of records) {
            const added = await index.addCustomRecord({ ...record, language: 'en' });
            if (added.errors.length) throw new Error(added.errors.join('; '));
          }
          const written = await index.writeFiles({ outputPath: join(site, SEARCH_FOLDER) });
          if (written.errors.length) throw new Error(written.errors.join('; '));
          logger.info(`search: ${records.length} pages indexed`);
        } finally {
          await pagefind.close();
          recordPhase('search index (Pagefind)', performance.now() - start);
        }
      },
    },
  };
}
