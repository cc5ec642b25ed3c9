/**
 * The real CLI, stopped at each named stage of a run (INGEST_PAUSE_AT) by SIGTERM, SIGINT or
 * SIGKILL: `data/` is as it was, or, after the point of no return, holds the whole week with a
 * descriptor that matches, and no staging folder is left beside it.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/lib/contract/load.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import {
  PAUSE_STAGES,
  POINT_OF_NO_RETURN,
  stagingFolderFor,
} from '../../src/lib/ingest/publish.ts';
import type { PauseStage } from '../../src/lib/ingest/publish.ts';
import { startFakeSource } from './fake-source.ts';
import type { FakeSource } from './fake-source.ts';
import {
  commitAll,
  EXPECTED_WEEK,
  expectIngested,
  expectNoStaging,
  fixtureData,
  ingestCli,
  INGEST_FIXTURES,
  readTree,
  served,
  startScript,
  temporaryFolder,
  treeHash,
  verbatim,
  waitForFile,
  WEEK,
} from './helpers.ts';

const MIRROR = `/mirror/${WEEK}/`;
const committedStages = PAUSE_STAGES.slice(PAUSE_STAGES.indexOf(POINT_OF_NO_RETURN));
const isCommitted = (stage: PauseStage) => committedStages.includes(stage);
const fixtureDescriptor = readFileSync(join(INGEST_FIXTURES, 'data/datapackage.json'));

let source: FakeSource;
afterEach(() => source?.close());

const sourceArgs = () => ['--source', `${source.url}mirror/{start}/`, '--week', WEEK];

interface Stopped {
  code: number | null;
  stderr: string;
  summary: string;
  /** The data folder as it was while the run waited at the stage. */
  atPause: Record<string, Buffer>;
}

/** Runs the CLI until it waits at the stage, then sends the signal and waits for it to end. */
async function stopAt(
  stage: PauseStage,
  signal: NodeJS.Signals,
  data: string,
  extra: string[] = [],
) {
  const marker = join(temporaryFolder('dda-ingest-marker-'), 'paused');
  const summaryFile = join(temporaryFolder('dda-ingest-summary-'), 'summary.md');
  const run = startScript([...sourceArgs(), ...extra, '--data', data, '--summary', summaryFile], {
    INGEST_PAUSE_AT: stage,
    INGEST_PAUSE_FILE: marker,
  });
  await waitForFile(marker, run);
  expect(readFileSync(marker, 'utf8')).toBe(`${stage}\n`);
  const atPause = readTree(data);
  run.kill(signal);
  const { code } = await run.exited;
  return { code, stderr: run.stderr(), summary: readFileSync(summaryFile, 'utf8'), atPause };
}

/** The stop was told in one paragraph, the same in the log and in the summary file. */
function expectStopTold(stopped: Stopped, signal: NodeJS.Signals, sentence: string) {
  expect(stopped.code).toBe(128 + constants.signals[signal as keyof typeof constants.signals]);
  const told = stopped.stderr.trimEnd().split('\n').at(-1)!;
  expect(told).toContain(sentence);
  expect(stopped.summary).toBe(`**The ingest was stopped.**\n\n${verbatim(told)}\n`);
  expect(stopped.stderr).not.toMatch(/\n\s+at /);
}

/** The whole week, its descriptor matching it: the validator checks datapackage.json too. */
function expectWholeWeek(data: string) {
  expectIngested(data);
  expect(checkDataset(folderSource(data)).issues).toEqual([]);
}

describe('a new week, stopped at each stage', () => {
  const stages = PAUSE_STAGES.filter((stage) => stage !== 'old-week-moved-out');
  for (const stage of stages) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const expected = isCommitted(stage) ? 'completes the week' : 'leaves data/ as it was';
      it(`${signal} at "${stage}" ${expected}`, async () => {
        source = await startFakeSource(served(MIRROR, EXPECTED_WEEK));
        const data = fixtureData();
        const before = treeHash(data);
        const stopped = await stopAt(stage, signal, data);
        if (stage === 'week-moved-in') {
          // The moment the handler must not leave: the week in, its descriptor not yet.
          expect(Object.keys(stopped.atPause)).toContain(`reports/${WEEK}/report.json`);
          expect(stopped.atPause['datapackage.json']).toEqual(fixtureDescriptor);
        }
        if (isCommitted(stage)) {
          expectStopTold(stopped, signal, `stopped by ${signal} after its point of no return`);
          expectWholeWeek(data);
        } else {
          const staged = stage === 'fetched' ? '' : ` The staged week of ${WEEK} was removed.`;
          expectStopTold(
            stopped,
            signal,
            `The ingest was stopped by ${signal} before it changed anything: ${data} is as it was.${staged} Run it again`,
          );
          expect(treeHash(data)).toBe(before);
        }
        expectNoStaging(data);
      });
    }
  }
});

