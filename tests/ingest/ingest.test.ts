import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSource } from './fake-source.ts';
import type { FakeSource, Reply } from './fake-source.ts';
import {
  EXPECTED_WEEK,
  ICE_WEEK,
  INGEST_FIXTURES,
  WEEK,
  fixtureData,
  ingestCli,
  readTree,
  served,
  temporaryFolder,
  treeHash,
} from './helpers.ts';

const MIRROR = `/mirror/${WEEK}/`;
const ICE = `/ice/${WEEK}/`;
const expectedWeek = readTree(EXPECTED_WEEK);
const expectedDescriptor = readFileSync(join(INGEST_FIXTURES, 'expected/datapackage.json'));

let source: FakeSource;
afterEach(() => source?.close());

async function serve(faults: Record<string, Reply | Reply[]> = {}) {
  source = await startFakeSource(
    { ...served(MIRROR, EXPECTED_WEEK), ...served(ICE, ICE_WEEK) },
    faults,
  );
  return source;
}

const contract = () => ['--source', `${source.url}mirror/{start}/`, '--format', 'contract'];
const ice = () => ['--source', `${source.url}ice/{start}/`, '--format', 'ice'];

/** The data folder holds the fixture data plus exactly the expected week and descriptor. */
function expectIngested(data: string) {
  const tree = readTree(data);
  const fixture = readTree(join(INGEST_FIXTURES, 'data'));
  const weekFiles = Object.fromEntries(
    Object.entries(tree)
      .filter(([path]) => path.startsWith(`reports/${WEEK}/`))
      .map(([path, bytes]) => [path.slice(`reports/${WEEK}/`.length), bytes]),
  );
  expect(weekFiles).toEqual(expectedWeek);
  expect(tree['datapackage.json']).toEqual(expectedDescriptor);
  for (const [path, bytes] of Object.entries(fixture)) {
    if (path !== 'datapackage.json') expect(tree[path], path).toEqual(bytes);
  }
  expect(Object.keys(tree).length).toBe(
    Object.keys(fixture).length + Object.keys(expectedWeek).length,
  );
}

describe('npm run ingest against a fake report source', () => {
  it('mirrors a week in contract format byte for byte, and a second run changes nothing', async () => {
    await serve();
    const data = fixtureData();
    const folder = temporaryFolder();
    const summary = join(folder, 'summary.md');
    const githubOutput = join(folder, 'github-output');
    // No --week: the week after the latest report in the data folder.
    const first = await ingestCli([...contract(), '--data', data, '--summary', summary], {
      GITHUB_OUTPUT: githubOutput,
    });
    expect(first.err).not.toContain('failed');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`The week of ${WEEK} was added`);
    expectIngested(data);
    expect(readFileSync(githubOutput, 'utf8')).toBe(`week=${WEEK}\noutcome=added\nchanged=true\n`);

    const before = treeHash(data);
    const second = await ingestCli([...contract(), '--data', data, '--week', WEEK], {
      GITHUB_OUTPUT: githubOutput,
    });
    expect(second.code).toBe(0);
    expect(second.out).toContain('with the same content; nothing changed');
    expect(treeHash(data)).toBe(before);
    expect(readFileSync(githubOutput, 'utf8')).toContain(`outcome=unchanged\nchanged=false\n`);
  });

  it('converts ICE tables (ice format) into the same files, and a second run changes nothing', async () => {
    await serve();
    const data = fixtureData();
    const summaryFile = join(temporaryFolder(), 'summary.md');
    const first = await ingestCli([...ice(), '--data', data, '--summary', summaryFile]);
    expect(first.err).not.toContain('failed');
    expect(first.code).toBe(0);
    expectIngested(data);

    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toContain('## Report of Feb 4 – Feb 10, 2017 (week starting 2017-02-04)');
    expect(summary).toContain('| Detainers issued nationwide | 2,825 | 3,000 | −175 |');
    expect(summary).toContain('| Declined detainers recorded | 5 | 3 | +2 |');
    expect(summary).toContain('**New to the archive (2):** Kern County, CA; Williamson County, TX');
    expect(summary).toContain('**Anomalies:** none found.');

    const before = treeHash(data);
    const second = await ingestCli([...ice(), '--data', data, '--week', WEEK]);
    expect(second.code).toBe(0);
    expect(second.out).toContain('nothing changed');
    expect(treeHash(data)).toBe(before);
  });

  it('takes a 404 for declined.csv to mean the mirror has no Section II rows', async () => {
    await serve({ [`${MIRROR}declined.csv`]: { status: 404 } });
    const data = fixtureData();
    const result = await ingestCli([...contract(), '--data', data]);
    expect(result.code).toBe(0);
    expect(Object.keys(readTree(join(data, 'reports', WEEK))).sort()).toEqual([
      'jurisdictions.csv',
      'report.json',
    ]);
  });

  it('succeeds when a file answers 500 once and then 200', async () => {
    const path = `${MIRROR}jurisdictions.csv`;
    await serve({
      [path]: [{ status: 500 }, { status: 200, body: expectedWeek['jurisdictions.csv']! }],
    });
    const data = fixtureData();
    const result = await ingestCli([...contract(), '--data', data]);
    expect(result.code).toBe(0);
    expect(result.err).toContain(
      `${source.url.slice(0, -1)}${path}: HTTP 500 Internal Server Error; retrying in 0.01 s`,
    );
    expect(source.requests.filter((p) => p === path)).toHaveLength(2);
    expectIngested(data);
  });
});

