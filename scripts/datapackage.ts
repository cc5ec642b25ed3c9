/** `npm run datapackage [-- DIR]`: regenerates datapackage.json and schemas/ from the schema module. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDirFromEnv, readDataset } from '../src/lib/contract/load.ts';
import { folderSource } from '../src/lib/contract/source.ts';
import { generatedFiles } from '../src/lib/contract/datapackage.ts';

const dir = process.argv[2] ?? dataDirFromEnv();
const { data } = readDataset(folderSource(dir));
for (const [path, content] of Object.entries(generatedFiles(data))) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}
console.log(`${dir}: datapackage.json and schemas/ regenerated for ${data.weeks.length} report(s)`);
