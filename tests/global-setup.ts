import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildSite, FIXTURE_DATA, FIXTURE_DIST } from './helpers/site.ts';

/** Builds the fixture site once for every test file that reads it. */
export default async function setup(): Promise<void> {
  rmSync(dirname(FIXTURE_DIST), { recursive: true, force: true });
  await buildSite(FIXTURE_DATA, FIXTURE_DIST);
}
