import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it, onTestFinished } from 'vitest';
import { checkDataset } from '../../src/lib/contract/load.ts';
import {
  correctionsTable,
  declinedTable,
  gazetteerTable,
  policiesTable,
  reportJurisdictionsTable,
} from '../../src/lib/contract/schema.ts';
import type { TableSpec } from '../../src/lib/contract/schema.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import { readDataCsv, ROOT } from '../helpers/site.ts';

const HOSTILE_DATA = join(ROOT, 'tests/fixtures/hostile/data');
const WEEK = 'reports/2020-01-04';
const TABLES: [path: string, table: TableSpec][] = [
  ['jurisdictions.csv', gazetteerTable],
  ['policies.csv', policiesTable],
  ['corrections.csv', correctionsTable],
  [`${WEEK}/jurisdictions.csv`, reportJurisdictionsTable],
  [`${WEEK}/declined.csv`, declinedTable],
];

const readReport = (dir: string) =>
  JSON.parse(readFileSync(join(dir, WEEK, 'report.json'), 'utf8')) as Record<string, unknown>;

/** Every string in a JSON value with its path, e.g. `caveats.1.text`. */
function strings(value: unknown, path = ''): [path: string, text: string][] {
  if (typeof value === 'string') return [[path, value]];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    strings(inner, path ? `${path}.${key}` : key),
  );
}