describe('a week replacing an unpublished one, stopped', () => {
  /** A repository with the fixture data committed and an other version of the week on top. */
  async function dataWithOtherWeek() {
    const repo = temporaryFolder('dda-ingest-git-');
    const data = join(repo, 'data');
    cpSync(join(INGEST_FIXTURES, 'data'), data, { recursive: true });
    await commitAll(repo);
    cpSync(EXPECTED_WEEK, join(data, 'reports', WEEK), { recursive: true });
    cpSync(join(INGEST_FIXTURES, 'expected/datapackage.json'), join(data, 'datapackage.json'));
    const file = join(data, 'reports', WEEK, 'jurisdictions.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^(ca-kern-county,.*),$/m, '$1,Older note'),
    );
    return data;
  }

  it('SIGTERM at "old-week-moved-out" completes the new week', async () => {
    source = await startFakeSource(served(MIRROR, EXPECTED_WEEK));
    const data = await dataWithOtherWeek();
    const stopped = await stopAt('old-week-moved-out', 'SIGTERM', data, ['--replace']);
    // The old week is out and the new one not in yet: the week is nowhere in data/.
    expect(Object.keys(stopped.atPause).some((path) => path.startsWith(`reports/${WEEK}/`))).toBe(
      false,
    );
    expectStopTold(stopped, 'SIGTERM', 'after its point of no return');
    expectWholeWeek(data);
    expectNoStaging(data);
  });

  it('SIGINT at "prepared" keeps the old week', async () => {
    source = await startFakeSource(served(MIRROR, EXPECTED_WEEK));
    const data = await dataWithOtherWeek();
    const before = treeHash(data);
    const stopped = await stopAt('prepared', 'SIGINT', data, ['--replace']);
    expectStopTold(stopped, 'SIGINT', 'before it changed anything');
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });
});

describe('a run killed outright (SIGKILL) is settled by the next run', () => {
  it('after the point of no return: the next run finishes the move first', async () => {
    source = await startFakeSource(served(MIRROR, EXPECTED_WEEK));
    const data = fixtureData();
    const stopped = await stopAt('week-moved-in', 'SIGKILL', data);
    expect(stopped.code).toBeNull();
    // No handler ran: the summary is the provisional one, and the week lacks its descriptor.
    expect(stopped.summary).toMatch(/^\*\*The ingest did not finish\.\*\*/);
    expect(readFileSync(join(data, 'datapackage.json'))).toEqual(fixtureDescriptor);
    expect(existsSync(stagingFolderFor(data))).toBe(true);

    const next = await ingestCli([...sourceArgs(), '--data', data]);
    expect(next.err).toContain(
      `An earlier ingest of the week of ${WEEK} was stopped after its point of no return: finished moving the week and its descriptor into ${data}.`,
    );
    expect(next.code).toBe(0);
    expect(next.out).toContain('with the same content; nothing changed');
    expectWholeWeek(data);
    expectNoStaging(data);
  });

  it('before it: the next run removes the staging folder, even when it fails itself', async () => {
    source = await startFakeSource(served(MIRROR, EXPECTED_WEEK));
    const data = fixtureData();
    const before = treeHash(data);
    await stopAt('validated', 'SIGKILL', data);
    expect(existsSync(stagingFolderFor(data))).toBe(true);

    const next = await ingestCli([
      '--source',
      `${source.url}mirror/{start}/`,
      '--week',
      '2017-02-11',
      '--data',
      data,
    ]);
    expect(next.err).toContain(
      `An earlier ingest of the week of ${WEEK} was stopped before it changed ${data}: removed its staging folder ${stagingFolderFor(data)}.`,
    );
    expect(next.code).toBe(1);
    expect(next.err).toContain('The source has no report for the week of 2017-02-11 yet');
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });
});

describe('two runs at once', () => {
  it('the second is refused while the first stages, and the first is not disturbed', async () => {
    source = await startFakeSource(served(MIRROR, EXPECTED_WEEK));
    const data = fixtureData();
    const before = treeHash(data);
    const marker = join(temporaryFolder('dda-ingest-marker-'), 'paused');
    const first = startScript([...sourceArgs(), '--data', data], {
      INGEST_PAUSE_AT: 'validated',
      INGEST_PAUSE_FILE: marker,
    });
    await waitForFile(marker, first);

    const second = await ingestCli([...sourceArgs(), '--data', data]);
    expect(second.code).toBe(1);
    expect(second.err).toBe(
      `Ingest failed: Another ingest (process ${first.pid}) is staging the week of ${WEEK} in ${stagingFolderFor(data)}. Wait for it to finish; if no ingest is running, remove that folder and run again.`,
    );
    expect(existsSync(stagingFolderFor(data))).toBe(true);

    first.kill('SIGTERM');
    expect((await first.exited).code).toBe(128 + constants.signals.SIGTERM);
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });

  it('INGEST_PAUSE_AT names a stage that does not exist: wrong usage', async () => {
    const data = fixtureData();
    const result = await ingestCli(['--source', 'https://example.org/{start}/', '--data', data], {
      INGEST_PAUSE_AT: 'moved',
    });
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `INGEST_PAUSE_AT must be one of ${PAUSE_STAGES.join(', ')}, got "moved"`,
    );
    expect(readTree(data)).toEqual(readTree(join(INGEST_FIXTURES, 'data')));
  });
});
