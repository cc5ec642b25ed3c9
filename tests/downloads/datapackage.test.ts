import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../src/lib/contract/datapackage.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readText } from '../helpers/site.ts';

interface Resource {
  path: string;
  schema?: string;
  jsonSchema?: string;
}

const descriptor = JSON.parse(readText(FIXTURE_DIST, 'data/datapackage.json')) as {
  resources: Resource[];
};

describe('the Data Package under /data/', () => {
  it('is the descriptor committed with the data', () => {
    expect(readText(FIXTURE_DIST, 'data/datapackage.json')).toBe(
      readFileSync(join(FIXTURE_DATA, 'datapackage.json'), 'utf8'),
    );
    for (const path of Object.keys(schemaFiles())) {
      expect(readText(FIXTURE_DIST, `data/${path}`), path).toBe(
        readFileSync(join(FIXTURE_DATA, path), 'utf8'),
      );
    }
  });

  it('references only files that exist on the built site, relative to the descriptor', () => {
    const referenced = descriptor.resources.flatMap((r) =>
      [r.path, r.schema, r.jsonSchema].filter((p): p is string => p !== undefined),
    );
    expect(referenced).toContain('reports/2020-01-04/declined.csv');
    expect(referenced).not.toContain('reports/2020-01-11/declined.csv');
    for (const path of referenced) {
      expect(path, path).not.toMatch(/^\/|\.\./);
      expect(existsSync(join(FIXTURE_DIST, 'data', path)), path).toBe(true);
    }
  });
});
