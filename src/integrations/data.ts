import { writeSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { formatIssue } from '../lib/contract/issues.ts';
import { checkDataset, dataDirFromEnv } from '../lib/contract/load.ts';
import { folderSource } from '../lib/contract/source.ts';
import { timed } from '../handover/build-profile.ts';
import { keepValidated } from '../handover/validated-data.ts';

/**
 * Refuses to build from an invalid data folder before anything is rendered or written: it prints
 * the validator's `path:line:column: message` lines, as `npm run validate` does, and exits 1,
 * with no stack trace and no half-built site. The dev server is left running, so a maintainer
 * sees the same messages there as the page that fails.
 */
export function dataIntegration(): AstroIntegration {
  return {
    name: 'dda-data',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command !== 'build') return;
        const dir = dataDirFromEnv();
        const { data, issues } = timed('validate data', () => checkDataset(folderSource(dir)));
        if (!issues.length) {
          keepValidated(dir, data);
          return;
        }
        const lines = issues.map((issue) => formatIssue(issue, `${dir}/`));
        // Written synchronously: process.exit would cut short an asynchronous write to a pipe.
        writeSync(
          2,
          `${lines.join('\n')}\n\n${issues.length} problem(s) in ${dir}/: the site was not built. Fix them and run the build again (npm run validate checks the data alone).\n`,
        );
        process.exit(1);
      },
    },
  };
}
