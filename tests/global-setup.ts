import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  fixtureWithWeeks,
  NEXT_WEEK,
  NEXT_WEEK_DATA,
  NEXT_WEEK_DIST,
} from './helpers/fixture-week.ts';
import { buildSite, FIXTURE_DATA, FIXTURE_DIST } from './helpers/site.ts';

/**
 * Builds, once for every test file that reads them, the site fixture and the fixture with the
 * next week added, as a weekly data pull request would add it. With TEST_REUSE_BUILDS=1 the
 * builds of the last run are kept where both exist (CONTRIBUTING.md, "Testing"): for running
 * one test file again without building twice; never in CI, where the code may have changed.
 */
export default async function setup(): Promise<void> {
  const built = [FIXTURE_DIST, NEXT_WEEK_DIST].every((dist) =>
    existsSync(join(dist, 'index.html')),
  );
  if (process.env['TEST_REUSE_BUILDS'] === '1' && built) return;
  rmSync(dirname(FIXTURE_DIST), { recursive: true, force: true });
  rmSync(dirname(NEXT_WEEK_DATA), { recursive: true, force: true });
  fixtureWithWeeks(NEXT_WEEK_DATA, [NEXT_WEEK]);
  await buildSite(FIXTURE_DATA, FIXTURE_DIST);
  await buildSite(NEXT_WEEK_DATA, NEXT_WEEK_DIST);
}
