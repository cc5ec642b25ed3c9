/**
 * `npm run generate-data -- [--weeks 520] [--seed 1] [--out DIR]`: writes N weeks of synthetic,
 * valid reports in the contract's format into a folder outside data/ (a new temporary folder by
 * default), for the benchmark and scale tests. The same seed gives the same files.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset } from './lib/generate.ts';

const { values } = parseArgs({
  options: {
    weeks: { type: 'string', default: '520' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const out = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'dda-generated-'));
if (resolve(out) === resolve('data')) {
  console.error('Refusing to write generated data into data/: choose another --out folder.');
  process.exit(2);
}
const files = generateDataset({ weeks: Number(values.weeks), seed: Number(values.seed) });
for (const [path, content] of Object.entries(files)) {
  mkdirSync(join(out, path, '..'), { recursive: true });
  writeFileSync(join(out, path), content);
}
console.log(out);
