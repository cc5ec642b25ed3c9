import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURE_DATA = join(ROOT, 'tests/fixtures/site/data');
/**
 * Where tests write builds, screenshots and reports. `TEST_OUTPUT_DIR` gives two suites running at
 * once folders of their own. Keep it inside the project: Astro bundles a build whose outDir lies
 * outside the working directory in the shared `.astro/.prerender/`, where concurrent builds collide.
 */
export const TEST_OUTPUT = resolve(ROOT, process.env.TEST_OUTPUT_DIR ?? 'test-output');
/** Where the vitest global setup builds the fixture site once per run. */
export const FIXTURE_DIST = join(TEST_OUTPUT, 'site/dist');

/** A fresh folder for a test's own data and builds, inside TEST_OUTPUT (see there why). */
export function makeWorkDir(prefix: string): string {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  return mkdtempSync(join(TEST_OUTPUT, prefix));
}

/**
 * The environment for a build a test starts: the test's own, without what vitest adds to a test
 * worker's. It copies `import.meta.env` into process.env (MODE=test, DEV=1, PROD, SSR, BASE_URL),
 * which Vite would read back and compile into the site, so a build started from a test file
 * would differ from one started by the global setup or a maintainer.
 */
export function buildEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'FORCE_TTY']) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  return env;
}

/**
 * Builds the site from a data folder into `outDir` with the project's own build script, with a
 * content-layer cache of its own so builds of different data never share state.
 */
export async function buildSite(
  dataDir: string,
  outDir: string,
  cacheDir = `${outDir}-cache`,
): Promise<string> {
  if (relative(ROOT, resolve(outDir)).startsWith('..')) {
    throw new Error(`${outDir}: a test build must stay inside ${ROOT} (see TEST_OUTPUT)`);
  }
  const { stdout } = await run('npm', ['run', '-s', 'build', '--', '--outDir', outDir], {
    cwd: ROOT,
    env: {
      ...buildEnvironment(),
      DATA_DIR: dataDir,
      ASTRO_CACHE_DIR: cacheDir,
      CHART_CACHE_DIR: join(cacheDir, 'charts'),
    },
    maxBuffer: 64 << 20,
  });
  return stdout;
}

/**
 * A built page as its values read: without the "report an error" link beside each value
 * (tests/site/error-reports.test.ts checks those).
 */
export function readValues(dist: string, path: string): Document {
  const doc = readPage(dist, path);
  for (const link of doc.querySelectorAll('a.report-error')) link.remove();
  return doc;
}

/** Reads a built page as a DOM document. */
export function readPage(dist: string, path: string): Document {
  const file = path.endsWith('/') ? join(dist, path, 'index.html') : join(dist, path);
  return parseHTML(readFileSync(file, 'utf8')).document;
}

/**
 * A data folder's CSV file as its text says, parsed with papaparse rather than the site's loader,
 * so that a test compares the site with the data and not with itself.
 */
export function readDataCsv(
  dataDir: string,
  path: string,
): Papa.ParseResult<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(join(dataDir, path), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
}

export function readText(dist: string, path: string): string {
  return readFileSync(join(dist, path), 'utf8');
}
