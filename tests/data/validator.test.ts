import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/lib/contract/load.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import { reportSpec } from '../../src/lib/contract/schema.ts';
import { readPdf } from '../../src/lib/ingest/pdf/read-pdf.ts';
import { dataWithOverlay, VALID } from './fixture-helpers.ts';

const W1 = 'reports/2020-01-04';
const W3 = 'reports/2020-01-18';

const issuesOf = (overlay: string | null) =>
  checkDataset(folderSource(dataWithOverlay(overlay))).issues;

describe('the validator, one fixture per invariant', () => {
  it('accepts the valid fixture', () => {
    expect(issuesOf(null)).toEqual([]);
  });

  const cases: [fixture: string, file: string, line: number, column: number, message: string][] = [
    [
      'wrong-header',
      `${W3}/jurisdictions.csv`,
      1,
      6,
      'expected "declined_source", found "declined_src"',
    ],
    ['bad-date', `${W1}/declined.csv`, 4, 5, 'issued_date is not a real date: "2019-02-30"'],
    [
      'declined-before-issued',
      `${W1}/declined.csv`,
      4,
      6,
      'declined_date 2020-01-06 is before issued_date 2020-01-08',
    ],
    [
      'unknown-jurisdiction',
      `${W3}/jurisdictions.csv`,
      3,
      1,
      'unknown jurisdiction id "tx-austin-county"',
    ],
    [
      'duplicate-row',
      `${W3}/jurisdictions.csv`,
      4,
      1,
      'duplicate row: jurisdiction tx-travis-county is already on line 3',
    ],
    ['negative-count', `${W3}/jurisdictions.csv`, 3, 5, 'declined must not be negative, got "-1"'],
    [
      'sums-do-not-add-up',
      `${W3}/report.json`,
      10,
      34,
      'figures.declined_total is 3, but the declined counts in jurisdictions.csv add up to 4',
    ],
    [
      'declined-rows-do-not-match',
      `${W1}/jurisdictions.csv`,
      3,
      5,
      'declined is 5, but declined.csv has 4 row(s) for tx-travis-county',
    ],
    [
      'overlapping-periods',
      'reports/2020-01-21/report.json',
      1,
      1,
      'the period starting 2020-01-21 overlaps the report of 2020-01-18',
    ],
    [
      'misnamed-folder',
      'reports/2020-01-26/report.json',
      2,
      19,
      'period_start 2020-01-25 does not match the folder name 2020-01-26',
    ],
    [
      'period-not-seven-days',
      `${W3}/report.json`,
      3,
      17,
      'period_end 2020-01-25 must be 6 days after period_start (2020-01-24)',
    ],
    ['fips-wrong-state', 'jurisdictions.csv', 2, 5, 'FIPS 06037 (Los Angeles) is not in TX'],
    [
      'correction-does-not-match',
      'corrections.csv',
      3,
      9,
      'published_value "3" does not match the data, which has "5"',
    ],
    [
      'correction-row-past-the-last',
      'corrections.csv',
      3,
      7,
      'the report of 2020-01-04 lists 7 declined detainers, so it has no row 8',
    ],
    ['non-utf8', 'policies.csv', 2, 71, 'not valid UTF-8 (byte 0xed)'],
    ['empty-file', 'corrections.csv', 1, 1, 'the file is empty'],
    ['header-only', `${W3}/jurisdictions.csv`, 2, 1, 'the file has a header but no rows'],
    [
      'javascript-url',
      `${W3}/jurisdictions.csv`,
      2,
      6,
      'declined_source must be a web address starting with https:// or http://',
    ],
    ['control-character', `${W3}/jurisdictions.csv`, 2, 7, 'note contains a control character'],
    ['overlong-name', 'jurisdictions.csv', 6, 2, 'name is 317 characters long; the limit is 200'],
  ];

  it.each(cases)(
    '%s: reports %s:%i:%i and nothing else',
    (fixture, file, line, column, message) => {
      const issues = issuesOf(fixture);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ file, line, column });
      expect(issues[0]!.message).toContain(message);
    },
  );

  it.each(['bom-and-crlf', 'quoted-commas-and-newlines'])('%s: passes', (fixture) => {
    expect(issuesOf(fixture)).toEqual([]);
  });

  it('reads quoted commas and newlines as one cell', () => {
    const { data } = checkDataset(folderSource(dataWithOverlay('quoted-commas-and-newlines')));
    const week = data.weeks.find((w) => w.start === '2020-01-18')!;
    expect(week.jurisdictions.map((j) => j.line)).toEqual([2, 4]);
    expect(week.jurisdictions[0]!.row.note).toBe(
      'Counted in "city and county" jails, per one source;\nanother source says "Los Angeles jails"',
    );
  });

  it('reports a descriptor that no longer matches the data', () => {
    const dir = dataWithOverlay(null);
    cpSync(join(dir, W3), join(dir, 'reports/2020-01-25'), { recursive: true });
    const report = join(dir, 'reports/2020-01-25/report.json');
    execFileSync('sed', ['-i', 's/2020-01-18/2020-01-25/; s/2020-01-24/2020-01-31/', report]);
    const { issues } = checkDataset(folderSource(dir));
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'datapackage.json',
        line: 1,
        column: 1,
        message: expect.stringContaining('out of date'),
      }),
    ]);
  });
});