describe('npm run ingest refuses, and leaves data/ byte-identical, when', () => {
  /** Runs the ingest and checks that it failed with the message and touched nothing. */
  async function expectRefused(
    argv: string[],
    message: string | RegExp,
    env: Record<string, string> = {},
    data = fixtureData(),
  ) {
    const before = treeHash(data);
    const result = await ingestCli([...argv, '--data', data], env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(treeHash(data)).toBe(before);
    return result;
  }

  it('the source has no report for the week (404), asked once', async () => {
    await serve();
    await expectRefused(
      [...contract(), '--week', '2017-02-11'],
      `Ingest failed: The source has no report for the week of 2017-02-11 yet: ${source.url}mirror/2017-02-11/report.json (HTTP 404 Not Found).`,
    );
    expect(source.requests).toEqual(['/mirror/2017-02-11/report.json']);
  });

  it("the mirror's folder for the week lacks a required file", async () => {
    await serve({ [`${MIRROR}jurisdictions.csv`]: { status: 404 } });
    await expectRefused(
      contract(),
      `${source.url}mirror/${WEEK}/jurisdictions.csv is missing (HTTP 404 Not Found), though report.json is there: the source's folder for the week is incomplete`,
    );
  });

  it('a file answers 5xx every time: it gives up after the bounded retries', async () => {
    await serve({ [`${MIRROR}report.json`]: { status: 503 } });
    await expectRefused(
      contract(),
      `could not fetch ${source.url}mirror/${WEEK}/report.json: HTTP 503 Service Unavailable (gave up after 3 attempts)`,
    );
    expect(source.requests).toHaveLength(3);
  });

  it('a response stalls past the timeout', async () => {
    await serve({ [`${MIRROR}jurisdictions.csv`]: { stall: 'jurisdiction,issued_rank' } });
    await expectRefused(
      contract(),
      'jurisdictions.csv: no complete response within 0.3 s (gave up after 2 attempts)',
      {
        INGEST_TIMEOUT_MS: '300',
        INGEST_RETRIES: '1',
      },
    );
  });

  it('a body is cut off before its declared length', async () => {
    await serve({
      [`${MIRROR}jurisdictions.csv`]: {
        truncate: 'jurisdiction,issued_rank\nca-kern',
        length: 5000,
      },
    });
    await expectRefused(
      contract(),
      /jurisdictions\.csv: the response was cut off before it was complete .*gave up after 3 attempts/,
    );
  });

  it('an HTML page comes instead of CSV', async () => {
    const page =
      '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    await serve({
      [`${MIRROR}jurisdictions.csv`]: {
        status: 200,
        body: page,
        headers: { 'content-type': 'text/html' },
      },
    });
    await expectRefused(
      contract(),
      'jurisdictions.csv is an HTML page ("502 Bad Gateway"), not CSV',
    );
  });

  it('a body is larger than the size limit', async () => {
    await serve({
      [`${MIRROR}declined.csv`]: {
        status: 200,
        body: 'x'.repeat(5000),
        headers: { 'content-length': '5000' },
      },
    });
    await expectRefused(
      contract(),
      'declined.csv is 5000 bytes, more than the limit of 4000 bytes (INGEST_MAX_BYTES)',
      {
        INGEST_MAX_BYTES: '4000',
      },
    );
  });

  it('a row is invalid: the validator says where', async () => {
    const csv = expectedWeek['jurisdictions.csv']!.toString().replace(
      'ca-kern-county,1,65',
      'ca-kern-county,1,-65',
    );
    await serve({ [`${MIRROR}jurisdictions.csv`]: { status: 200, body: csv } });
    await expectRefused(
      contract(),
      /does not pass validation, so nothing was written:\n.*\/reports\/2017-02-04\/jurisdictions\.csv:2:3: issued must not be negative, got "-65"/,
    );
  });

  it('an ICE name is not in the gazetteer: the us-atlas counties of that name are listed', async () => {
    const sectionI =
      '"County, State",Issued Detainers\n"Montgomery, IA",65\n"Clark, NV",54\n"Travis County, TX",23\n';
    await serve({ [`${ICE}section-i.csv`]: { status: 200, body: sectionI } });
    await expectRefused(
      ice(),
      'section-i.csv:2:1: "Montgomery, IA" is not in the gazetteer (data/jurisdictions.csv).\n  Places with that name:\n    not in the gazetteer: Montgomery, IA (FIPS 19137, us-atlas)',
    );
  });

  it('an ICE name is ambiguous: the candidates are listed with their states and FIPS codes', async () => {
    const sectionI =
      '"County, State",Issued Detainers\n"Kern County, CA",65\n"Clark, NV",54\nFranklin County,23\n';
    await serve({ [`${ICE}section-i.csv`]: { status: 200, body: sectionI } });
    await expectRefused(
      ice(),
      'section-i.csv:4:1: "Franklin County" is ambiguous; it could be:\n    ny-franklin-county: Franklin County, NY (FIPS 36033)\n    pa-franklin-county: Franklin County, PA (FIPS 42055)',
    );
  });

  it('the week exists with different content and --replace is not given', async () => {
    await serve();
    const data = fixtureData();
    expect((await ingestCli([...ice(), '--data', data])).code).toBe(0);
    const changed = expectedWeek['jurisdictions.csv']!.toString().replace(
      'ca-kern-county,1,65,',
      'ca-kern-county,1,66,',
    );
    await source.close();
    await serve({ [`${MIRROR}jurisdictions.csv`]: { status: 200, body: changed } });
    await expectRefused(
      [...contract(), '--week', WEEK],
      `The week of ${WEEK} is already in ${data}/reports/${WEEK}, with different content (jurisdictions.csv). Nothing was changed. To overwrite it, run again with --replace`,
      {},
      data,
    );
  });

  it('the data folder already has a problem: it is told apart from the new week', async () => {
    await serve();
    const data = fixtureData();
    appendFileSync(
      join(data, 'policies.csv'),
      'xx-nowhere,,,,,2017-01-28,https://example.org/policies/x,\n',
    );
    await expectRefused(
      contract(),
      `Nothing was written: ${data} does not pass validation as it is.\n${data} already had these problems (npm run validate):\n${data}/policies.csv:2:1: unknown jurisdiction id "xx-nowhere"`,
      {},
      data,
    );
  });

  it('the scheduled run finds no new week and the latest report is older than --stale-after', async () => {
    await serve();
    const data = fixtureData();
    const before = treeHash(data);
    const args = ['--source', `${source.url}none/{start}/`, '--data', data, '--stale-after', '8'];
    const stale = await ingestCli(args, {}, '2017-04-20');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain(
      'The latest report in the archive (week of 2017-01-28) was published on March 20, 2017, 31 days ago. That is more than 8 days without a new report',
    );
    const fresh = await ingestCli(args, {}, '2017-03-25');
    expect(fresh.code).toBe(0);
    expect(fresh.out).toContain(`The source has no report for the week of ${WEEK} yet`);
    expect(treeHash(data)).toBe(before);
  });
});

