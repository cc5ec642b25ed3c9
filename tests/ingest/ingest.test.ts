import { execFile } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfLibDdor } from '../../scripts/lib/ddor-pdf/pdf-lib.ts';
import type { Plan } from '../../scripts/lib/ddor-pdf/plan.ts';
import type { DdorTruth } from '../../scripts/lib/ddor-pdf/truth.ts';
import { formatDelta } from '../../src/lib/text/format.ts';
import { MAX_REDIRECTS } from '../../src/lib/ingest/fetch.ts';
import { startFakeSource } from './fake-source.ts';
import type { FakeSource, Reply } from './fake-source.ts';
import {
  commitAll,
  EXPECTED_WEEK,
  expectIngested,
  expectNoStaging,
  failureMessage,
  fixtureData,
  ingestCli,
  INGEST_FIXTURES,
  readTree,
  SCRIPT,
  served,
  temporaryFolder,
  treeHash,
  verbatim,
  WEEK,
} from './helpers.ts';
import {
  declinedPerJurisdiction,
  expectedJurisdictions,
  gazetteerPlaces,
  readCsv,
  truthOver,
} from './pdf-fixtures.ts';

const MIRROR = `/mirror/${WEEK}/`;
/** Where the fake source serves the week's report PDF, named as ICE named them. */
const ICE_PDF = '/ice/ddor2017_02-04to02-10.pdf';
const expectedWeek = readTree(EXPECTED_WEEK);
const expectedReport = JSON.parse(expectedWeek['report.json']!.toString()) as {
  coverage: string;
  figures: Record<string, { value: number | null }>;
};

let source: FakeSource;
afterEach(() => source?.close());

async function serve(
  faults: Record<string, Reply | Reply[]> = {},
  extra: Record<string, string | Uint8Array> = {},
) {
  source = await startFakeSource({ ...served(MIRROR, EXPECTED_WEEK), ...extra }, faults);
  return source;
}

const contract = () => ['--source', `${source.url}mirror/{start}/`, '--format', 'contract'];
const pdf = () => ['--source', `${source.url}${ICE_PDF.slice(1)}`, '--format', 'pdf'];

/** The fixture gazetteer's places (seven, two of them a Franklin County: NY and PA). */
const PLACES = gazetteerPlaces(join(INGEST_FIXTURES, 'data'));

/** A report PDF of the week over the fixture gazetteer's places, and the plan it was drawn from. */
async function reportPdf(
  seed: number,
  change: (truth: DdorTruth) => void = () => {},
): Promise<{ truth: DdorTruth; bytes: Uint8Array; plan: Plan }> {
  const truth = truthOver(PLACES, { seed, start: WEEK, sectionIIRows: 30, sectionIRows: 4 });
  change(truth);
  return { truth, ...(await pdfLibDdor(truth)) };
}

/** The page a plan prints a line on: the first line `matches` after the one `after` starts. */
function pageOf(plan: Plan, matches: (text: string) => boolean, after?: string): number {
  const from = after === undefined ? 0 : plan.runs.findIndex((r) => r.text.startsWith(after));
  return plan.runs.slice(from).find((r) => matches(r.text))!.page;
}

/** Where the fake source serves a file of the mirrored week. */
const mirrored = (name: string) => `${source.url}mirror/${WEEK}/${name}`;

const summaryPath = () => join(temporaryFolder('dda-ingest-summary-'), 'summary.md');

/** The week's report.json with its coverage made partial, as a mirror might serve it. */
const partialReport = (note: string) =>
  expectedWeek['report.json']!.toString().replace(
    '"coverage": "complete",',
    `"coverage": "partial",\n  "coverage_note": ${JSON.stringify(note)},`,
  );