describe('npm run validate', () => {
  const ROOT = resolve(import.meta.dirname, '../..');
  const validate = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/validate.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('prints a one-line summary and exits 0 on valid data', () => {
    const result = validate(VALID);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toContain('valid — 3 report(s)');
  });

  it('prints path:line:column for every problem and exits 1', () => {
    const dir = dataWithOverlay('negative-count');
    writeFileSync(join(dir, 'policies.csv'), 'jurisdiction,listed_as\n');
    const result = validate(dir);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith(dir));
    expect(lines).toEqual([
      `${dir}/policies.csv:1:3: header: expected "date_enacted", found nothing (the header must be jurisdiction,listed_as,date_enacted,policy,criteria,first_report,source,note)`,
      `${dir}/${W3}/jurisdictions.csv:3:5: declined must not be negative, got "-1"`,
    ]);
  });
});

describe('the validator, on what slipped through before', () => {
  /** A copy of the valid fixture with files replaced, and the problems the validator finds. */
  const issuesWith = (files: Record<string, (text: string) => string>) => {
    const dir = dataWithOverlay(null);
    for (const [path, change] of Object.entries(files)) {
      writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8')));
    }
    return checkDataset(folderSource(dir)).issues.map(
      (issue) => `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`,
    );
  };
  const GAZETTEER = 'jurisdictions.csv';
  const REPORT = `${W3}/report.json`;

  it('refuses a count too large to store exactly, in CSV and in JSON', () => {
    expect(
      issuesWith({
        [`${W3}/jurisdictions.csv`]: (t) =>
          t.replace('tx-travis-county,,,,1,', 'tx-travis-county,,,,100000000000000000000,'),
      })[0],
    ).toBe(
      `${W3}/jurisdictions.csv:3:5: declined is 100000000000000000000, larger than 9,007,199,254,740,991, the largest count stored exactly`,
    );
    expect(
      issuesWith({ [REPORT]: (t) => t.replace('"value": 950,', '"value": 95000000000000000000,') }),
    ).toEqual([
      `${REPORT}:9:36: figures.detainers_issued.value is 95000000000000000000, larger than 9,007,199,254,740,991, the largest count stored exactly`,
    ]);
  });

  it('judges a count by how it is written, not by what JSON.parse makes of it', () => {
    for (const [written, problem] of [
      ['950.0', 'must be a whole number'],
      ['9.5e2', 'must be a whole number'],
      ['-950', 'must not be negative'],
      ['-95000000000000000000', 'must not be negative'],
    ]) {
      expect(
        issuesWith({ [REPORT]: (t) => t.replace('"value": 950,', `"value": ${written},`) }),
      ).toEqual([`${REPORT}:9:36: figures.detainers_issued.value ${problem}`]);
    }
  });

  it('refuses a blank section title, which is left out where none is known', () => {
    expect(
      issuesWith({
        [REPORT]: (t) => t.replace('"copies": [],', '"copies": [], "section_titles": { "I": "" },'),
      }),
    ).toEqual([
      `${REPORT}:7:42: section_titles.I is blank; leave the key out where it is not known`,
    ]);
  });

  it('refuses a key given twice in report.json, at the second one', () => {
    expect(
      issuesWith({
        [REPORT]: (t) => t.replace('"copies": [],', '"copies": [],\n  "title": "Other",'),
      }),
    ).toEqual([
      `${REPORT}:8:3: "title" is given twice (first on line 4); JSON readers keep only the last, so remove one`,
    ]);
  });

  it('refuses two gazetteer rows with one FIPS code', () => {
    expect(
      issuesWith({ [GAZETTEER]: (t) => `${t}tx-travis-again,Travis County,TX,county,48453,,,\n` }),
    ).toContainEqual(
      `${GAZETTEER}:8:5: FIPS 48453 is already the code of tx-travis-county (line 2); a place has one row, and other spellings of it go in that row's aliases`,
    );
  });

  it('refuses a spelling that names two jurisdictions of one state, but not of two states', () => {
    const issues = issuesWith({
      [GAZETTEER]: (t) =>
        t.replace(
          'tx-williamson-county,Williamson County,TX,county,48491,,San Antonio,',
          'tx-williamson-county,Williamson County,TX,county,48491,,San Antonio,"Travis, TX"',
        ),
    });
    expect(issues).toEqual([
      `${GAZETTEER}:3:8: "Travis, TX" would name two jurisdictions of TX: tx-travis-county (line 2, as "Travis, TX") and tx-williamson-county; a spelling names one jurisdiction of a state, so the ingest can resolve it. Keep it on one row only.`,
    ]);
    expect(
      issuesWith({
        [GAZETTEER]: (t) =>
          t.replace(
            'or-washington-county,Washington County,OR,county,41067,,Seattle,"Washington, OR"',
            'or-washington-county,Washington County,OR,county,41067,,Seattle,"Washington, OR|Travis"',
          ),
      }),
    ).toEqual([]);
  });

  it('refuses two Section I rows with the same rank', () => {
    expect(
      issuesWith({
        [`${W1}/jurisdictions.csv`]: (t) => t.replace('tx-travis-county,2,', 'tx-travis-county,1,'),
      }),
    ).toContainEqual(
      `${W1}/jurisdictions.csv:3:2: issued_rank 1 is already ny-nassau-county's; Section I ranks are its rows' printed order, one row each (rows tied on their count keep the order printed)`,
    );
  });

  it('gives one message for a header typo in the gazetteer, not one per reference', () => {
    expect(issuesWith({ [GAZETTEER]: (t) => t.replace('id,name,', 'id,nmae,') })).toEqual([
      `${GAZETTEER}:1:2: header: expected "name", found "nmae" (the header must be id,name,state,kind,fips,map_fips,aor,aliases)`,
    ]);
  });

  it('does not call a row that exists but cannot be read missing', () => {
    // Williamson's row has a bad count; the correction and Section II rows that name it are
    // not reported as pointing at nothing.
    expect(
      issuesWith({
        [`${W1}/jurisdictions.csv`]: (t) =>
          t.replace('tx-williamson-county,,,,2,', 'tx-williamson-county,,,,two,'),
      }),
    ).toEqual([`${W1}/jurisdictions.csv:4:5: declined must be a whole number, got "two"`]);
  });

  it('counts lines right with CR-only line ends', () => {
    expect(
      issuesWith({
        [`${W3}/jurisdictions.csv`]: (t) =>
          t.replace('tx-travis-county,,,,1,', 'tx-travis-county,,,,-1,').replaceAll('\n', '\r'),
      }),
    ).toEqual([`${W3}/jurisdictions.csv:3:5: declined must not be negative, got "-1"`]);
  });

  it('counts columns in characters, not bytes or UTF-16 units', () => {
    // "Ñ" is two bytes in UTF-8 and "𝐓" two UTF-16 units; each is one character.
    expect(
      issuesWith({
        [REPORT]: (t) => t.replace('"copies": [],', '"copies": [], "Ñ𝐓": 1,'),
      }),
    ).toEqual([
      `${REPORT}:7:17: unknown field "Ñ𝐓"; the fields are ${Object.keys(reportSpec.schema.shape).join(', ')}`,
    ]);
  });
});