describe('replacing a published week (--replace) inside a git repository', () => {
  const run = promisify(execFile);
  const identity = ['-c', 'user.name=t', '-c', 'user.email=t@example.org'];

  /** A repository whose committed data holds the fixture data and the expected week. */
  async function publishedRepo() {
    const repo = temporaryFolder('dda-ingest-git-');
    const data = join(repo, 'data');
    cpSync(join(INGEST_FIXTURES, 'data'), data, { recursive: true });
    cpSync(EXPECTED_WEEK, join(data, 'reports', WEEK), { recursive: true });
    cpSync(join(INGEST_FIXTURES, 'expected/datapackage.json'), join(data, 'datapackage.json'));
    await run('git', ['init', '-q'], { cwd: repo });
    await run('git', [...identity, 'add', '.'], { cwd: repo });
    await run('git', [...identity, 'commit', '-qm', 'published'], { cwd: repo });
    return data;
  }

  const noted = () =>
    expectedWeek['jurisdictions.csv']!.toString().replace(
      /^(ca-kern-county,.*),$/m,
      '$1,Fixture transcription note',
    );

  it('needs a correction entry for every changed row, and then replaces the week', async () => {
    await serve({ [`${MIRROR}jurisdictions.csv`]: { status: 200, body: noted() } });
    const data = await publishedRepo();
    const before = treeHash(data);
    const refused = await ingestCli([...contract(), '--data', data, '--week', WEEK, '--replace']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `The week of ${WEEK} is published (at HEAD); replacing it changes published rows without a correction, so nothing was written:\n${data}/reports/${WEEK}/jurisdictions.csv:2:7: the row for ca-kern-county: note changed from "" to "Fixture transcription note"`,
    );
    expect(treeHash(data)).toBe(before);

    appendFileSync(
      join(data, 'corrections.csv'),
      'kern-note,2017-04-01,transcription,2017-02-04,jurisdictions,ca-kern-county,,note,,Fixture transcription note,Archive,Added the transcription note.,https://example.org/corrections/kern\n',
    );
    const replaced = await ingestCli([...contract(), '--data', data, '--week', WEEK, '--replace']);
    expect(replaced.err).not.toContain('failed');
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain(`The week of ${WEEK} was replaced in`);
    expect(readFileSync(join(data, 'reports', WEEK, 'jurisdictions.csv'), 'utf8')).toBe(noted());
  });

  it('--changes-since summarises what the working data adds to a revision', async () => {
    const data = await publishedRepo();
    writeFileSync(
      join(data, 'corrections.csv'),
      `${readFileSync(join(data, 'corrections.csv'), 'utf8')}kern-dispute,2017-04-01,dispute,2017-02-04,jurisdictions,ca-kern-county,,issued,65,60,Kern County Sheriff,The sheriff counts 60.,https://example.org/corrections/kern\n`,
    );
    const result = await ingestCli(['--changes-since', 'HEAD', '--data', data]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('## Data changes against HEAD');
    expect(result.out).toContain('- New reports: none');
    expect(result.out).toContain('- New corrections: `kern-dispute`');
  });
});

describe('scripts/ingest.ts', () => {
  const run = promisify(execFile);
  const script = resolve(import.meta.dirname, '../../scripts/ingest.ts');

  it('exits 1 with the message on a failure, and 2 on wrong usage', async () => {
    await serve();
    const data = fixtureData();
    const failed = await run(process.execPath, [
      script,
      ...contract(),
      '--week',
      '2017-02-11',
      '--data',
      data,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(
      'The source has no report for the week of 2017-02-11 yet',
    );
    const usage = await run(process.execPath, [script, '--format', 'pdf', '--source', 'x']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(usage).toMatchObject({ code: 2 });
    expect((usage as { stderr: string }).stderr).toContain(
      '--format must be one of contract, ice, got "pdf"',
    );
  });
});
