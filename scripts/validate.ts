/**
 * `npm run validate [-- DIR] [--base GIT_REF]`: checks a data folder against the contract and,
 * with --base, the append-only rule against a git revision. Prints `path:line:column: message`
 * for every problem and exits 1, or prints a one-line summary and exits 0.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkAppendOnly } from '../src/lib/contract/append-only.ts';
import { compareIssues, formatIssue } from '../src/lib/contract/issues.ts';
import { checkDataset, dataDirFromEnv, readDataset } from '../src/lib/contract/load.ts';
import { folderSource, gitSource } from '../src/lib/contract/source.ts';

const { values, positionals } = parseArgs({
  options: { base: { type: 'string' } },
  allowPositionals: true,
});
const dir = positionals[0] ?? dataDirFromEnv();
const shown = relative(process.cwd(), dir);
const prefix = `${shown.startsWith('..') ? resolve(dir) : shown || '.'}/`;

const { data, issues } = checkDataset(folderSource(dir));
if (values.base) {
  let base;
  try {
    base = readDataset(gitSource(dir, values.base)).data;
  } catch (error) {
    console.error(
      `Cannot read the base revision "${values.base}": ${(error as Error).message.split('\n')[0]}`,
    );
    process.exit(2);
  }
  issues.push(...checkAppendOnly(base, data));
  issues.sort(compareIssues);
}

if (issues.length) {
  for (const issue of issues) console.error(formatIssue(issue, prefix));
  console.error(`\n${issues.length} problem(s) in ${prefix}`);
  process.exit(1);
}
const rows = data.weeks.reduce((n, w) => n + w.jurisdictions.length + (w.declined?.length ?? 0), 0);
console.log(
  `${prefix.slice(0, -1)}: valid — ${data.weeks.length} report(s), ${rows} report row(s), ${data.gazetteer.length} jurisdiction(s), ${data.policies.length} polic(ies), ${data.corrections.length} correction(s)${values.base ? `; append-only against ${values.base}: ok` : ''}`,
);