describe('the kept PDF: the validator and the ingest apply one rule for what is a PDF', () => {
  const SITE_DATA = resolve(import.meta.dirname, '../fixtures/site/data');
  const WEEK_FOLDER = 'reports/2020-01-11';
  const pdf = readFileSync(join(SITE_DATA, WEEK_FOLDER, 'report.pdf'));
  const junk = (n: number) => Buffer.alloc(n, 'x');
  // Viewers find the signature after other bytes, within the first kilobyte.
  const samples: [name: string, bytes: Buffer, isPdf: boolean][] = [
    ['the signature first', pdf, true],
    ['the signature after 500 other bytes', Buffer.concat([junk(500), pdf]), true],
    ['the signature after 1100 other bytes', Buffer.concat([junk(1100), pdf]), false],
    ['an HTML error page', Buffer.from('<!DOCTYPE html><title>404</title>'), false],
  ];

  it.each(samples)('%s', async (_name, bytes, isPdf) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dda-kept-pdf-')), 'data');
    cpSync(SITE_DATA, dir, { recursive: true });
    writeFileSync(join(dir, WEEK_FOLDER, 'report.pdf'), bytes);
    const reportPath = join(dir, WEEK_FOLDER, 'report.json');
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    report.original.bytes = bytes.length;
    report.original.sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);

    const notPdf = checkDataset(folderSource(dir)).issues.filter((issue) =>
      issue.message.startsWith('this is not a PDF'),
    );
    expect(notPdf).toEqual(
      isPdf
        ? []
        : [
            {
              file: `${WEEK_FOLDER}/report.pdf`,
              line: 1,
              column: 1,
              message: 'this is not a PDF: a PDF file has "%PDF-" in its first 1024 bytes',
            },
          ],
    );
    const reading = await readPdf(new Uint8Array(bytes)).then(
      () => 'read',
      (error: Error) => error.message,
    );
    if (isPdf) expect(reading).not.toMatch(/no PDF header/);
    else expect(reading).toMatch(/^not a readable PDF: it has no PDF header/);
  });
});
