/**
 * `npm run ingest -- --format pdf` end to end, in-process on temporary copies of data folders:
 * report PDFs made in the test run (Chromium's print-to-PDF and pdf-lib / pdfkit) from a
 * DdorTruth over the gazetteer's places, and every file the ingest writes checked against
 * that truth; the refusals; discovery on a listing page served on 127.0.0.1; completing the
 * shipped partial week from its PDF; and the pull request body of a PDF week.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumDdor } from '../../scripts/lib/ddor-pdf/chromium.ts';
import { notDdorPdf, scannedPdf } from '../../scripts/lib/ddor-pdf/other-pdfs.ts';
import { pdfLibDdor } from '../../scripts/lib/ddor-pdf/pdf-lib.ts';
import { pdfKitDdor } from '../../scripts/lib/ddor-pdf/pdfkit.ts';
import type { Plan } from '../../scripts/lib/ddor-pdf/plan.ts';
import { printedSectionII, printedSectionIName } from '../../scripts/lib/ddor-pdf/truth.ts';
import type { DdorTruth } from '../../scripts/lib/ddor-pdf/truth.ts';
import { REPORT_FIGURES } from '../../src/lib/contract/schema.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startFakeSource } from './fake-source.ts';
import type { FakeSource } from './fake-source.ts';
import {
  commitAll,
  expectNoStaging,
  failureMessage,
  fixtureData,
  ingestCli,
  INGEST_FIXTURES,
  temporaryFolder,
  treeHash,
  verbatim,
  WEEK,
} from './helpers.ts';
import {
  declinedOnlyRows,
  declinedPerJurisdiction,
  expectedDeclined,
  expectedJurisdictions,
  expectedPolicies,
  gazetteerPlaces,
  idOf,
  layoutOf,
  pageCount,
  readCsv,
  readJson,
  runValidate,
  sectionIICounts,
  sha256,
  truthOver,
} from './pdf-fixtures.ts';
import type { GazetteerPlace } from './pdf-fixtures.ts';

/** The day the tests run the ingest on (ingestCli's default). */
const TODAY = '2017-04-01';
const FIXTURE_PLACES = gazetteerPlaces(join(INGEST_FIXTURES, 'data'));
const ICE_URL = (start: string, end: string) =>
  `https://www.ice.gov/doclib/ddor/ddor${start.slice(0, 4)}_${start.slice(5)}to${end.slice(5)}.pdf`;

interface Fixture {
  truth: DdorTruth;
  bytes: Uint8Array;
}

/** The two producers and layouts of the end-to-end fixtures, in the order they are made. */
const PRODUCERS = [
  'Chromium print-to-PDF, portrait, USPS codes, dates with and without leading zeros',
  'pdf-lib, landscape, full state names in capitals once per group, no leading zeros, a Total row',
] as const;

/** A PDF written to a temporary file, for `--source PATH`. */
function pdfFile(bytes: Uint8Array, name = 'report.pdf'): string {
  const path = join(temporaryFolder('dda-pdf-'), name);
  writeFileSync(path, bytes);
  return path;
}

const summaryPath = () => join(temporaryFolder('dda-ingest-summary-'), 'summary.md');

interface Run {
  code: number;
  out: string;
  err: string;
  summary: string;
}

/** `npm run ingest -- --format pdf --source FILE --source-url URL --data DIR --summary FILE …`. */
async function ingestPdf(
  data: string,
  bytes: Uint8Array | string,
  args: string[] = [],
  today = TODAY,
): Promise<Run> {
  const summaryFile = summaryPath();
  const source = typeof bytes === 'string' ? bytes : pdfFile(bytes);
  const result = await ingestCli(
    ['--format', 'pdf', '--source', source, '--data', data, '--summary', summaryFile, ...args],
    {},
    today,
  );
  return { ...result, summary: readFileSync(summaryFile, 'utf8') };
}

const weekFolder = (data: string, week: string) => join(data, 'reports', week);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The headline figures a report printed from `truth` must have in report.json. */
function expectedFigures(truth: DdorTruth, pages: number) {
  const { states, facilities } = sectionIICounts(truth);
  return {
    detainers_issued: truth.detainersIssued,
    declined_total: truth.sectionIIPrintedTotal,
    states_with_declines: states,
    facilities_with_declines: facilities,
    section_i_total: truth.sectionIPrintedTotal,
    section_iii_entries: truth.sectionIII.length,
    pages,
  };
}