/** A complete week without declines: the declined counts and figures are 0, Section II empty. */
function weekWithoutDeclines() {
  const report = JSON.parse(expectedWeek['report.json']!.toString()) as typeof expectedReport;
  for (const name of ['declined_total', 'states_with_declines', 'facilities_with_declines']) {
    report.figures[name]!.value = 0;
  }
  const jurisdictions = expectedWeek['jurisdictions.csv']!.toString()
    .split('\n')
    .filter((line) => !/^[a-z-]+,,,,/.test(line))
    .map((line) => line.replace(/^([a-z-]+,\d+,\d+,[^,]+),\d+,/, '$1,0,'))
    .join('\n');
  return { report: `${JSON.stringify(report, null, 2)}\n`, jurisdictions };
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
    expectNoStaging(data);
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

  it('converts a report PDF (pdf format) into the week, and a second run changes nothing', async () => {
    const { truth, bytes } = await reportPdf(31);
    await serve({}, { [ICE_PDF]: bytes });
    const data = fixtureData();
    const summaryFile = summaryPath();
    const first = await ingestCli([...pdf(), '--data', data, '--summary', summaryFile]);
    expect(first.err).not.toContain('failed');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`The week of ${WEEK} was added`);
    const url = `${source.url}${ICE_PDF.slice(1)}`;
    expect(readCsv(join(data, 'reports', WEEK, 'jurisdictions.csv'))).toEqual(
      expectedJurisdictions(truth, PLACES, url),
    );
    expect(readFileSync(join(data, 'reports', WEEK, 'report.pdf'))).toEqual(Buffer.from(bytes));
    expectNoStaging(data);

    const summary = readFileSync(summaryFile, 'utf8');
    const previous = JSON.parse(
      readFileSync(join(INGEST_FIXTURES, 'data/reports/2017-01-28/report.json'), 'utf8'),
    ) as typeof expectedReport;
    const figureRow = (label: string, now: number, before: number) =>
      `| ${label} | ${now.toLocaleString('en-US')} | ${before.toLocaleString('en-US')} | ${formatDelta(now - before)} |`;
    expect(summary).toContain('## Report of Feb 4 – Feb 10, 2017 (week starting 2017-02-04)');
    expect(summary).toContain(
      figureRow(
        'Detainers issued nationwide',
        truth.detainersIssued,
        previous.figures['detainers_issued']!.value!,
      ),
    );
    expect(summary).toContain(
      figureRow(
        'Declined detainers recorded',
        truth.sectionII.length,
        previous.figures['declined_total']!.value!,
      ),
    );
    // Named for the first time: the week's jurisdictions that the week before did not name.
    const before = new Set(
      readCsv(join(INGEST_FIXTURES, 'data/reports/2017-01-28/jurisdictions.csv')).map(
        (row) => row['jurisdiction'],
      ),
    );
    const names = new Map(PLACES.map((p) => [p.id, `${p.place.county}, ${p.place.state}`]));
    const newcomers = expectedJurisdictions(truth, PLACES, url)
      .map((row) => row['jurisdiction']!)
      .filter((id) => !before.has(id))
      .map((id) => names.get(id));
    expect(newcomers.length).toBeGreaterThan(0);
    expect(summary).toContain(
      `**New to the archive (${newcomers.length}):** ${newcomers.join('; ')}`,
    );
    expect(summary).toContain('### Section II rows per jurisdiction');
    expect(declinedPerJurisdiction(truth, PLACES).size).toBeGreaterThan(1);

    const beforeSecond = treeHash(data);
    const second = await ingestCli([...pdf(), '--data', data, '--week', WEEK]);
    expect(second.code).toBe(0);
    expect(second.out).toContain('nothing changed');
    expect(treeHash(data)).toBe(beforeSecond);
  });

  it('adds a partial week without declined.csv, and lists both gaps as anomalies', async () => {
    const note = 'Section II was not transcribed.';
    await serve({
      [`${MIRROR}declined.csv`]: { status: 404 },
      [`${MIRROR}report.json`]: { status: 200, body: partialReport(note) },
    });
    const data = fixtureData();
    const summaryFile = summaryPath();
    const result = await ingestCli([...contract(), '--data', data, '--summary', summaryFile]);
    expect(result.err).not.toContain('failed');
    expect(result.code).toBe(0);
    expect(Object.keys(readTree(join(data, 'reports', WEEK))).sort()).toEqual([
      'jurisdictions.csv',
      'report.json',
    ]);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toContain(`- Coverage is partial ("${note}"); check that the note says`);
    expect(summary).toContain(
      `- declined.csv is absent: jurisdictions.csv counts ${expectedReport.figures['declined_total']!.value} declined detainers, but their Section II rows`,
    );
    expect(summary).toContain('**Anomalies (3):**');
  });

  it('adds a complete week that records no declines without declined.csv, and says so', async () => {
    const { report, jurisdictions } = weekWithoutDeclines();
    await serve({
      [`${MIRROR}declined.csv`]: { status: 404 },
      [`${MIRROR}report.json`]: { status: 200, body: report },
      [`${MIRROR}jurisdictions.csv`]: { status: 200, body: jurisdictions },
    });
    const data = fixtureData();
    const summaryFile = summaryPath();
    const result = await ingestCli([...contract(), '--data', data, '--summary', summaryFile]);
    expect(result.err).not.toContain('failed');
    expect(result.code).toBe(0);
    expect(existsSync(join(data, 'reports', WEEK, 'declined.csv'))).toBe(false);
    expect(readFileSync(summaryFile, 'utf8')).toContain(
      "- declined.csv is absent: the week records no declined detainers, so it has no Section II rows; check that the report's Section II is empty",
    );
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

  it('retries a 429 after the wait the server asks for', async () => {
    const path = `${MIRROR}report.json`;
    await serve({
      [path]: [
        { status: 429, headers: { 'retry-after': '0' } },
        { status: 200, body: expectedWeek['report.json']! },
      ],
    });
    const data = fixtureData();
    const result = await ingestCli([...contract(), '--data', data]);
    expect(result.code).toBe(0);
    expect(result.err).toContain(
      `${mirrored('report.json')}: HTTP 429 Too Many Requests; retrying in 0.01 s`,
    );
    expect(source.requests.filter((p) => p === path)).toHaveLength(2);
    expectIngested(data);
  });

  it('follows a redirect to where the file is', async () => {
    await serve(
      { [`${MIRROR}report.json`]: { status: 301, headers: { location: '/moved/report.json' } } },
      { '/moved/report.json': expectedWeek['report.json']! },
    );
    const data = fixtureData();
    const result = await ingestCli([...contract(), '--data', data]);
    expect(result.code).toBe(0);
    expect(source.requests.slice(0, 2)).toEqual([`${MIRROR}report.json`, '/moved/report.json']);
    expectIngested(data);
  });
});