/** Something in a text that would act if an output did not escape or neutralise it. */
const PAYLOAD =
  // eslint-disable-next-line no-control-regex -- control characters are among the payloads
  /<script>|<\/script>|<img src=x onerror=|\]\]>|javascript:|=HYPERLINK\(|^[=+\-@]|\u202E|&lt;|onmouseover=|[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/i;

describe('the hostile fixture', () => {
  it('is valid data: the contract allows every payload it carries', () => {
    expect(checkDataset(folderSource(HOSTILE_DATA)).issues).toEqual([]);
  });

  it('carries a payload in every text field of every table and of report.json', () => {
    for (const [path, table] of TABLES) {
      const { data } = readDataCsv(HOSTILE_DATA, path);
      for (const field of table.fields) {
        if (field.type !== 'string' && field.type !== 'list') continue;
        // A correction's field names a column, which the validator checks: it cannot be hostile.
        if (table === correctionsTable && field.name === 'field') continue;
        const values = data.map((row) => row[field.name] ?? '');
        expect(
          values.some((value) => PAYLOAD.test(value)),
          `${path} ${field.name}`,
        ).toBe(true);
      }
    }
    const texts = strings(readReport(HOSTILE_DATA)).filter(
      ([path]) =>
        !/(^|\.)(url|source|published_source|period_start|period_end|published|coverage)$/.test(
          path,
        ),
    );
    expect(texts.length).toBeGreaterThan(10);
    for (const [path, text] of texts) expect(PAYLOAD.test(text), path).toBe(true);
  });

  it('holds each kind of payload somewhere, a 10 KB text, and sources only on https', () => {
    const csvText = TABLES.map(([path]) => readFileSync(join(HOSTILE_DATA, path), 'utf8'));
    const reportTexts = strings(readReport(HOSTILE_DATA)).map(([, text]) => text);
    const everything = [...csvText, ...reportTexts].join('\n');
    for (const payload of [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      'javascript:alert(1)',
      ']]>',
      '</script>',
      '</Script>',
      '=HYPERLINK(',
      '\u202E',
      '\uFFFE',
    ]) {
      expect(everything, JSON.stringify(payload)).toContain(payload);
    }
    const cells = TABLES.flatMap(([path]) =>
      readDataCsv(HOSTILE_DATA, path).data.flatMap(Object.values),
    );
    for (const lead of ['=', '+', '-', '@']) {
      expect(
        cells.some((cell) => cell.startsWith(lead) && !/^[+-]?\d+$/.test(cell)),
        lead,
      ).toBe(true);
    }
    expect(Math.max(...reportTexts.map((text) => text.length))).toBeGreaterThanOrEqual(10_240);
    // Names cannot be 10 KB (the contract refuses that, below); the longest is as long as allowed.
    const names = readDataCsv(HOSTILE_DATA, 'jurisdictions.csv').data.map((row) => row['name']!);
    const limit = gazetteerTable.fields.find((field) => field.name === 'name')!.maxLength;
    expect(Math.max(...names.map((name) => name.length))).toBe(limit);
  });
});

/** A copy of the hostile fixture with one change, and the problems the validator finds in it. */
function issuesWith(
  file: string,
  change: (dir: string) => string,
): ReturnType<typeof checkDataset>['issues'] {
  const dir = mkdtempSync(join(tmpdir(), 'dda-hostile-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(HOSTILE_DATA, dir, { recursive: true });
  writeFileSync(join(dir, file), change(dir));
  return checkDataset(folderSource(dir)).issues;
}

/** The file with one CSV cell replaced (the first record is line 2). */
const setCell = (file: string, row: number, column: string, value: string) => (dir: string) => {
  const { data, meta } = readDataCsv(dir, file);
  data[row]![column] = value;
  return `${Papa.unparse(data, { columns: meta.fields, newline: '\n' })}\n`;
};

/** report.json with one value replaced. */
const setReport = (change: (report: Record<string, unknown>) => void) => (dir: string) => {
  const report = readReport(dir);
  change(report);
  return `${JSON.stringify(report, null, 2)}\n`;
};

describe('what the contract refuses, so no page ever has to show it', () => {
  const TEN_KB = `${'<script>alert(1)</script>'.repeat(410)}`.slice(0, 10_240);
  const cases: [name: string, file: string, change: (dir: string) => string, message: string][] = [
    [
      'a javascript: source',
      `${WEEK}/jurisdictions.csv`,
      setCell(`${WEEK}/jurisdictions.csv`, 0, 'issued_source', 'javascript:alert(1)'),
      'issued_source must be a web address starting with https:// or http://, got "javascript:alert(1)"',
    ],
    [
      'a data: source',
      'policies.csv',
      setCell('policies.csv', 0, 'source', 'data:text/html,<script>alert(1)</script>'),
      'source must be a web address',
    ],
    [
      'a source that a browser reads as javascript:',
      `${WEEK}/declined.csv`,
      setCell(`${WEEK}/declined.csv`, 0, 'source', 'java\tscript:alert(1)'),
      'source must be a web address',
    ],
    [
      'a JavaScript: link to a copy of the report',
      `${WEEK}/report.json`,
      setReport((report) => {
        (report['copies'] as { url: string }[])[0]!.url = 'JavaScript:alert(1)';
      }),
      'copies.0.url must be a web address',
    ],
    [
      'an address with a space, which could carry an attribute',
      `${WEEK}/report.json`,
      setReport((report) => (report['published_source'] = 'https://example.org/ onmouseover=x')),
      'published_source must be a web address',
    ],
    [
      'a 10 KB jurisdiction name',
      'jurisdictions.csv',
      setCell('jurisdictions.csv', 0, 'name', TEN_KB),
      'name is 10240 characters long; the limit is 200',
    ],
    [
      'a control character in a CSV cell',
      `${WEEK}/declined.csv`,
      setCell(`${WEEK}/declined.csv`, 0, 'facility', 'a\u0001b'),
      'facility contains a control character',
    ],
    [
      'a C1 control character',
      'corrections.csv',
      setCell('corrections.csv', 0, 'statement', 'next\u0085line'),
      'statement contains a control character',
    ],
    [
      'a control character in a text of report.json',
      `${WEEK}/report.json`,
      setReport((report) => (report['title'] = 'a\u001bb')),
      'title contains a control character (U+001B)',
    ],
    [
      'a lone surrogate in report.json',
      `${WEEK}/report.json`,
      setReport((report) => {
        (report['caveats'] as { text: string }[])[0]!.text = 'half \uD800 a pair';
      }),
      'caveats.0.text contains a lone surrogate',
    ],
    [
      'a formula behind a tab',
      'policies.csv',
      setCell('policies.csv', 0, 'note', '\t=HYPERLINK("http://x","y")'),
      'note has spaces at the start or end',
    ],
    [
      'a formula behind a carriage return',
      `${WEEK}/jurisdictions.csv`,
      setCell(`${WEEK}/jurisdictions.csv`, 1, 'note', '\r=1+1'),
      'note has spaces at the start or end',
    ],
  ];

  it.each(cases)('%s', (_, file, change, message) => {
    // A refused row is left out, so rows that refer to it may be reported as well.
    const issues = issuesWith(file, change).map((issue) => `${issue.file}: ${issue.message}`);
    expect(issues).toContainEqual(expect.stringContaining(`${file}: ${message}`));
  });
});