describe('a report PDF becomes a validated week (--format pdf)', () => {
  let browser: Browser;
  const fixtures: Fixture[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const chromiumTruth = truthOver(FIXTURE_PLACES, {
      seed: 41,
      start: WEEK,
      sectionIIRows: 60,
      sectionIRows: 4,
      orientation: 'portrait',
      stateStyle: 'usps',
      leadingZeros: 'mixed',
    });
    fixtures.push({
      truth: chromiumTruth,
      bytes: await chromiumDdor(browser, chromiumTruth, { pageNumbers: true }),
    });
    const pdfLibTruth = truthOver(FIXTURE_PLACES, {
      seed: 42,
      start: WEEK,
      sectionIIRows: 70,
      sectionIRows: 5,
      orientation: 'landscape',
      stateStyle: 'upper-full',
      nameCase: 'upper',
      leadingZeros: 'never',
      groupRepeats: true,
      headingStyle: 'SECTION I -',
      sectionIITotal: 'total-row',
    });
    fixtures.push({ truth: pdfLibTruth, bytes: (await pdfLibDdor(pdfLibTruth)).bytes });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the fixtures are what the tests say they are', async () => {
    const [chromium, pdfLib] = fixtures as [Fixture, Fixture];
    for (const { truth, bytes } of fixtures) {
      const layout = await layoutOf(bytes, truth);
      // Section II runs over three pages or more, with its header repeated on each.
      expect(layout.headerPages).toBeGreaterThanOrEqual(3);
      expect(layout.longestCellOnOneLine).toBe(false);
      // A Franklin County in each of NY and PA, told apart only by the state.
      const ids = [...declinedPerJurisdiction(truth, FIXTURE_PLACES).keys()];
      expect(ids).toEqual(expect.arrayContaining(['ny-franklin-county', 'pa-franklin-county']));
    }
    expect(chromium.truth.style.orientation).toBe('portrait');
    expect(pdfLib.truth.style.orientation).toBe('landscape');
    // Dates as printed: with and without leading zeros in one, never in the other.
    const issued = (truth: DdorTruth) => printedSectionII(truth).map((cells) => cells[4]!);
    expect(issued(chromium.truth).some((date) => /^0\d\//.test(date))).toBe(true);
    expect(issued(chromium.truth).some((date) => /^[1-9]\//.test(date))).toBe(true);
    expect(issued(pdfLib.truth).some((date) => /(^|\/)0/.test(date))).toBe(false);
    expect(issued(pdfLib.truth).some((date) => /^[1-9]\//.test(date))).toBe(true);
    // Full state names in one, USPS codes in the other.
    expect(printedSectionII(pdfLib.truth)[0]![0]).toMatch(/^[A-Z]{3,}/);
    expect(printedSectionII(chromium.truth).every((cells) => /^[A-Z]{2}$/.test(cells[0]!))).toBe(
      true,
    );
  });

  it('a second run with the same PDF, a week later, changes nothing', async () => {
    const { truth, bytes } = fixtures[1]!;
    const data = fixtureData();
    const url = ICE_URL(truth.period.start, truth.period.end);
    expect((await ingestPdf(data, bytes, ['--source-url', url])).code).toBe(0);
    const before = treeHash(data);
    for (const today of [TODAY, '2017-04-08']) {
      const again = await ingestPdf(data, bytes, ['--source-url', url, '--week', WEEK], today);
      expect(again.err).not.toContain('failed');
      expect(again.code).toBe(0);
      expect(again.out).toContain('with the same content; nothing changed');
      expect(treeHash(data)).toBe(before);
    }
  });

  it('counts a jail of one name in two jurisdictions as two facilities', async () => {
    const truth = truthOver(FIXTURE_PLACES, { seed: 46, start: WEEK, sectionIIRows: 12 });
    const franklin = ['NY', 'PA'].map((state) =>
      FIXTURE_PLACES.find((p) => p.place.state === state && p.place.county === 'Franklin County')!,
    );
    franklin.forEach(({ place }, i) => {
      truth.sectionII[i] = { ...truth.sectionII[i]!, place, facility: 'Franklin County Jail' };
    });
    const { bytes } = await pdfLibDdor(truth);
    const data = fixtureData();
    const run = await ingestPdf(data, bytes, ['--source-url', ICE_URL(WEEK, '2017-02-10')]);
    expect(run.code, run.err).toBe(0);
    const { figures } = readJson<{ figures: Record<string, { value: number; note: string }> }>(
      join(weekFolder(data, WEEK), 'report.json'),
    );
    const byName = new Set(truth.sectionII.map((row) => row.facility.toLowerCase())).size;
    expect(figures['facilities_with_declines']!.value).toBe(sectionIICounts(truth).facilities);
    expect(figures['facilities_with_declines']!.value).toBeGreaterThan(byName);
    expect(figures['facilities_with_declines']!.note).toContain('once per jurisdiction');
  });

  it('a PDF that dates nothing is published on the day it was retrieved, and stays so', async () => {
    const truth = truthOver(FIXTURE_PLACES, { seed: 43, start: WEEK, runDate: null });
    // A creation date before the period ends is no publication date either.
    const { bytes } = await pdfLibDdor(truth, { created: new Date(Date.UTC(2017, 0, 2)) });
    const data = fixtureData();
    const url = ICE_URL(truth.period.start, truth.period.end);
    expect((await ingestPdf(data, bytes, ['--source-url', url])).code).toBe(0);
    const report = readJson<{ published: string; published_note: string }>(
      join(weekFolder(data, WEEK), 'report.json'),
    );
    expect(report.published).toBe(TODAY);
    expect(report.published_note).toContain('the day the archive retrieved it');
    const before = treeHash(data);
    const later = await ingestPdf(data, bytes, ['--source-url', url], '2017-04-08');
    expect(later.out).toContain('with the same content; nothing changed');
    expect(treeHash(data)).toBe(before);
  });

  for (const [index, producer] of PRODUCERS.entries()) {
    it(`writes every row, count and figure of the week: ${producer}`, async () => {
      const { truth, bytes } = fixtures[index]!;
      const data = fixtureData();
      const url = ICE_URL(truth.period.start, truth.period.end);
      const policiesBefore = readCsv(join(data, 'policies.csv'));
      const run = await ingestPdf(data, bytes, ['--source-url', url]);
      expect(run.err).not.toContain('failed');
      expect(run.code).toBe(0);
      expect(run.out).toContain(`The week of ${WEEK} was added`);
      expectNoStaging(data);

      const folder = weekFolder(data, WEEK);
      expect(readCsv(join(folder, 'declined.csv'))).toEqual(
        expectedDeclined(truth, FIXTURE_PLACES, url),
      );
      expect(readCsv(join(folder, 'jurisdictions.csv'))).toEqual(
        expectedJurisdictions(truth, FIXTURE_PLACES, url),
      );
      expect(Buffer.compare(readFileSync(join(folder, 'report.pdf')), bytes)).toBe(0);

      const report = readJson<{
        period_start: string;
        period_end: string;
        title: string;
        published: string;
        published_source: string;
        published_note: string | null;
        figures: Record<string, { value: number | null; source: string | null }>;
        coverage: string;
        coverage_note?: string | null;
        section_titles: Record<string, string>;
        caveats: { text: string; source: string }[];
        original: Record<string, unknown>;
      }>(join(folder, 'report.json'));
      expect([report.period_start, report.period_end]).toEqual([
        truth.period.start,
        truth.period.end,
      ]);
      expect(report.title).toBe(truth.titleLines.join(' '));
      const figures = expectedFigures(truth, await pageCount(bytes));
      expect(
        Object.fromEntries(Object.entries(report.figures).map(([name, f]) => [name, f.value])),
      ).toEqual(figures);
      for (const figure of Object.values(report.figures)) expect(figure.source).toBe(url);
      expect(report.section_titles).toEqual(truth.sectionTitles);
      expect(report.caveats).toEqual(truth.sectionIV.map((text) => ({ text, source: url })));
      expect(report.coverage).toBe('complete');
      expect(report.coverage_note ?? null).toBeNull();
      // No listing, so the run date the report prints is the publication date.
      expect(report.published).toBe(truth.runDate);
      expect(report.published_source).toBe(url);
      expect(report.published_note).toMatch(/run date/);
      expect(report.original).toEqual({
        file: 'report.pdf',
        sha256: sha256(bytes),
        bytes: bytes.length,
        retrieved: TODAY,
        url,
      });

      expect(policiesBefore).toEqual([]);
      expect(readCsv(join(data, 'policies.csv'))).toEqual(
        expectedPolicies(truth, FIXTURE_PLACES, url),
      );

      const validated = await runValidate(data);
      expect(validated.stderr).toBe('');
      expect(validated.code).toBe(0);
    });
  }
});

/** A Markdown table's body rows, as cells, from the line that starts with `header`. */
function markdownTable(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  expect(start, `a table headed "${header}" in:\n${markdown}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The "- item" lines after the line that starts with `intro`, up to the next blank line. */
function markdownList(markdown: string, intro: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(intro));
  expect(start, `a list after "${intro}" in:\n${markdown}`).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('- ')) break;
    items.push(line.slice(2));
  }
  return items;
}

/** "3,083" → 3083, "—" → null, "−175" → -175. */
const markdownNumber = (cell: string) =>
  cell === '—' || cell === '' ? null : Number(cell.replace(/,/g, '').replace('−', '-'));

/** The page a hand-placed plan prints a line of text on, after the run `after` (if given). */
function pageOfRun(plan: Plan, text: (line: string) => boolean, after = 0): number {
  const run = plan.runs.slice(after).find((r) => text(r.text));
  if (!run) throw new Error('no such line in the plan');
  return run.page;
}

/** The index of the run that starts Section III's heading (default heading style). */
function sectionIIIHeading(plan: Plan): number {
  const index = plan.runs.findIndex((r) => r.text.startsWith('Section III: '));
  expect(index).toBeGreaterThan(0);
  return index;
}

describe('the pull request body (summary) of a PDF week', () => {
  it('shows the figures beside the previous report, Section I, Section II per jurisdiction with pages, Section III news and the hash', async () => {
    const truth = truthOver(FIXTURE_PLACES, {
      seed: 43,
      start: WEEK,
      sectionIIRows: 50,
      sectionIRows: 5,
      sectionIIIRows: 4,
    });
    const { bytes, plan } = await pdfKitDdor(truth);
    const data = fixtureData();
    // policies.csv as an earlier report left it: the first place's policy as this report
    // prints it, the second's with another policy, and two places this report does not list.
    const listed = expectedPolicies(truth, FIXTURE_PLACES, 'https://example.org/p');
    const earlier = (row: Record<string, string>) => ({
      ...row,
      first_report: '2017-01-28',
      source: 'https://example.org/policies/earlier',
    });
    const dropped = FIXTURE_PLACES.slice(4, 6).map(({ id, place }) => ({
      jurisdiction: id,
      listed_as: `${place.county} (earlier)`,
      date_enacted: 'June 2014',
      policy: 'Sheriff’s memorandum',
      criteria: 'Judicial warrant required',
      first_report: '2017-01-28',
      source: 'https://example.org/policies/earlier',
      note: '',
    }));
    const seeded: Record<string, string>[] = [
      earlier(listed[0]!),
      earlier({ ...listed[1]!, policy: 'An earlier resolution' }),
      ...dropped,
    ];
    const header = Object.keys(seeded[0]!);
    appendFileSync(
      join(data, 'policies.csv'),
      `${Papa.unparse(
        { fields: header, data: seeded.map((row) => header.map((field) => row[field])) },
        { header: false, newline: '\n' },
      )}\n`,
    );
    const seededCheck = await runValidate(data);
    expect(seededCheck.stderr).toBe('');
    expect(seededCheck.code).toBe(0);

    const url = ICE_URL(truth.period.start, truth.period.end);
    const run = await ingestPdf(data, bytes, ['--source-url', url]);
    expect(run.err).not.toContain('failed');
    expect(run.code).toBe(0);
    const summary = run.summary;

    // Headline figures beside the previous report's.
    const previous = readJson<{ figures: Record<string, { value: number | null }> }>(
      join(INGEST_FIXTURES, 'data/reports/2017-01-28/report.json'),
    ).figures;
    const figures = expectedFigures(truth, plan.pageCount);
    const table = markdownTable(summary, '| Figure | This report | Previous report (');
    for (const { name, label } of REPORT_FIGURES) {
      const now = figures[name];
      const before = previous[name]!.value;
      const row = table.find((cells) => cells[0] === label);
      expect(row, label).toBeDefined();
      expect(row!.slice(1).map(markdownNumber)).toEqual([
        now,
        before,
        before === null ? null : now - before,
      ]);
    }

    // Section I as printed, what each name resolved to, and its page.
    const gazetteer = new Map(FIXTURE_PLACES.map((p) => [p.id, p.place]));
    expect(markdownTable(summary, '| Rank | As printed | Resolved to | Issued | Page |')).toEqual(
      truth.sectionI.map((row, i) => {
        const printed = printedSectionIName(row.place, truth.style);
        const place = gazetteer.get(idOf(FIXTURE_PLACES, row.place))!;
        return [
          String(i + 1),
          printed,
          `${place.county}, ${place.state}`,
          String(row.issued),
          String(pageOfRun(plan, (text) => text === printed)),
        ];
      }),
    );

    // Section II: rows per jurisdiction, most first, with the pages they are printed on.
    expect(summary).toContain(
      `${truth.sectionII.length} rows; the report prints a total of ${truth.sectionIIPrintedTotal}`,
    );
    const perJurisdiction = markdownTable(summary, '| Jurisdiction | Rows | Printed on |');
    const expectedPer = [...declinedPerJurisdiction(truth, FIXTURE_PLACES)].map(([id, rows]) => {
      const pages = [
        ...new Set(
          truth.sectionII.flatMap((row, i) =>
            idOf(FIXTURE_PLACES, row.place) === id ? [plan.sectionIIRowPages[i]!] : [],
          ),
        ),
      ];
      const place = gazetteer.get(id)!;
      return [
        `${place.county}, ${place.state}`,
        String(rows),
        pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.join(', ')}`,
      ];
    });
    const byName = (a: string[], b: string[]) => a[0]!.localeCompare(b[0]!);
    expect([...perJurisdiction].sort(byName)).toEqual([...expectedPer].sort(byName));
    const counts = perJurisdiction.map((cells) => Number(cells[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(plan.sectionIIRowPages).size).toBeGreaterThanOrEqual(3);

    // Section III: the entries new to policies.csv (with their pages) and those dropped.
    const headingRun = sectionIIIHeading(plan);
    const added = truth.sectionIII.slice(1);
    expect(
      markdownList(summary, `${truth.sectionIII.length} entries. New to policies.csv`),
    ).toEqual(
      added.map(
        (row) =>
          `${row.listedAs} (page ${pageOfRun(plan, (text) => row.listedAs.startsWith(text), headingRun)})`,
      ),
    );
    expect(summary).toContain(`New to policies.csv (${added.length}):`);
    expect(markdownList(summary, 'Listed by an earlier report and not by this one (')).toEqual(
      dropped.map((row) => `${row.listed_as} (first listed ${row.first_report})`),
    );
    expect(readCsv(join(data, 'policies.csv'))).toEqual([
      ...seeded,
      ...expectedPolicies(truth, FIXTURE_PLACES, url, added),
    ]);

    // The cross-checks the rows passed, each saying what it checked them against.
    const checks = markdownList(summary, '### Cross-checks passed (');
    const totalPage = pageOfRun(plan, (text) =>
      text.includes(`recorded ${truth.sectionIIPrintedTotal} declined`),
    );
    expect(checks).toContain(
      `Section II rows against the number of declined detainers the report prints: ${truth.sectionII.length} rows, as printed on page ${totalPage}`,
    );
    expect(summary).toContain(`### Cross-checks passed (${checks.length})`);
    expect(checks.map((check) => check.split(':')[0])).toEqual([
      'Section I rows against the total the report prints',
      'Section II rows against the number of declined detainers the report prints',
      'Section II dates',
    ]);

    // The PDF's identity, to check the week against it.
    expect(summary).toContain(
      `- SHA-256 \`${sha256(bytes)}\`, ${bytes.length} bytes, ${plan.pageCount} pages`,
    );
    // Markdown-escaped, as every text from the report is: "ddor2017\_02-04…".
    expect(summary).toContain(`- Address: ${url.replace(/_/g, '\\_')}\n`);
  });
});

describe('the ingest refuses a PDF it cannot read, and data/ stays byte-identical, when', () => {
  const base = () => truthOver(FIXTURE_PLACES, { seed: 44, start: WEEK, sectionIIRows: 40 });
  const url = ICE_URL(WEEK, '2017-02-10');

  /** Runs the ingest on the PDF; checks the exit code, the summary and the data; the message. */
  async function expectRefused(
    bytes: Uint8Array,
    args: string[] = ['--source-url', url],
  ): Promise<{ message: string; path: string }> {
    const data = fixtureData();
    const before = treeHash(data);
    const path = pdfFile(bytes);
    const run = await ingestPdf(data, path, args);
    expect(run.code).toBe(1);
    expect(run.err).not.toMatch(/\n\s+at /);
    const message = failureMessage(run.err);
    expect(run.summary).toBe(
      `**The ingest failed.** Nothing in \`${data}\` changed.\n\n${verbatim(message)}\n`,
    );
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
    return { message, path };
  }

  it('the PDF is encrypted with a user password', async () => {
    const { bytes } = await pdfKitDdor(base(), { userPassword: 'secret', ownerPassword: 'o' });
    const { message, path } = await expectRefused(bytes);
    expect(message).toMatch(
      new RegExp(`^${escapeRegExp(path)}: the PDF is encrypted; it needs a password to open`),
    );
    expect(message).toMatch(/Nothing was written\.$/);
  });

  it('the PDF is truncated, or corrupt', async () => {
    const { bytes } = await pdfLibDdor(base());
    const cut = await expectRefused(bytes.slice(0, Math.floor(bytes.length / 2)));
    expect(cut.message).toMatch(
      new RegExp(
        `^${escapeRegExp(cut.path)}: not a readable PDF: it ends without the "%%EOF" marker, so it is truncated`,
      ),
    );
    const body = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 251);
    const corrupt = new Uint8Array([
      ...new TextEncoder().encode('%PDF-1.7\n'),
      ...body,
      ...new TextEncoder().encode('\n%%EOF\n'),
    ]);
    const broken = await expectRefused(corrupt);
    expect(broken.message).toMatch(
      new RegExp(`^${escapeRegExp(broken.path)}: not a readable PDF: \\S`),
    );
  });

  it('the PDF is scanned, without a text layer: it needs OCR', async () => {
    const { message, path } = await expectRefused(await scannedPdf(2));
    expect(message).toBe(
      `${path}: page 1: this page has no text, only an image: the PDF looks scanned and needs OCR; it is not read by guessing. Nothing was written.`,
    );
  });

  it('the PDF is not a Declined Detainer Outcome Report', async () => {
    const { message, path } = await expectRefused(await notDdorPdf());
    expect(message).toBe(
      `${path}: page 1: this is not a Declined Detainer Outcome Report: no title 'Weekly Declined Detainer Outcome Report … For Recorded Declined Detainers <dates>' found. Nothing was written.`,
    );
  });

  it('the header of the Section II table cannot be found', async () => {
    const { bytes, plan } = await pdfLibDdor(base(), { omitSectionIIHeader: true });
    const { message, path } = await expectRefused(bytes);
    expect(message).toBe(
      `${path}: page ${plan.headingPages.II}: Section II starts here, but its table header (State, County, Facility, …) was not found. Nothing was written.`,
    );
  });

  it('the Section II rows disagree with the total the report prints', async () => {
    const truth = base();
    truth.sectionIIPrintedTotal = truth.sectionII.length + 1;
    const { bytes, plan } = await pdfLibDdor(truth);
    const page = pageOfRun(plan, (text) =>
      text.includes(`recorded ${truth.sectionIIPrintedTotal} declined`),
    );
    const { message, path } = await expectRefused(bytes);
    expect(message).toBe(
      `${path}: page ${page}: Section II lists ${truth.sectionII.length} declined detainers, but the report prints ${truth.sectionIIPrintedTotal}. Nothing was written.`,
    );
  });

  it('a PDF on this machine comes without --source-url', async () => {
    const { bytes } = await pdfLibDdor(base());
    const { message, path } = await expectRefused(bytes, []);
    expect(message).toBe(
      `${path} is a PDF on this machine; give the address ICE published it at with --source-url URL, as every value's source. Nothing was written.`,
    );
  });

  it('--week disagrees with the period the PDF reports', async () => {
    const truth = base();
    const { bytes } = await pdfLibDdor(truth);
    const { message, path } = await expectRefused(bytes, [
      '--source-url',
      url,
      '--week',
      '2017-02-11',
    ]);
    expect(message).toBe(
      `${path} is the report of the week of ${truth.period.start} to ${truth.period.end} (its title: "${truth.titleLines.join(' ')}"), not of the week asked for with --week (2017-02-11). Nothing was written.`,
    );
  });

  it('the report names a place the gazetteer lacks: every one is listed with its page and the us-atlas candidates', async () => {
    const unknown = { id: '', place: { state: 'IA', county: 'Montgomery County' } };
    const places = [FIXTURE_PLACES[0]!, unknown, ...FIXTURE_PLACES.slice(1)];
    const truth = truthOver(places, { seed: 45, start: WEEK, sectionIIRows: 40 });
    const { bytes, plan } = await pdfLibDdor(truth);
    const { message, path } = await expectRefused(bytes);
    const candidates = [
      '  Places with that name:',
      '    not in the gazetteer: Montgomery, IA (FIPS 19137, us-atlas)',
    ];
    const sectionI = printedSectionIName(unknown.place, truth.style);
    const problems = [
      [
        `page ${pageOfRun(plan, (text) => text === sectionI)} (Section I): "${sectionI}" is not in the gazetteer (data/jurisdictions.csv).`,
        ...candidates,
      ],
    ];
    const inII = truth.sectionII.findIndex((row) => row.place === unknown.place);
    if (inII >= 0) {
      problems.push([
        `page ${plan.sectionIIRowPages[inII]} (Section II): "Montgomery County" is not in the gazetteer (data/jurisdictions.csv).`,
        ...candidates,
      ]);
    }
    const listedAs = truth.sectionIII.find((row) =>
      row.listedAs.startsWith('Montgomery County, Iowa ('),
    );
    expect(listedAs).toBeDefined();
    const headingRun = sectionIIIHeading(plan);
    problems.push([
      `page ${pageOfRun(plan, (text) => listedAs!.listedAs.startsWith(text), headingRun)} (Section III): "Montgomery County, Iowa" is not in the gazetteer (data/jurisdictions.csv).`,
      ...candidates,
    ]);
    expect(message).toMatch(
      new RegExp(
        `^${escapeRegExp(path)} \\(the report of the week of ${WEEK}\\) names places this archive cannot resolve, so nothing was written \\(${problems.length}\\):\\n`,
      ),
    );
    for (const lines of problems) expect(message).toContain(lines.join('\n'));
  });
});

describe('discovery: --source is a page that links the reports, served on 127.0.0.1', () => {
  let source: FakeSource | undefined;
  afterEach(async () => {
    await source?.close();
    source = undefined;
  });

  const LISTING = '/ddor/listing.html';
  /** One list item per report, with the publication date printed beside its link. */
  const item = (href: string, period: string, published: string) =>
    `<li><a href="${href}">Declined Detainer Outcome Report, ${period}</a> (PDF) <span>Published ${published}</span></li>`;
  const page = (items: string[]) =>
    `<!DOCTYPE html><html lang="en"><head><title>Declined Detainer Outcome Report | ICE</title></head><body><main><h1>Declined Detainer Outcome Report</h1><ul>${items.join('\n')}</ul></main></body></html>`;

  let truth: DdorTruth;
  let bytes: Uint8Array;
  let other: Uint8Array;
  beforeAll(async () => {
    truth = truthOver(FIXTURE_PLACES, { seed: 46, start: WEEK, sectionIIRows: 40 });
    bytes = (await pdfLibDdor(truth)).bytes;
    other = (
      await pdfLibDdor(truthOver(FIXTURE_PLACES, { seed: 47, start: WEEK, sectionIIRows: 30 }))
    ).bytes;
  });

  /** Serves the PDFs; the listing is added once the address (for its absolute links) is known. */
  async function serveListing(
    files: Record<string, Uint8Array>,
    items: (base: string) => string[],
  ) {
    const served: Record<string, string | Uint8Array> = { ...files };
    source = await startFakeSource(served);
    served[LISTING] = page(items(source.url));
    return `${source.url}${LISTING.slice(1)}`;
  }

  it('fetches the first week after the latest in data/, published on the date the listing prints', async () => {
    const listing = await serveListing(
      {
        '/doclib/ddor/ddor2017_01-28to02-03.pdf': await notDdorPdf(),
        '/doclib/ddor/ddor2017_02-04to02-10.pdf': bytes,
        '/doclib/ddor/ddor2017_02-11to02-17.pdf': await notDdorPdf(),
      },
      (base) => [
        item(
          '../doclib/ddor/ddor2017_01-28to02-03.pdf',
          'Jan. 28 – Feb. 3, 2017',
          'March 20, 2017',
        ),
        item(
          `${base}doclib/ddor/ddor2017_02-04to02-10.pdf`,
          'Feb. 4 – Feb. 10, 2017',
          'March 29, 2017',
        ),
        item('/doclib/ddor/ddor2017_02-11to02-17.pdf', 'Feb. 11 – Feb. 17, 2017', 'April 6, 2017'),
      ],
    );
    const data = fixtureData();
    const run = await ingestPdf(data, listing);
    expect(run.err).not.toContain('failed');
    expect(run.code).toBe(0);
    expect(source!.requests).toEqual([LISTING, '/doclib/ddor/ddor2017_02-04to02-10.pdf']);
    const url = `${source!.url}doclib/ddor/ddor2017_02-04to02-10.pdf`;
    const folder = weekFolder(data, WEEK);
    const report = readJson<{
      published: string;
      published_source: string;
      published_note: string | null;
      original: { url: string; sha256: string };
      figures: Record<string, { source: string | null }>;
    }>(join(folder, 'report.json'));
    expect(report.published).toBe('2017-03-29');
    expect(report.published_source).toBe(listing);
    expect(report.published_note).toBeNull();
    expect(report.original.url).toBe(url);
    expect(report.original.sha256).toBe(sha256(bytes));
    expect(report.figures['detainers_issued']!.source).toBe(url);
    expect(readCsv(join(folder, 'declined.csv'))).toEqual(
      expectedDeclined(truth, FIXTURE_PLACES, url),
    );
    expect(readCsv(join(folder, 'jurisdictions.csv'))).toEqual(
      expectedJurisdictions(truth, FIXTURE_PLACES, url),
    );
    expect(run.summary).toContain(`(found on ${listing.replace(/_/g, '\\_')})`);
    expect((await runValidate(data)).code).toBe(0);
  });

  it('a listing without the next week: the run fails, saying the page links no report for it', async () => {
    const listing = await serveListing({}, () => [
      item('/doclib/ddor/ddor2017_01-28to02-03.pdf', 'Jan. 28 – Feb. 3, 2017', 'March 20, 2017'),
      item('ddor2017_02-11to02-17.pdf', 'Feb. 11 – Feb. 17, 2017', 'April 6, 2017'),
    ]);
    const data = fixtureData();
    const before = treeHash(data);
    const run = await ingestPdf(data, listing);
    expect(run.code).toBe(1);
    expect(failureMessage(run.err)).toBe(
      `The source has no report for the week of ${WEEK} yet: ${listing} (the page links 2 report PDFs, the latest for the week of 2017-02-11, none for the week of ${WEEK}). Check the week and the source address.`,
    );
    expect(run.summary).toContain(verbatim(failureMessage(run.err)));
    expect(source!.requests).toEqual([LISTING]);
    expect(treeHash(data)).toBe(before);
    expectNoStaging(data);
  });

  it('the week linked twice: the one the listing dates latest is used, and the summary names both', async () => {
    const listing = await serveListing(
      {
        '/doclib/ddor/ddor2017_02-04to02-10.pdf': bytes,
        '/mirror/ddor2017-02-04to02-10.pdf': other,
      },
      (base) => [
        item(
          '../doclib/ddor/ddor2017_02-04to02-10.pdf',
          'Feb. 4 – Feb. 10, 2017',
          'March 29, 2017',
        ),
        item(`${base}mirror/ddor2017-02-04to02-10.pdf`, 'Feb. 4 – Feb. 10, 2017', 'March 30, 2017'),
      ],
    );
    const data = fixtureData();
    const run = await ingestPdf(data, listing);
    expect(run.code).toBe(0);
    const first = `${source!.url}doclib/ddor/ddor2017_02-04to02-10.pdf`;
    const second = `${source!.url}mirror/ddor2017-02-04to02-10.pdf`;
    expect(source!.requests).toEqual([LISTING, '/mirror/ddor2017-02-04to02-10.pdf']);
    expect(Buffer.compare(readFileSync(join(weekFolder(data, WEEK), 'report.pdf')), other)).toBe(0);
    const text = 'Declined Detainer Outcome Report, Feb. 4 – Feb. 10, 2017';
    const account = `${listing} links 2 PDFs for the week of ${WEEK}: (1) ${first} ("${text}", dated 2017-03-29 on the listing); (2) ${second} ("${text}", dated 2017-03-30 on the listing). The ingest took (2) ${second}, as the listing dates it latest (2017-03-30).`;
    expect(run.err).toContain(account);
    const flagged = markdownList(run.summary, '### What the parser flagged (1)');
    expect(flagged).toEqual([`${account} Check that it is the right one.`.replace(/_/g, '\\_')]);
  });
});

describe('--complete: the shipped partial week of 2017-01-28 completed from its PDF', () => {
  const SHIPPED = join(INGEST_FIXTURES, '../../../data');
  const WEEK1 = '2017-01-28';
  const SHIPPED_WEEK = join(SHIPPED, 'reports', WEEK1);
  const URL1 = ICE_URL(WEEK1, '2017-02-03');
  /**
   * Four more counties, so that Section II's declines are in as many states (16) as the press
   * counted: a real PDF names places the gazetteer must have before the run.
   */
  const NEW_PLACES = [
    'ma-suffolk-county,Suffolk County,MA,county,25025,,Boston,',
    'nj-hudson-county,Hudson County,NJ,county,34017,,Newark,',
    'nm-bernalillo-county,Bernalillo County,NM,county,35001,,El Paso,',
    'va-arlington-county,Arlington County,VA,county,51013,,Washington,',
  ];

  /** A repository whose one commit holds a copy of the shipped data/, gazetteer extended. */
  async function shippedRepo(): Promise<string> {
    const repo = temporaryFolder('dda-complete-');
    const data = join(repo, 'data');
    cpSync(SHIPPED, data, { recursive: true });
    appendFileSync(join(data, 'jurisdictions.csv'), `${NEW_PLACES.join('\n')}\n`);
    await commitAll(repo);
    return data;
  }

  const shippedDeclined = readCsv(join(SHIPPED_WEEK, 'declined.csv'));
  const shippedJurisdictions = readCsv(join(SHIPPED_WEEK, 'jurisdictions.csv'));
  const shippedReport = readJson<{
    figures: Record<string, { value: number | null; source: string | null; note: string | null }>;
    coverage: string;
    coverage_note: string;
    caveats: { text: string; source: string }[];
    copies: { label: string; url: string }[];
    title: string;
    section_titles: Record<string, string>;
  }>(join(SHIPPED_WEEK, 'report.json'));
  const shippedCorrections = readCsv(join(SHIPPED, 'corrections.csv'));
  const shippedPolicies = readCsv(join(SHIPPED, 'policies.csv'));

  /** What the PDF prints in the cells the press left blank in the four shipped rows. */
  const FILLED: Record<string, Partial<Record<string, string>>> = {
    '2': { issued_date: '2016-11-30', declined_date: '2017-01-31' },
    '3': { facility: 'Travis County Correctional Complex', citizenship: 'Mexico' },
    '4': {
      facility: 'Santa Barbara County Main Jail',
      citizenship: 'Guatemala',
      issued_date: '2017-01-05',
      declined_date: '2017-01-29',
      criminal_activity: 'Forgery Conviction',
    },
  };

  /**
   * Section II: each jurisdiction's rows and jails. Where the archive has a count it is kept
   * (142 for Travis County, …); the others are the PDF's. 206 rows in all, 46 jails, 16 states.
   */
  const SECTION_II: [id: string, rows: number, jails: string[]][] = [
    [
      'tx-travis-county',
      142,
      [
        'Travis County Correctional Complex',
        'Travis County Jail',
        'Travis County Central Booking',
        'Travis County Sheriff’s Office Detention Annex',
      ],
    ],
    [
      'ca-los-angeles-county',
      5,
      [
        'Men’s Central Jail',
        'Twin Towers Correctional Facility',
        'Century Regional Detention Facility',
        'Los Angeles County Inmate Reception Center',
      ],
    ],
    ['tx-williamson-county', 4, ['Williamson County Jail']],
    [
      'ny-new-york-city',
      4,
      ['Rikers Island', 'Manhattan Detention Complex', 'Brooklyn Detention Complex'],
    ],
    ['tx-bastrop-county', 3, ['Bastrop County Jail']],
    ['ca-orange-county', 1, ['Anaheim City Jail']],
    ['ca-santa-barbara-county', 1, ['Santa Barbara County Main Jail']],
    ['ca-alameda-county', 4, ['Santa Rita Jail', 'Glenn E. Dyer Detention Facility']],
    [
      'or-multnomah-county',
      3,
      ['Multnomah County Detention Center', 'Multnomah County Inverness Jail'],
    ],
    ['or-marion-county', 2, ['Marion County Jail']],
    ['or-clackamas-county', 2, ['Clackamas County Jail']],
    ['fl-st-lucie-county', 2, ['St. Lucie County Jail']],
    ['pa-chester-county', 1, ['Chester County Prison']],
    ['nc-richmond-county', 1, ['Richmond County Jail']],
    [
      'wa-king-county',
      3,
      [
        'King County Correctional Facility',
        'Maleng Regional Justice Center',
        'King County Jail Annex',
      ],
    ],
    [
      'il-cook-county',
      3,
      ['Cook County Jail', 'Cook County Department of Corrections Division 10'],
    ],
    ['ia-montgomery-county', 1, ['Montgomery County Jail']],
    ['wa-snohomish-county', 2, ['Snohomish County Jail']],
    [
      'or-washington-county',
      3,
      ['Washington County Jail', 'Washington County Community Corrections Center'],
    ],
    ['ny-franklin-county', 1, ['Franklin County Jail']],
    ['pa-franklin-county', 1, ['Franklin County Prison']],
    ['az-maricopa-county', 3, ['Lower Buckeye Jail', '4th Avenue Jail']],
    ['co-boulder-county', 2, ['Boulder County Jail']],
    ['ma-suffolk-county', 3, ['Nashua Street Jail', 'Suffolk County House of Correction']],
    ['nj-hudson-county', 3, ['Hudson County Correctional Center', 'Hudson County Jail Annex']],
    [
      'nm-bernalillo-county',
      3,
      ['Metropolitan Detention Center', 'Bernalillo County Prisoner Transport Center'],
    ],
    [
      'va-arlington-county',
      3,
      ['Arlington County Detention Facility', 'Arlington County Magistrate Lockup'],
    ],
  ];
  const CITIZENSHIP = [
    'Mexico',
    'Guatemala',
    'Honduras',
    'El Salvador',
    'Ecuador',
    'Vietnam',
    'Nigeria',
  ];
  const ACTIVITY = [
    'Driving Under the Influence Charge',
    'Assault Conviction',
    'Possession of a Controlled Substance Charge; Failure to Appear on a Misdemeanor Warrant',
    'Burglary of a Habitation Charge',
    'Illegal Entry Conviction',
  ];
  const addDays = (iso: string, days: number) =>
    new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

  /** The report as ICE might have printed it, around what the archive transcribed. */
  function shippedWeekTruth(places: readonly GazetteerPlace[]): DdorTruth {
    const truth = truthOver(FIXTURE_PLACES, { seed: 48, start: WEEK1, sectionIIRows: 1 });
    const placeOf = (id: string) => places.find((p) => p.id === id)!.place;
    truth.detainersIssued = shippedReport.figures['detainers_issued']!.value!;
    truth.sectionI = shippedJurisdictions
      .filter((row) => row['issued_rank'])
      .sort((a, b) => Number(a['issued_rank']) - Number(b['issued_rank']))
      .map((row) => ({ place: placeOf(row['jurisdiction']!), issued: Number(row['issued']) }));
    truth.sectionIPrintedTotal = truth.sectionI.reduce((sum, row) => sum + row.issued, 0);
    truth.sectionII = SECTION_II.flatMap(([id, count, jails], j) => {
      const known = shippedDeclined.filter((row) => row['jurisdiction'] === id);
      const fromArchive = known.map((row) => {
        const cells = { ...row, ...FILLED[row['row']!] };
        return {
          place: placeOf(id),
          facility: cells['facility']!,
          citizenship: cells['citizenship']!,
          issued: cells['issued_date']!,
          declined: cells['declined_date']!,
          criminalActivity: cells['criminal_activity']!,
        };
      });
      const more = Array.from({ length: count - known.length }, (_, k) => {
        // KUT: all but three of Travis County's are dated Feb. 1, the policy's first day.
        const declined =
          id === 'tx-travis-county' && k >= 3 ? '2017-02-01' : addDays(WEEK1, (k + j) % 7);
        return {
          place: placeOf(id),
          facility: jails[k % jails.length]!,
          citizenship: CITIZENSHIP[(k + j) % CITIZENSHIP.length]!,
          issued: addDays(declined, -(k * 37 + 11)),
          declined,
          criminalActivity: ACTIVITY[(k * 3 + j) % ACTIVITY.length]!,
        };
      });
      return [...fromArchive, ...more];
    });
    // The report's order: by state, then county.
    const order = (row: DdorTruth['sectionII'][number]) => `${row.place.state} ${row.place.county}`;
    truth.sectionII.sort((a, b) => order(a).localeCompare(order(b)));
    truth.sectionIIPrintedTotal = truth.sectionII.length;
    const policy = (id: string) => shippedPolicies.find((row) => row['jurisdiction'] === id)!;
    const asShipped = (id: string) => ({
      listedAs: policy(id)['listed_as']!,
      dateEnacted: policy(id)['date_enacted']!,
      policy: policy(id)['policy']!,
      criteria: policy(id)['criteria']!,
    });
    truth.sectionIII = [
      asShipped('ny-ithaca'),
      asShipped('tx-travis-county'),
      asShipped('ia-iowa-city'),
      {
        ...asShipped('co-boulder-county'),
        policy: 'Boulder Municipal Code Title 12, Chapter 3, Sanctuary City Ordinance',
        criteria: 'Will not honor detainers without a judicial warrant',
      },
      {
        listedAs: 'King County, Washington (Seattle)',
        dateEnacted: 'November 2013',
        policy: 'King County Ordinance 17886',
        criteria: 'Will honor detainers for individuals convicted of homicide or a violent felony',
      },
      {
        listedAs: 'Cook County, Illinois (Chicago)',
        dateEnacted: 'September 2011',
        policy: 'Cook County Ordinance 11-O-73',
        criteria: 'Will not honor detainers unless accompanied by a judicial warrant',
      },
    ];
    return truth;
  }

  let places: GazetteerPlace[];
  let truth: DdorTruth;
  let pdf: { bytes: Uint8Array; plan: Plan };
  let withoutSectionIV: { bytes: Uint8Array; plan: Plan };
  beforeAll(async () => {
    places = [
      ...gazetteerPlaces(SHIPPED),
      ...NEW_PLACES.map((line) => {
        const [id, county, state] = line.split(',') as [string, string, string];
        return { id, place: { state, county } };
      }),
    ];
    truth = shippedWeekTruth(places);
    pdf = await pdfLibDdor(truth);
    withoutSectionIV = await pdfLibDdor(truth, { omitSectionIV: true });
  });

  it('the truth holds the shipped week: its ranks, counts, rows and all figures but one', () => {
    const figures = shippedReport.figures;
    expect(shippedReport.coverage).toBe('partial');
    expect(truth.sectionIPrintedTotal).toBe(figures['section_i_total']!.value);
    expect(truth.sectionIIPrintedTotal).toBe(figures['declined_total']!.value);
    const counts = sectionIICounts(truth);
    expect(counts.states).toBe(figures['states_with_declines']!.value);
    expect(counts.facilities).toBe(figures['facilities_with_declines']!.value);
    const per = declinedPerJurisdiction(truth, places);
    for (const row of shippedJurisdictions) {
      if (row['declined'])
        expect(per.get(row['jurisdiction']!) ?? 0, row['jurisdiction']).toBe(
          Number(row['declined']),
        );
    }
    // Each shipped row is in the PDF once, with every cell the archive knows.
    for (const row of shippedDeclined) {
      const cells = [
        'facility',
        'citizenship',
        'issued_date',
        'declined_date',
        'criminal_activity',
      ];
      const fields = ['facility', 'citizenship', 'issued', 'declined', 'criminalActivity'] as const;
      const same = truth.sectionII.filter(
        (pdfRow) =>
          idOf(places, pdfRow.place) === row['jurisdiction'] &&
          cells.every((cell, i) => !row[cell] || row[cell] === pdfRow[fields[i]!]),
      );
      expect(same, `shipped row ${row['row']}`).toHaveLength(1);
    }
    // The one figure that differs: the page count (35 per the press); no entry names it.
    expect(pdf.plan.pageCount).not.toBe(figures['pages']!.value);
    expect(shippedCorrections.some((row) => row['field']?.includes('pages'))).toBe(false);
  });

  const CELLS = ['facility', 'citizenship', 'issued_date', 'declined_date', 'criminal_activity'];
  /** The Section III cells a report prints. */
  const POLICY_CELLS = ['listed_as', 'date_enacted', 'policy', 'criteria'];
  /** The shipped row a PDF row is: same jurisdiction, and every cell the archive knows. */
  const shippedRowOf = (row: Record<string, string>) =>
    shippedDeclined.find(
      (known) =>
        known['jurisdiction'] === row['jurisdiction'] &&
        CELLS.every((cell) => !known[cell] || known[cell] === row[cell]),
    );

  /** declined.csv completed: the PDF's rows in its order; the shipped four keep their numbers. */
  function expectedCompletedDeclined(plan: Plan) {
    let next = Math.max(...shippedDeclined.map((row) => Number(row['row']))) + 1;
    return expectedDeclined(truth, places, URL1).map((row, i) => {
      const known = shippedRowOf(row);
      if (!known) return { ...row, row: String(next++) };
      const filled = CELLS.filter((cell) => !known[cell]);
      if (!filled.length) return known;
      const page = plan.sectionIIRowPages[i]!;
      return {
        ...row,
        row: known['row']!,
        source: URL1,
        note: `${known['note']} Completed from the report's PDF (page ${page}); first transcribed from ${known['source']}.`,
      };
    });
  }

  /** jurisdictions.csv completed: the shipped rows, blanks filled; then the PDF's new ones. */
  function expectedCompletedJurisdictions() {
    const per = declinedPerJurisdiction(truth, places);
    const shippedIds = new Set(shippedJurisdictions.map((row) => row['jurisdiction']));
    return [
      ...shippedJurisdictions.map((row) =>
        row['declined']
          ? row
          : { ...row, declined: String(per.get(row['jurisdiction']!) ?? 0), declined_source: URL1 },
      ),
      ...declinedOnlyRows(per, shippedIds, URL1),
    ];
  }

  /** The entries the run adds to corrections.csv, as the values they name. */
  const newEntries = (data: string) =>
    readCsv(join(data, 'corrections.csv'))
      .slice(shippedCorrections.length)
      .map((row) => ({
        date: row['date'],
        kind: row['kind'],
        report: row['report'],
        table: row['table'],
        jurisdiction: row['jurisdiction'],
        row: row['row'],
        field: row['field'],
        published_value: row['published_value'],
        stated_value: row['stated_value'],
        source: row['source'],
      }));
  const entry = (field: string, before: string, after: string) => ({
    date: TODAY,
    kind: 'transcription',
    report: WEEK1,
    table: 'report',
    jurisdiction: '',
    row: '',
    field,
    published_value: before,
    stated_value: after,
    source: URL1,
  });

  /**
   * The entries for the Section III cells the archive had cut off and the PDF prints whole:
   * published values changed, each with a transcription entry of its own.
   */
  const cutOffPolicyEntries = () => {
    const printed = (id: string) =>
      expectedPolicies(truth, places, URL1).find((row) => row['jurisdiction'] === id)!;
    return shippedPolicies
      .filter((row) => row['first_report'] === WEEK1)
      .flatMap((row) =>
        POLICY_CELLS.filter(
          (cell) => row[cell] && row[cell] !== printed(row['jurisdiction']!)[cell],
        ).map((cell) => ({
          ...entry(cell, row[cell]!, printed(row['jurisdiction']!)[cell]!),
          table: 'policies',
          jurisdiction: row['jurisdiction']!,
        })),
      );
  };

  const complete = (data: string, bytes: Uint8Array, today = TODAY) =>
    ingestPdf(data, bytes, ['--complete', '--week', WEEK1, '--source-url', URL1], today);

  it('adds every row and count the PDF has, the differing figure through a transcription entry, and the guard passes', async () => {
    const data = await shippedRepo();
    const { bytes, plan } = pdf;
    const run = await complete(data, bytes);
    expect(run.err).not.toContain('failed');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`The week of ${WEEK1} was completed from its PDF in`);
    expectNoStaging(data);
    const folder = weekFolder(data, WEEK1);

    const declined = expectedCompletedDeclined(plan);
    expect(readCsv(join(folder, 'declined.csv'))).toEqual(declined);
    expect(readCsv(join(folder, 'jurisdictions.csv'))).toEqual(expectedCompletedJurisdictions());
    expect(Buffer.compare(readFileSync(join(folder, 'report.pdf')), bytes)).toBe(0);

    // report.json: the shipped values, the page count the PDF's, what it lacked added.
    const shipped = readJson<Record<string, unknown>>(join(SHIPPED_WEEK, 'report.json'));
    const figures = shippedReport.figures;
    expect(readJson(join(folder, 'report.json'))).toEqual({
      ...shipped,
      figures: {
        ...figures,
        pages: { value: plan.pageCount, source: URL1, note: null },
        section_iii_entries: {
          value: truth.sectionIII.length,
          source: URL1,
          // What the archive said of the blank stays beside the counted figure.
          note: expect.stringMatching(
            new RegExp(
              `^Counted from the ${truth.sectionIII.length} rows of Section III.* Before the PDF was read: ${escapeRegExp(figures['section_iii_entries']!.note!)}$`,
            ),
          ),
        },
      },
      coverage: 'complete',
      coverage_note: null,
      copies: [...shippedReport.copies, { label: 'Report as published by ICE', url: URL1 }],
      caveats: [
        ...shippedReport.caveats,
        ...truth.sectionIV.map((text) => ({ text, source: URL1 })),
      ],
      original: {
        file: 'report.pdf',
        sha256: sha256(bytes),
        bytes: bytes.length,
        retrieved: TODAY,
        url: URL1,
      },
    });
    // The shipped corrections as they were; one transcription entry for the figure the PDF
    // changed, one for the coverage it completed.
    expect(readCsv(join(data, 'corrections.csv')).slice(0, shippedCorrections.length)).toEqual(
      shippedCorrections,
    );
    // policies.csv: the week's rows completed where the PDF has what they lack; Cook County new.
    const policies = readCsv(join(data, 'policies.csv'));
    const pdfRow = (id: string) =>
      expectedPolicies(truth, places, URL1).find((row) => row['jurisdiction'] === id)!;
    const policyEntries = cutOffPolicyEntries();
    expect(policyEntries.length).toBeGreaterThan(0);
    expect(newEntries(data)).toEqual([
      entry('figures.pages.value', String(figures['pages']!.value), String(plan.pageCount)),
      ...policyEntries,
      entry('coverage', 'partial', 'complete'),
    ]);

    const completedNote = (row: Record<string, string>) =>
      expect.stringMatching(
        new RegExp(
          `^Completed from the report's PDF \\(page \\d+\\); first transcribed from ${escapeRegExp(row['source']!)}\\.$`,
        ),
      );
    expect(policies).toEqual([
      ...shippedPolicies.map((row) =>
        ['co-boulder-county', 'wa-king-county'].includes(row['jurisdiction']!)
          ? { ...pdfRow(row['jurisdiction']!), note: completedNote(row) }
          : row,
      ),
      pdfRow('il-cook-county'),
    ]);

    const validated = await runValidate(data, 'HEAD');
    expect(validated.stderr).toBe('');
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('append-only against HEAD: ok');

    // The summary lists every added row and every changed value.
    expect(markdownList(run.summary, 'Changed, each with a transcription entry')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^figures\\.pages\\.value: "${figures['pages']!.value}" → "${plan.pageCount}" \\(the PDF; entry transcription-`,
        ),
      ),
      ...policyEntries.map((change) =>
        expect.stringContaining(
          `${change.field} of the Section III row for ${change.jurisdiction}: "${change.published_value}" → "${change.stated_value}" (the PDF (page `,
        ),
      ),
      expect.stringMatching(/^coverage: "partial" → "complete" \(the PDF; entry /),
    ]);
    const added = markdownList(run.summary, 'Added (');
    const expectedRows = readCsv(join(folder, 'declined.csv'));
    expectedRows.forEach((row, i) => {
      if (Number(row['row']) <= shippedDeclined.length) return;
      expect(added).toContain(
        `declined row ${row['row']} (page ${plan.sectionIIRowPages[i]}): ${row['jurisdiction']}, declined ${row['declined_date']}`,
      );
    });
    for (const row of shippedDeclined) {
      for (const cell of CELLS.filter((c) => !row[c])) {
        const i = declined.findIndex((d) => d['row'] === row['row']);
        expect(added).toContain(
          `declined row ${row['row']}, ${cell.replace(/_/g, '\\_')} (page ${plan.sectionIIRowPages[i]}): "${declined[i]![cell]}"`,
        );
      }
    }

    // A second identical run, the same day or a later one, changes nothing.
    const after = treeHash(data);
    for (const today of [TODAY, '2017-04-15']) {
      const again = await complete(data, bytes, today);
      expect(again.err).not.toContain('failed');
      expect(again.code).toBe(0);
      expect(again.out).toContain('with the same content; nothing changed');
      expect(treeHash(data)).toBe(after);
    }

    // Another PDF for the week that now keeps one is refused: a kept PDF never changes.
    const other = withoutSectionIV.bytes;
    const path = pdfFile(other);
    const refused = await ingestPdf(data, path, [
      '--complete',
      '--week',
      WEEK1,
      '--source-url',
      URL1,
    ]);
    expect(refused.code).toBe(1);
    expect(failureMessage(refused.err)).toBe(
      `The week of ${WEEK1} already keeps a PDF (SHA-256 ${sha256(bytes)}, ${bytes.length} bytes, from ${URL1}), and ${path} is another (SHA-256 ${sha256(other)}); a kept PDF never changes. If ICE published a second version, list it in the week's "copies". Nothing was written.`,
    );
    expect(treeHash(data)).toBe(after);
    expectNoStaging(data);
  });

  it('a PDF without Section IV completes the rest, but the coverage stays partial', async () => {
    const data = await shippedRepo();
    const { bytes, plan } = withoutSectionIV;
    expect(plan.headingPages.IV).toBe(0);
    const run = await complete(data, bytes);
    expect(run.err).not.toContain('failed');
    expect(run.code).toBe(0);
    const folder = weekFolder(data, WEEK1);
    expect(readCsv(join(folder, 'declined.csv'))).toEqual(expectedCompletedDeclined(plan));
    expect(readCsv(join(folder, 'jurisdictions.csv'))).toEqual(expectedCompletedJurisdictions());
    const report = readJson<typeof shippedReport>(join(folder, 'report.json'));
    expect(report.coverage).toBe('partial');
    expect(report.coverage_note).toBe(shippedReport.coverage_note);
    expect(report.caveats).toEqual(shippedReport.caveats);
    expect(report.figures['pages']!.value).toBe(plan.pageCount);
    expect(newEntries(data)).toEqual([
      entry(
        'figures.pages.value',
        String(shippedReport.figures['pages']!.value),
        String(plan.pageCount),
      ),
      ...cutOffPolicyEntries(),
    ]);
    expect(markdownList(run.summary, '### What the parser flagged (')).toContain(
      'The PDF has no Section IV that the parser could find.',
    );
    const validated = await runValidate(data, 'HEAD');
    expect(validated.stderr).toBe('');
    expect(validated.code).toBe(0);
  });
});
