import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  moveFolder,
  publishStaged,
  stagedOverlay,
  writeFiles,
} from '../../src/lib/ingest/publish.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import {
  EXPECTED_WEEK,
  fixtureData,
  INGEST_FIXTURES,
  readTree,
  temporaryFolder,
  treeHash,
  WEEK,
} from './helpers.ts';

const exdev = () => Object.assign(new Error('cross-device link not permitted'), { code: 'EXDEV' });

/** A staging folder holding the expected week and the descriptor that goes with it. */
function staging(): string {
  const dir = temporaryFolder();
  cpSync(EXPECTED_WEEK, join(dir, 'reports', WEEK), { recursive: true });
  cpSync(join(INGEST_FIXTURES, 'expected/datapackage.json'), join(dir, 'datapackage.json'));
  return dir;
}

describe('stagedOverlay', () => {
  it('reads staged files first, drops the old files of the staged week, and reads the rest from data', () => {
    const data = fixtureData();
    writeFiles(data, { 'reports/2017-02-04/old.csv': 'old\n' });
    const stage = temporaryFolder();
    writeFiles(stage, { 'reports/2017-02-04/report.json': '{}', 'datapackage.json': 'new' });
    const overlay = stagedOverlay(folderSource(data), folderSource(stage), WEEK);
    expect(overlay.files()).toContain('reports/2017-02-04/report.json');
    expect(overlay.files()).not.toContain('reports/2017-02-04/old.csv');
    expect(overlay.read('reports/2017-02-04/old.csv')).toBeNull();
    expect(new TextDecoder().decode(overlay.read('datapackage.json')!)).toBe('new');
    expect(overlay.read('jurisdictions.csv')).toEqual(
      readFileSync(join(data, 'jurisdictions.csv')),
    );
  });
});

describe('moveFolder', () => {
  it('copies next to the target and renames when the staging folder is on another file system', () => {
    const from = join(temporaryFolder(), 'week');
    writeFiles(from, { 'a.csv': 'a\n' });
    const parent = temporaryFolder();
    const to = join(parent, 'week');
    const renames: string[][] = [];
    moveFolder(from, to, (source, target) => {
      renames.push([source, target]);
      if (source === from) throw exdev();
      renameSync(source, target);
    });
    expect(readTree(to)).toEqual({ 'a.csv': Buffer.from('a\n') });
    expect(existsSync(from)).toBe(false);
    expect(renames).toHaveLength(2);
    expect(readdirSync(parent)).toEqual(['week']);
  });
});

describe('publishStaged', () => {
  it('moves the week in and rewrites the descriptor', () => {
    const data = fixtureData();
    publishStaged(staging(), data, WEEK);
    expect(readTree(join(data, 'reports', WEEK))).toEqual(readTree(EXPECTED_WEEK));
    expect(readFileSync(join(data, 'datapackage.json'))).toEqual(
      readFileSync(join(INGEST_FIXTURES, 'expected/datapackage.json')),
    );
  });

  it('replaces an existing week as a whole: files the new one lacks are gone', () => {
    const data = fixtureData();
    writeFiles(join(data, 'reports', WEEK), { 'declined.csv': 'old\n', 'stale.csv': 'old\n' });
    publishStaged(staging(), data, WEEK);
    expect(readTree(join(data, 'reports', WEEK))).toEqual(readTree(EXPECTED_WEEK));
    expect(readdirSync(join(data, 'reports')).sort()).toEqual(['2017-01-28', WEEK]);
  });

  it('puts the old week back when the move fails', () => {
    const data = fixtureData();
    writeFiles(join(data, 'reports', WEEK), { 'report.json': 'old\n' });
    const before = treeHash(data);
    const stage = staging();
    const failing = (source: string, target: string) => {
      if (source.startsWith(stage)) throw new Error('disk full');
      renameSync(source, target);
    };
    expect(() => publishStaged(stage, data, WEEK, failing)).toThrow('disk full');
    expect(treeHash(data)).toBe(before);
  });

  it('undoes the move when the descriptor cannot be written', () => {
    const data = fixtureData();
    const before = treeHash(data);
    const stage = staging();
    writeFileSync(join(stage, 'schemas'), 'a file where data has a folder');
    expect(() => publishStaged(stage, data, WEEK)).toThrow();
    expect(treeHash(data)).toBe(before);
  });
});