describe('npm run ingest refuses, writes the summary, and leaves data/ byte-identical, when', () => {
  /**
   * Runs the ingest and checks that it failed with the message, wrote the same message as the
   * summary, touched nothing and left no staging folder.
   */
  async function expectRefused(
    argv: string[],
    message: string | RegExp,
    env: Record<string, string> = {},
    data = fixtureData(),
    io: Parameters<typeof ingestCli>[3] = {},
  ) {
    const before = treeHash(data);
    const summaryFile = summaryPath();
    const result = await ingestCli(
      [...argv, '--data', data, '--summary', summaryFile],
      env,
      undefined,
      io,
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(summaryFile, 'utf8')).toMatch(
      /^\*\*The ingest failed\.\*\*( Nothing in `.*` changed\.)?\n\n/,
    );
    expect(readFileSync(summaryFile, 'utf8')).toContain(
      `\n\n${verbatim(failureMessage(result.err))}\n`,
    );
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
    return failureMessage(result.err);
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
      `${mirrored('jurisdictions.csv')} is missing (HTTP 404 Not Found), though report.json is there: the source's folder for the week is incomplete`,
    );
  });

  it('declined.csv answers 404 but report.json says coverage complete and jurisdictions.csv counts declines', async () => {
    await serve({ [`${MIRROR}declined.csv`]: { status: 404 } });
    const total = expectedReport.figures['declined_total']!.value;
    expect(expectedReport.coverage).toBe('complete');
    const counted = expectedWeek['jurisdictions.csv']!.toString()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .filter((cells) => Number(cells[4]) > 0)
      .map((cells) => `${cells[0]} ${cells[4]}`);
    const message = await expectRefused(contract(), 'but the rest of the week says it exists');
    expect(message).toBe(
      `${mirrored('declined.csv')} is missing (HTTP 404 Not Found), but the rest of the week says it exists: ${mirrored('report.json')} says coverage is "complete" with ${total} declined detainers (figures.declined_total); and ${mirrored('jurisdictions.csv')} gives ${total} declined detainers across ${counted.length} jurisdictions (${counted.join(', ')}). A complete week lists each declined detainer in declined.csv, so nothing was written. If the source lost the file, restore it there; if Section II was not transcribed, the week is partial: set "coverage": "partial" and a coverage_note in report.json.`,
    );
  });

  it('a file answers 5xx every time: it gives up after the bounded retries', async () => {
    await serve({ [`${MIRROR}report.json`]: { status: 503 } });
    await expectRefused(
      contract(),
      `could not fetch ${mirrored('report.json')}: HTTP 503 Service Unavailable (gave up after 3 attempts)`,
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

  it('a file redirects to itself (301): one request, not retried', async () => {
    await serve({
      [`${MIRROR}report.json`]: { status: 301, headers: { location: `${MIRROR}report.json` } },
    });
    const url = mirrored('report.json');
    const message = await expectRefused(contract(), 'redirects in a loop');
    expect(message).toBe(
      `${url} redirects in a loop (${url} → ${url}); not retried, as the answer will not change. The server's redirect is misconfigured: point the source at the address the files are served from.`,
    );
    expect(source.requests).toEqual([`${MIRROR}report.json`]);
  });

  it('two addresses redirect to each other: each asked once', async () => {
    await serve({
      [`${MIRROR}report.json`]: { status: 302, headers: { location: '/elsewhere/report.json' } },
      '/elsewhere/report.json': { status: 307, headers: { location: `${MIRROR}report.json` } },
    });
    const url = mirrored('report.json');
    const message = await expectRefused(contract(), 'redirects in a loop');
    expect(message).toContain(`(${url} → ${source.url}elsewhere/report.json → ${url})`);
    expect(source.requests).toEqual([`${MIRROR}report.json`, '/elsewhere/report.json']);
  });

  it(`a redirect chain is longer than ${MAX_REDIRECTS}`, async () => {
    const hops = Object.fromEntries(
      Array.from({ length: MAX_REDIRECTS + 1 }, (_, n) => [
        n === 0 ? `${MIRROR}report.json` : `/hop/${n}`,
        { status: 301, headers: { location: `/hop/${n + 1}` } },
      ]),
    );
    await serve(hops);
    await expectRefused(
      contract(),
      `${mirrored('report.json')} redirects more than ${MAX_REDIRECTS} times (`,
    );
    expect(source.requests).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('a redirect leads to an address that is not http(s)', async () => {
    await serve({
      [`${MIRROR}report.json`]: { status: 302, headers: { location: 'ftp://files.example.org/r' } },
    });
    await expectRefused(
      contract(),
      `${mirrored('report.json')} redirects to "ftp://files.example.org/r", which is not an http(s) address; not retried`,
    );
    expect(source.requests).toHaveLength(1);
  });

  for (const [status, text, expected] of [
    [403, 'Forbidden', 'Check the source address and whether the source needs access rights.'],
    [410, 'Gone', 'the source says the file was removed for good.'],
    [501, 'Not Implemented', 'Check the source address'],
  ] as const) {
    it(`a file answers ${status}: asked once, not retried`, async () => {
      await serve({ [`${MIRROR}report.json`]: { status } });
      const message = await expectRefused(
        contract(),
        `${mirrored('report.json')} answered HTTP ${status} ${text}`,
      );
      expect(message).toContain(expected);
      expect(message).toContain('not retried, as the answer will not change');
      expect(source.requests).toHaveLength(1);
    });
  }

  it('a 429 asks for a longer wait than the ingest waits', async () => {
    await serve({ [`${MIRROR}report.json`]: { status: 429, headers: { 'retry-after': '3600' } } });
    await expectRefused(
      contract(),
      `could not fetch ${mirrored('report.json')}: HTTP 429 Too Many Requests, and the server asks to wait 3600 s before asking again, longer than the ingest waits (60 s). Run the ingest again later.`,
    );
    expect(source.requests).toHaveLength(1);
  });

  it('the source address is malformed (a space in the host): nothing is fetched', async () => {
    await expectRefused(
      ['--source', 'https://mirror.exa mple.org/{start}/'],
      'Ingest failed: The source "https://mirror.exa mple.org/{start}/" is not a valid web address: check it for spaces, a missing host or stray characters (--source or REPORT_SOURCE_URL).',
    );
  });

  it('the source address has no host', async () => {
    await expectRefused(
      ['--source', 'http://:8080/reports/{start}/'],
      'is not a valid web address',
    );
  });

  for (const scheme of ['ftp', 'file', 'javascript']) {
    it(`the source address has the scheme ${scheme}:`, async () => {
      const address = `${scheme}://reports.example.org/{start}/`;
      await expectRefused(
        ['--source', address],
        `Ingest failed: The source "${address}" is an address of the scheme ${scheme}:, which the ingest cannot fetch. Give an http:// or https:// address, or a local folder as a plain path`,
      );
    });
  }

  it('the source, a local path, is a file instead of a folder', async () => {
    const file = join(temporaryFolder(), 'exports.zip');
    writeFileSync(file, 'not a folder');
    await expectRefused(
      ['--source', file],
      `Ingest failed: ${file} is a file, not a folder, so ${join(file, 'report.json')} cannot be read: the source must name the folder that holds a week's files (with {start} for the period start).`,
    );
  });

  it("the week's folder in a local source is a file", async () => {
    const exports = temporaryFolder();
    writeFileSync(join(exports, WEEK), 'a file where the folder should be');
    await expectRefused(
      ['--source', join(exports, '{start}')],
      `Ingest failed: ${join(exports, WEEK)} is a file, not a folder`,
    );
  });

  it('a file of a local source is a folder', async () => {
    const week = join(temporaryFolder(), WEEK);
    cpSync(EXPECTED_WEEK, week, { recursive: true });
    const folder = join(week, 'jurisdictions.csv');
    rmSync(folder);
    mkdirSync(folder);
    await expectRefused(
      ['--source', week],
      `Ingest failed: ${folder} is a folder, not a file: the source's folder for the week must hold it as a file.`,
    );
  });

  it.skipIf(process.getuid?.() === 0)(
    'a file of a local source cannot be read (mode 000)',
    async () => {
      const week = join(temporaryFolder(), WEEK);
      cpSync(EXPECTED_WEEK, week, { recursive: true });
      chmodSync(join(week, 'jurisdictions.csv'), 0);
      await expectRefused(
        ['--source', week],
        `Ingest failed: ${join(week, 'jurisdictions.csv')} cannot be read (EACCES: permission denied): give the ingest read access`,
      );
    },
  );

  // As root every mode can be read; a file whose read fails for root is /proc/self/mem (EIO).
  it.skipIf(!existsSync('/proc/self/mem'))('reading a file of a local source fails', async () => {
    const week = join(temporaryFolder(), WEEK);
    cpSync(EXPECTED_WEEK, week, { recursive: true });
    const file = join(week, 'declined.csv');
    rmSync(file);
    symlinkSync('/proc/self/mem', file);
    await expectRefused(
      ['--source', week],
      `Ingest failed: ${file} cannot be read (EIO): give the ingest read access to the source folder, or copy the files somewhere it can read.`,
    );
  });

  it('the data folder does not exist, or is a file', async () => {
    await serve();
    const parent = temporaryFolder();
    const file = join(parent, 'data.csv');
    writeFileSync(file, 'not a folder');
    for (const [data, what] of [
      [join(parent, 'data'), 'does not exist'],
      [file, 'is a file, not a folder'],
    ] as const) {
      const summaryFile = summaryPath();
      const result = await ingestCli([...contract(), '--data', data, '--summary', summaryFile]);
      expect(result.code).toBe(1);
      expect(result.err).toBe(
        `Ingest failed: The data folder ${data} ${what}: pass --data DIR (or set DATA_DIR) to the archive's data folder.`,
      );
      expect(readFileSync(summaryFile, 'utf8')).toContain(verbatim(failureMessage(result.err)));
    }
    expect(readTree(parent)).toEqual({ 'data.csv': Buffer.from('not a folder') });
    expect(source.requests).toEqual([]);
  });

  it('an error that is not an IngestError: named in one paragraph, no stack trace', async () => {
    const data = fixtureData();
    const message = await expectRefused(
      ['--source', 'https://mirror.example.org/{start}/'],
      'an unexpected error stopped the ingest',
      {},
      data,
      {
        fetch: async () => {
          throw new RangeError('an injected fault');
        },
      },
    );
    expect(message).toBe(
      `an unexpected error stopped the ingest (RangeError: an injected fault). Nothing in ${data} changed. This is a fault of the ingest itself, not of the source or the data: report it with the command that was run (INGEST_DEBUG=1 shows where it happened).`,
    );
  });

  it('an unexpected error after the week was moved in says so, not that nothing changed', async () => {
    await serve();
    const data = fixtureData();
    const githubOutput = temporaryFolder();
    const summaryFile = summaryPath();
    const result = await ingestCli([...contract(), '--data', data, '--summary', summaryFile], {
      GITHUB_OUTPUT: githubOutput,
    });
    expect(result.code).toBe(1);
    expect(failureMessage(result.err)).toBe(
      `an unexpected error stopped the ingest (Error EISDIR: EISDIR: illegal operation on a directory, open '${githubOutput}'). The week had already been moved into ${data} in full, with its descriptor. This is a fault of the ingest itself, not of the source or the data: report it with the command that was run (INGEST_DEBUG=1 shows where it happened).`,
    );
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      `**The ingest failed.**\n\n${verbatim(failureMessage(result.err))}\n`,
    );
    expectIngested(data);
    expectNoStaging(data);
  });

  it('INGEST_DEBUG=1 adds the stack of an unexpected error after its paragraph', async () => {
    const result = await ingestCli(
      ['--source', 'https://mirror.example.org/{start}/', '--data', fixtureData()],
      { INGEST_DEBUG: '1' },
      undefined,
      {
        fetch: async () => {
          throw new RangeError('an injected fault');
        },
      },
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'an unexpected error stopped the ingest (RangeError: an injected fault).',
    );
    expect(result.err).not.toContain('INGEST_DEBUG=1 shows where');
    expect(result.err).toMatch(/\nRangeError: an injected fault\n\s+at /);
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

  it('a name in the report is not in the gazetteer: the us-atlas counties of that name are listed', async () => {
    const montgomery = { state: 'IA', county: 'Montgomery County' };
    const { bytes, plan } = await reportPdf(32, (truth) => {
      truth.sectionI[0]!.place = montgomery;
    });
    await serve({}, { [ICE_PDF]: bytes });
    const page = pageOf(plan, (text) => text === 'Montgomery County, IA');
    await expectRefused(
      pdf(),
      `(the report of the week of ${WEEK}) names places this archive cannot resolve, so nothing was written (1):\npage ${page} (Section I): "Montgomery County, IA" is not in the gazetteer (data/jurisdictions.csv).\n  Places with that name:\n    not in the gazetteer: Montgomery, IA (FIPS 19137, us-atlas)\n`,
    );
  });

  it('a name in the report is ambiguous: the candidates are listed with their states and FIPS codes', async () => {
    const { bytes, plan } = await reportPdf(33, (t) => {
      t.sectionIII[1]!.listedAs = 'Franklin County (Philadelphia)';
    });
    await serve({}, { [ICE_PDF]: bytes });
    const page = pageOf(
      plan,
      (text) => 'Franklin County (Philadelphia)'.startsWith(text),
      'Section III: ',
    );
    await expectRefused(
      pdf(),
      `page ${page} (Section III): "Franklin County" is ambiguous; it could be:\n    ny-franklin-county: Franklin County, NY (FIPS 36033)\n    pa-franklin-county: Franklin County, PA (FIPS 42055)\n`,
    );
  });

  it('the week exists with different content and --replace is not given', async () => {
    const published = await reportPdf(34);
    await serve({}, { [ICE_PDF]: published.bytes });
    const data = fixtureData();
    // The address ICE published it at, the same whatever port the fake source listens on.
    const at = ['--source-url', `https://www.ice.gov${ICE_PDF}`];
    expect((await ingestCli([...pdf(), ...at, '--data', data])).code).toBe(0);
    // The same report with one Section I count printed otherwise.
    const { bytes } = await reportPdf(34, (truth) => {
      truth.sectionI[0]!.issued += 1;
      truth.sectionIPrintedTotal += 1;
    });
    await source.close();
    await serve({}, { [ICE_PDF]: bytes });
    await expectRefused(
      [...pdf(), ...at, '--week', WEEK],
      `The week of ${WEEK} is already in ${data}/reports/${WEEK}, with different content (jurisdictions.csv, report.json, report.pdf). Nothing was changed. To add what the PDF has and the week lacks, run again with --complete. To overwrite it, run again with --replace`,
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

describe('the summary file on failures before the ingest starts', () => {
  it('wrong usage: exit 2, the message as the summary', async () => {
    const data = fixtureData();
    const before = treeHash(data);
    const summaryFile = summaryPath();
    const result = await ingestCli(
      ['--source', 'https://mirror.example.org/{start}/', '--data', data, '--summary', summaryFile],
      { INGEST_RETRIES: 'many' },
    );
    expect(result.code).toBe(2);
    const message = 'INGEST_RETRIES must be a whole number, got "many"';
    expect(result.err).toContain(`${message}\n\nUsage:`);
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      `**The ingest did not start:** wrong usage.\n\n${verbatim(message)}\n`,
    );
    expect(treeHash(data)).toBe(before);
  });

  it('an unknown option still gets a summary, read from the arguments leniently', async () => {
    const summaryFile = summaryPath();
    const result = await ingestCli(['--sauce', 'x', `--summary=${summaryFile}`]);
    expect(result.code).toBe(2);
    expect(readFileSync(summaryFile, 'utf8')).toMatch(
      /^\*\*The ingest did not start:\*\* wrong usage\.\n\n {4}Unknown option '--sauce'/,
    );
  });

  it('the summary file cannot be written: nothing is fetched, exit 1', async () => {
    await serve();
    const data = fixtureData();
    const before = treeHash(data);
    const summaryFile = join(temporaryFolder(), 'no-such-folder', 'summary.md');
    const result = await ingestCli([...contract(), '--data', data, '--summary', summaryFile]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `Could not write the summary to ${summaryFile} (ENOENT): give --summary a path in a folder that exists and can be written.`,
    );
    expect(source.requests).toEqual([]);
    expect(treeHash(data)).toBe(before);
  });
});

describe('replacing a published week (--replace) inside a git repository', () => {
  /** A repository whose committed data holds the fixture data and the expected week. */
  async function publishedRepo() {
    const repo = temporaryFolder('dda-ingest-git-');
    const data = join(repo, 'data');
    cpSync(join(INGEST_FIXTURES, 'data'), data, { recursive: true });
    cpSync(EXPECTED_WEEK, join(data, 'reports', WEEK), { recursive: true });
    cpSync(join(INGEST_FIXTURES, 'expected/datapackage.json'), join(data, 'datapackage.json'));
    await commitAll(repo);
    return data;
  }

  const CORRECTED_SOURCE = 'https://example.org/ice/ddor2017-02-04to02-10-corrected.pdf';
  const kernRow = /^ca-kern-county,1,65,([^,]+),/m;
  const publishedSource = kernRow.exec(expectedWeek['jurisdictions.csv']!.toString())![1]!;
  /** The week with Kern County's published issued_source changed: a transcription fix. */
  const fixed = () =>
    expectedWeek['jurisdictions.csv']!.toString().replace(
      kernRow,
      `ca-kern-county,1,65,${CORRECTED_SOURCE},`,
    );

  it('needs a correction entry for every changed row, and then replaces the week', async () => {
    await serve({ [`${MIRROR}jurisdictions.csv`]: { status: 200, body: fixed() } });
    const data = await publishedRepo();
    const before = treeHash(data);
    const refused = await ingestCli([...contract(), '--data', data, '--week', WEEK, '--replace']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `The week of ${WEEK} is published (at HEAD); replacing it changes published rows without a correction, so nothing was written:\n${data}/reports/${WEEK}/jurisdictions.csv:2:4: `,
    );
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);

    appendFileSync(
      join(data, 'corrections.csv'),
      `kern-source,2017-04-01,transcription,2017-02-04,jurisdictions,ca-kern-county,,issued_source,${publishedSource},${CORRECTED_SOURCE},Archive,Fixed the source link.,https://example.org/corrections/kern\n`,
    );
    const replaced = await ingestCli([...contract(), '--data', data, '--week', WEEK, '--replace']);
    expect(replaced.err).not.toContain('failed');
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain(`The week of ${WEEK} was replaced in`);
    expect(readFileSync(join(data, 'reports', WEEK, 'jurisdictions.csv'), 'utf8')).toBe(fixed());
    expectNoStaging(data);
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

  it('--changes-since with a revision that does not exist fails with a summary', async () => {
    const data = await publishedRepo();
    const summaryFile = summaryPath();
    const result = await ingestCli([
      '--changes-since',
      'no-such-ref',
      '--data',
      data,
      '--summary',
      summaryFile,
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Cannot read .* at git revision "no-such-ref": /);
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      `**The data diff failed.**\n\n${verbatim(result.err)}\n`,
    );
  });
});

describe('scripts/ingest.ts', () => {
  const run = promisify(execFile);
  type Failed = { code: number; stdout: string; stderr: string };
  const runScript = (args: string[]) =>
    run(process.execPath, [SCRIPT, ...args]).catch((error: Failed) => error);

  it('exits 1 with the message on a failure, and 2 on wrong usage', async () => {
    await serve();
    const data = fixtureData();
    const failed = await runScript([...contract(), '--week', '2017-02-11', '--data', data]);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as Failed).stderr).toContain(
      'The source has no report for the week of 2017-02-11 yet',
    );
    const usage = await runScript(['--format', 'ice', '--source', 'x']);
    expect(usage).toMatchObject({ code: 2 });
    expect((usage as Failed).stderr).toContain('--format must be one of contract, pdf, got "ice"');
  });

  it('a malformed address and a folder where a file should be: one paragraph and a summary, no stack trace', async () => {
    const data = fixtureData();
    const before = treeHash(data);
    const week = join(temporaryFolder(), WEEK);
    mkdirSync(join(week, 'report.json'), { recursive: true });
    for (const [sourceArg, message] of [
      ['http://[::1/{start}/', 'is not a valid web address'],
      [week, `${join(week, 'report.json')} is a folder, not a file`],
    ]) {
      const summaryFile = summaryPath();
      const result = (await runScript([
        '--source',
        sourceArg!,
        '--data',
        data,
        '--summary',
        summaryFile,
      ])) as Failed;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at |node:internal/);
      expect(readFileSync(summaryFile, 'utf8')).toContain(
        verbatim(failureMessage(result.stderr).trimEnd()),
      );
    }
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });
});
