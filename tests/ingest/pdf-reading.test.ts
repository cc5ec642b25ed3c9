/**
 * How `npm run ingest -- --format pdf` reads a PDF, as a maintainer steers it: the limits on
 * what a PDF may make the reader do (INGEST_PDF_*), the pictures and text of --explain, and
 * layout templates given with --layout. Every refusal leaves the data folder byte-identical.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfLibDdor } from '../../scripts/lib/ddor-pdf/pdf-lib.ts';
import type { Plan } from '../../scripts/lib/ddor-pdf/plan.ts';
import { printedSectionII } from '../../scripts/lib/ddor-pdf/truth.ts';
import type { DdorTruth } from '../../scripts/lib/ddor-pdf/truth.ts';
import { DEFAULT_PDF_LIMITS, PDF_LIMIT_SETTINGS } from '../../src/lib/ingest/pdf/limits.ts';
import { EXPLAIN_SCALE, pictureName } from '../../src/lib/ingest/pdf/explain.ts';
import {
  expectNoStaging,
  failureMessage,
  fixtureData,
  ingestCli,
  INGEST_FIXTURES,
  temporaryFolder,
  treeHash,
  WEEK,
} from './helpers.ts';
import { gazetteerPlaces, truthOver } from './pdf-fixtures.ts';

const FIXTURE_PLACES = gazetteerPlaces(join(INGEST_FIXTURES, 'data'));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const URL = 'https://www.ice.gov/doclib/ddor/ddor2017_02-04to02-10.pdf';

function writeTemporary(content: Uint8Array | string, name: string): string {
  const path = join(temporaryFolder('dda-pdf-reading-'), name);
  writeFileSync(path, content);
  return path;
}

interface Run {
  code: number;
  err: string;
  data: string;
  /** The data folder's hash before the run. */
  before: string;
}

