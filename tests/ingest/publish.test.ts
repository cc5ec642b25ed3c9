import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderSource } from '../../src/lib/contract/source.ts';
import {
  PAUSE_STAGES,
  POINT_OF_NO_RETURN,
  Staging,
  stagedOverlay,
  stagingFolderFor,
  writeFiles,
} from '../../src/lib/ingest/publish.ts';
import type { PauseStage } from '../../src/lib/ingest/publish.ts';
import {
  EXPECTED_WEEK,
  expectIngested,
  expectNoStaging,
  fixtureData,
  INGEST_FIXTURES,
  readTree,
  temporaryFolder,
  treeHash,
  WEEK,
} from './helpers.ts';

type Rename = (from: string, to: string) => void;

/** The expected week and the descriptor that goes with it, staged beside the data folder. */
function stage(data: string, rename?: Rename): Staging {
  const staging = Staging.open(data, WEEK, rename);
  staging.write(
    Object.fromEntries(
      Object.entries(readTree(EXPECTED_WEEK)).map(([name, bytes]) => [
        `reports/${WEEK}/${name}`,
        bytes,
      ]),
    ),
  );
  staging.write({
    'datapackage.json': readFileSync(join(INGEST_FIXTURES, 'expected/datapackage.json')),
  });
  return staging;
}

/** A rename that fails once for the given destination, like a full disk. */
function failingFor(destination: string): Rename {
  let failed = false;
  return (from, to) => {
    if (to === destination && !failed) {
      failed = true;
      throw new Error('disk full');
    }
    renameSync(from, to);
  };
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

describe('Staging', () => {
  it('stages beside the data folder, not in a temporary folder elsewhere', () => {
    const data = fixtureData();
    const staging = stage(data);
    expect(dirname(staging.folder)).toBe(dirname(data));
    expect(readdirSync(dirname(data)).sort()).toEqual(['.data.ingest-staging', 'data']);
  });

  it('moves the week in with the rewritten descriptor, and removes the staging folder', async () => {
    const data = fixtureData();
    await stage(data).commit();
    expectIngested(data);
    expectNoStaging(data);
  });

  it('replaces an existing week as a whole: files the new one lacks are gone', async () => {
    const data = fixtureData();
    writeFiles(join(data, 'reports', WEEK), { 'declined.csv': 'old\n', 'stale.csv': 'old\n' });
    await stage(data).commit();
    expect(readTree(join(data, 'reports', WEEK))).toEqual(readTree(EXPECTED_WEEK));
    expect(readdirSync(join(data, 'reports')).sort()).toEqual(['2017-01-28', WEEK]);
    expectNoStaging(data);
  });

  it('puts the old week back when moving the new one in fails', async () => {
    const data = fixtureData();
    writeFiles(join(data, 'reports', WEEK), { 'report.json': 'old\n' });
    const before = treeHash(data);
    await expect(stage(data, failingFor(join(data, 'reports', WEEK))).commit()).rejects.toThrow(
      `Could not move the week of ${WEEK} into ${data} (disk full); the move was undone, so nothing changed.`,
    );
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });

  it('takes the week out again when the descriptor cannot be moved in after it', async () => {
    const data = fixtureData();
    const before = treeHash(data);
    await expect(stage(data, failingFor(join(data, 'datapackage.json'))).commit()).rejects.toThrow(
      'the move was undone, so nothing changed',
    );
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });

  it('refuses, before changing anything, a folder where a descriptor file must go', async () => {
    const data = fixtureData();
    const staging = stage(data);
    staging.write({ 'schemas.json': '{}\n' });
    mkdirSync(join(data, 'schemas.json'));
    const before = treeHash(data);
    await expect(staging.commit()).rejects.toThrow(
      `${join(data, 'schemas.json')} is a folder, where the regenerated schemas.json must go. Nothing was written; move it out of the way and run again.`,
    );
    staging.discardUncommitted();
    expect(treeHash(data)).toBe(before);
    expect(existsSync(staging.folder)).toBe(false);
  });

  it('keeps the journal when the undo fails too, and the next run finishes the undo', async () => {
    const data = fixtureData();
    const before = treeHash(data);
    // The staged descriptor fails to move in; taking the week out again fails as well.
    const staged = join(stagingFolderFor(data), 'new');
    const rename: Rename = (from, to) => {
      if (from === join(staged, 'datapackage.json')) throw new Error('disk full');
      if (from === join(data, 'reports', WEEK)) throw new Error('device busy');
      renameSync(from, to);
    };
    await expect(stage(data, rename).commit()).rejects.toThrow(
      `Could not move the week of ${WEEK} into ${data} (disk full), and undoing the move failed too (device busy): ${data} may hold part of the week.`,
    );
    expect(existsSync(join(data, 'reports', WEEK))).toBe(true);
    expect(Staging.resolveLeftover(data)).toBe(
      `An earlier ingest of the week of ${WEEK} failed to move it in and could not undo the move: finished the undo, so ${data} is as it was before that run.`,
    );
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });

  it('refuses to open a second staging folder for the same data folder', () => {
    const data = fixtureData();
    stage(data);
    expect(() => Staging.open(data, WEEK)).toThrow(
      `${stagingFolderFor(data)} already exists: another ingest is staging a week for ${data}.`,
    );
  });
});

describe('a run killed at any stage of the move is settled by the next one', () => {
  /**
   * Commits, copying the data folder and the staging folder at each stage as a SIGKILL would
   * leave them; then settles each copy as the next run does.
   */
  async function snapshotsOfCommit(replacing: boolean) {
    const data = fixtureData();
    if (replacing) writeFiles(join(data, 'reports', WEEK), { 'stale.csv': 'old\n' });
    const before = readTree(data);
    const snapshots: { stage: PauseStage; data: string }[] = [];
    await stage(data).commit(async (at) => {
      const copy = join(temporaryFolder(), 'data');
      cpSync(data, copy, { recursive: true });
      cpSync(stagingFolderFor(data), stagingFolderFor(copy), { recursive: true });
      snapshots.push({ stage: at, data: copy });
    });
    return { before, snapshots };
  }

  for (const replacing of [false, true]) {
    it(`at every stage, ${replacing ? 'replacing a week' : 'adding one'}`, async () => {
      const { before, snapshots } = await snapshotsOfCommit(replacing);
      const expectedStages = PAUSE_STAGES.filter(
        (s) => PAUSE_STAGES.indexOf(s) >= PAUSE_STAGES.indexOf('prepared'),
      ).filter((s) => replacing || s !== 'old-week-moved-out');
      expect(snapshots.map((s) => s.stage)).toEqual(expectedStages);
      for (const { stage: at, data } of snapshots) {
        const committed = PAUSE_STAGES.indexOf(at) >= PAUSE_STAGES.indexOf(POINT_OF_NO_RETURN);
        expect(Staging.resolveLeftover(data), at).toContain(
          committed ? 'after its point of no return' : 'before it changed',
        );
        if (committed) expectIngested(data);
        else expect(readTree(data), at).toEqual(before);
        expectNoStaging(data);
        // Settled once, there is nothing left to settle.
        expect(Staging.resolveLeftover(data)).toBeNull();
      }
    });
  }

  it('a staging folder without a journal (killed while opening it) is removed', () => {
    const data = fixtureData();
    const before = treeHash(data);
    mkdirSync(stagingFolderFor(data));
    writeFileSync(join(stagingFolderFor(data), 'journal.json.next'), '{"pid":');
    expect(Staging.resolveLeftover(data)).toBe(
      `An earlier ingest was stopped before it changed ${data}: removed its staging folder ${stagingFolderFor(data)}.`,
    );
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });
});
