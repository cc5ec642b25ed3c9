/**
 * The Data Package as Frictionless's own JavaScript library (`datapackage`, with `tableschema`)
 * reads it: every descriptor it loads must be valid, every CSV resource must read and cast with
 * its Table Schema, and every report.json must satisfy the JSON Schema its resource names. The
 * project's validator is the authority on the data; this proves the published description agrees.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DATA, FIXTURE_DIST, ROOT, makeWorkDir, readDataCsv } from '../helpers/site.ts';

/** The part of the `datapackage` library's API the test uses (it ships no types). */
interface FrictionlessResource {
  name: string;
  valid: boolean;
  errors: Error[];
  tabular: boolean;
  /** The resolved path of the data file. */
  source: string;
  descriptor: { path: string; jsonSchema?: string; format?: string; bytes?: number; hash?: string };
  /** Known once the table has been read. */
  headers: string[] | null;
  schema: { valid: boolean; errors: Error[]; fieldNames: string[] } | null;
  read(options: { cast: boolean; keyed?: boolean; forceCast?: boolean }): Promise<unknown[]>;
}

interface FrictionlessPackage {
  valid: boolean;
  errors: Error[];
  resources: FrictionlessResource[];
}

const require = createRequire(import.meta.url);
const { Package } = require('datapackage') as {
  Package: { load(descriptor: string): Promise<FrictionlessPackage> };
};

// report.json's schema is draft 2020-12, which needs ajv 8's Ajv2020. Strict, so a keyword
// draft 2020-12 does not define fails the compile instead of being ignored.
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));

const messages = (errors: readonly Error[]) => errors.map((error) => error.message);

/** A row's cast errors as the library gives them: a summary holding one error per cell. */
function rowErrors(error: Error & { rowNumber?: number; errors?: Error[] }): string[] {
  const cells = error.errors?.length ? messages(error.errors) : [error.message];
  return cells.map((message) => `row ${error.rowNumber}: ${message}`);
}

/**
 * The data folder after the ingest tests add the week 2017-02-04, beside the descriptor expected
 * of it: that descriptor is published too, once the ingest commits it.
 */
function ingestedFolder(): string {
  const dir = makeWorkDir('frictionless-ingest-');
  const fixtures = join(ROOT, 'tests/fixtures/ingest');
  cpSync(join(fixtures, 'data'), dir, { recursive: true });
  cpSync(join(fixtures, 'expected/reports'), join(dir, 'reports'), { recursive: true });
  cpSync(join(fixtures, 'expected/datapackage.json'), join(dir, 'datapackage.json'));
  return dir;
}
const ingested = ingestedFolder();
afterAll(() => rmSync(ingested, { recursive: true, force: true }));

const FOLDERS = {
  'data/ folder': join(ROOT, 'data'),
  'site fixture': FIXTURE_DATA,
  'hostile fixture': join(ROOT, 'tests/fixtures/hostile/data'),
  'ingest fixture': join(ROOT, 'tests/fixtures/ingest/data'),
  'ingest fixture with the expected descriptor': ingested,
  'valid fixture': join(ROOT, 'tests/fixtures/valid'),
  'built site, /data/': join(FIXTURE_DIST, 'data'),
};

describe.each(Object.entries(FOLDERS))('the Data Package of the %s', (_label, dir) => {
  // Resource names are read here, before the library loads, so each resource gets a test.
  const { resources } = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as {
    resources: { name: string }[];
  };
  let dataPackage: FrictionlessPackage;
  beforeAll(async () => {
    dataPackage = await Package.load(join(dir, 'datapackage.json'));
  });
  const resource = (name: string) => {
    const found = dataPackage.resources.find((r) => r.name === name);
    if (!found) throw new Error(`the library has no resource "${name}"`);
    return found;
  };

  it('is a valid descriptor, every resource included', () => {
    expect(messages(dataPackage.errors)).toEqual([]);
    for (const r of dataPackage.resources) expect(messages(r.errors), r.name).toEqual([]);
    expect(dataPackage.valid).toBe(true);
    expect(dataPackage.resources.map((r) => r.name)).toEqual(resources.map((r) => r.name));
  });

  it.each(resources.map((r) => r.name))('%s reads as its schema says', async (name) => {
    const r = resource(name);
    if (r.descriptor.format === 'pdf') {
      // A kept PDF: its bytes are the ones the resource's size and digest name.
      const bytes = readFileSync(r.source);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBe(r.descriptor.bytes);
      expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(r.descriptor.hash);
      return;
    }
    if (!r.tabular) {
      // Not a table: then it is a report.json, which must name its JSON Schema.
      const schemaPath = r.descriptor.jsonSchema;
      expect(schemaPath, 'jsonSchema').toBeDefined();
      const validate = ajv.compile(JSON.parse(readFileSync(join(dir, schemaPath!), 'utf8')));
      validate(JSON.parse(readFileSync(r.source, 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
      return;
    }
    expect(messages(r.schema!.errors)).toEqual([]);
    const csv = readDataCsv(dir, r.descriptor.path);
    expect(csv.errors).toEqual([]);
    // Uncast, the library must find the cells papaparse finds: the same dialect.
    expect(await r.read({ cast: false, keyed: true })).toEqual(csv.data);
    expect(r.headers).toEqual(r.schema!.fieldNames);
    // Cast, every row must pass its types and constraints. forceCast puts a row's error in its
    // place instead of stopping at the first, so a failure names every bad cell.
    const cast = await r.read({ cast: true, forceCast: true });
    expect(cast.filter((row) => row instanceof Error).flatMap(rowErrors)).toEqual([]);
    expect(cast).toHaveLength(csv.data.length);
  });
});

describe('the descriptor served on the built site', () => {
  it('is the file committed with the fixture data, the package checked above', () => {
    expect(readFileSync(join(FIXTURE_DIST, 'data/datapackage.json'), 'utf8')).toBe(
      readFileSync(join(FIXTURE_DATA, 'datapackage.json'), 'utf8'),
    );
  });
});