async function ingest(
  bytes: Uint8Array,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Run> {
  const data = fixtureData();
  const before = treeHash(data);
  const pdf = writeTemporary(bytes, 'report.pdf');
  const argv = ['--format', 'pdf', '--source', pdf, '--source-url', URL, '--data', data, ...args];
  const { code, err } = await ingestCli(argv, env);
  return { code, err, data, before };
}

/** The run failed with exit code `code`, the data folder untouched, no stack trace. */
function expectNothingWritten(run: Run, code = 1) {
  expect(run.code, run.err).toBe(code);
  expect(run.err).not.toMatch(/\n\s+at /);
  expect(treeHash(run.data)).toBe(run.before);
  expectNoStaging(run.data);
}

/** A one-page PDF whose content stream inflates to `bytes` bytes of spaces. */
async function decompressionBomb(bytes: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  const stream = PDFRawStream.of(
    pdf.context.obj({ Filter: 'FlateDecode' }),
    deflateSync(Buffer.alloc(bytes, ' '), { level: 9 }),
  );
  page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
  return pdf.save();
}

/** PNG width and height, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('what a PDF may make the reader do', () => {
  let report: { truth: DdorTruth; bytes: Uint8Array; plan: Plan };

  beforeAll(async () => {
    const truth = truthOver(FIXTURE_PLACES, { seed: 61, start: WEEK, sectionIIRows: 30 });
    report = { truth, ...(await pdfLibDdor(truth)) };
  });

  it('refuses a small file whose streams inflate past the default limit, before inflating them all', async () => {
    const limit = DEFAULT_PDF_LIMITS.maxDecodedBytes;
    const bomb = await decompressionBomb(limit + 1024 * 1024);
    expect(bomb.length).toBeLessThan(limit / 100);
    const run = await ingest(bomb);
    expectNothingWritten(run);
    expect(failureMessage(run.err)).toMatch(
      new RegExp(
        `: the PDF's compressed streams expand to at least ${limit + 1} bytes, more than the limit of ${limit} bytes of decoded streams \\(INGEST_PDF_MAX_DECODED_BYTES\\); a weekly report is far smaller, so this PDF is not read\\. Nothing was written\\.$`,
      ),
    );
  });

  it('takes each limit from its setting, and names the setting in the refusal', async () => {
    const settings = [
      [
        'maxPages',
        '2',
        `the PDF has ${report.plan.pageCount} pages, more than the limit of 2 pages`,
      ],
      [
        'maxGlyphs',
        '500',
        'page 1 brings the PDF to more than 500 glyphs, more than the limit of 500 glyphs',
      ],
      ['maxDecodedBytes', '1000', 'more than the limit of 1000 bytes of decoded streams'],
      ['timeoutMs', '1', 'reading the PDF took more than 1 ms'],
    ] as const;
    for (const [limit, value, says] of settings) {
      const { env } = PDF_LIMIT_SETTINGS[limit];
      const run = await ingest(report.bytes, [], { [env]: value });
      expectNothingWritten(run);
      const message = failureMessage(run.err);
      expect(message, env).toContain(says);
      expect(message, env).toContain(`(${env})`);
    }
  });

  it('a setting that is not a whole number stops the run before it starts', async () => {
    const run = await ingest(report.bytes, [], { INGEST_PDF_MAX_PAGES: 'ten' });
    expectNothingWritten(run, 2);
    expect(run.err).toContain('INGEST_PDF_MAX_PAGES must be a whole number above 0, got "ten"');
  });
});

describe('--explain: what the reader found, as pictures and text', () => {
  let truth: DdorTruth;
  let bytes: Uint8Array;
  let plan: Plan;

  beforeAll(async () => {
    truth = truthOver(FIXTURE_PLACES, { seed: 62, start: WEEK, sectionIIRows: 30 });
    ({ bytes, plan } = await pdfLibDdor(truth));
  });

  it('draws every page, at the scale it says, and lists every row it read', async () => {
    const dir = join(temporaryFolder('dda-explain-'), 'reading');
    const run = await ingest(bytes, ['--explain', dir]);
    expect(run.code, run.err).toBe(0);
    const pictures = Array.from({ length: plan.pageCount }, (_, i) => pictureName(i + 1));
    expect(readdirSync(dir).sort()).toEqual([...pictures, 'reading.txt'].sort());
    for (const name of pictures) {
      expect(pngSize(readFileSync(join(dir, name)))).toEqual({
        width: Math.round(plan.width * EXPLAIN_SCALE),
        height: Math.round(plan.height * EXPLAIN_SCALE),
      });
    }
    const text = readFileSync(join(dir, 'reading.txt'), 'utf8');
    expect(text).toMatch(/^Reading of .*report\.pdf\n\nRead: /);
    const rows = text.split('\n').filter((line) => line.startsWith('    Section II row: '));
    expect(rows.map((line) => line.slice('    Section II row: '.length))).toEqual(
      printedSectionII(truth).map((cells) => cells.filter(Boolean).join(' | ')),
    );
    // Each row is listed under the page the report prints it on.
    const pageOfRow = (index: number) => {
      const at = text.indexOf(rows[index]!);
      return Number([...text.slice(0, at).matchAll(/^Page (\d+) /gm)].at(-1)![1]);
    };
    expect(rows.map((_, i) => pageOfRow(i))).toEqual(plan.sectionIIRowPages);
  });

  it('a refusal names the picture of the page it is about, and the picture is there', async () => {
    const wrong = structuredClone(truth);
    wrong.sectionIIPrintedTotal = wrong.sectionII.length + 2;
    const refused = await pdfLibDdor(wrong);
    const dir = join(temporaryFolder('dda-explain-'), 'reading');
    const run = await ingest(refused.bytes, ['--explain', dir]);
    expectNothingWritten(run);
    const message = failureMessage(run.err);
    const page = Number(/: page (\d+): /.exec(message)![1]);
    const picture = join(dir, pictureName(page));
    expect(message).toMatch(
      new RegExp(
        `Nothing was written\\. The reading is explained in ${picture} \\(the page\\) and ${join(dir, 'reading.txt')}\\.$`,
      ),
    );
    expect(pngSize(readFileSync(picture)).width).toBe(
      Math.round(refused.plan.width * EXPLAIN_SCALE),
    );
    expect(readFileSync(join(dir, 'reading.txt'), 'utf8')).toContain(
      `Refused: page ${page}: Section II lists ${wrong.sectionII.length} declined detainers, but the report prints ${wrong.sectionIIPrintedTotal}`,
    );
  });
});

describe('--layout: a layout template', () => {
  let bytes: Uint8Array;

  beforeAll(async () => {
    const truth = truthOver(FIXTURE_PLACES, { seed: 63, start: WEEK, sectionIIRows: 30 });
    ({ bytes } = await pdfLibDdor(truth));
  });

  it('that is not JSON, or not a template, stops the run naming its line and column', async () => {
    // Each template, the text the error must point at (its first occurrence), and what it says.
    const cases = [
      ['{\n  "sections": {\n    "II": { "align": "top", }\n  }\n}\n', '}\n  }', 'not valid JSON'],
      [
        '{\n  "sections": {\n    "II": {\n      "columns": [120, 80]\n    }\n  }\n}\n',
        '[120',
        'boundaries must increase (sections.II.columns)',
      ],
      ['{\n  "sections": { "II": { "align": "centre" } }\n}\n', '"centre"', '(sections.II.align)'],
      ['{\n  "furniture": ["^Page", "("]\n}\n', '"("', 'not a regular expression (furniture.1)'],
      ['{\n  "description": "x",\n  "colums": []\n}\n', '"colums"', 'colums'],
    ] as const;
    for (const [text, at, says] of cases) {
      const before = text.slice(0, text.indexOf(at)).split('\n');
      const where = `${before.length}:${before.at(-1)!.length + 1}`;
      const template = writeTemporary(text, 'layout.json');
      const run = await ingest(bytes, ['--layout', template]);
      expectNothingWritten(run, 2);
      const message = run.err.split('\n')[0]!;
      expect(message, text).toMatch(new RegExp(`^${escapeRegExp(`${template}:${where}: `)}`));
      expect(message, text).toContain(says);
    }
  });

  it('is applied to the reading: its furniture patterns leave lines out', async () => {
    const plain = await ingest(bytes);
    expect(plain.code, plain.err).toBe(0);
    const template = writeTemporary(
      JSON.stringify({ furniture: ['^Jurisdiction \\(AOR\\)'] }),
      'layout.json',
    );
    const run = await ingest(bytes, ['--layout', template]);
    expectNothingWritten(run);
    expect(failureMessage(run.err)).toMatch(
      /Section III starts here, but its table header .* was not found/,
    );
  });
});
