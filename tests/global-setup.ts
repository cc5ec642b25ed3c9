import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  fixtureWithWeeks,
  NEXT_WEEK,
  NEXT_WEEK_DATA,
  NEXT_WEEK_DIST,
} from './helpers/fixture-week.ts';
import { buildSite, FIXTURE_DATA, FIXTURE_DIST } from './helpers/site.ts';

/**
 * Builds, once for every test file that reads them, the site fixture and the fixture with the
 * next week added, as a weekly data pull request would add it.
 */
export default async function setup(): Promise<void> {
  rmSync(dirname(FIXTURE_DIST), { recursive: true, force: true });
  rmSync(dirname(NEXT_WEEK_DATA), { recursive: true, force: true });
  fixtureWithWeeks(NEXT_WEEK_DATA, [NEXT_WEEK]);
  await buildSite(FIXTURE_DATA, FIXTURE_DIST);
  await buildSite(NEXT_WEEK_DATA, NEXT_WEEK_DIST);
}
