import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkAppendOnly } from '../../src/lib/contract/append-only.ts';
import { formatIssue } from '../../src/lib/contract/issues.ts';
import { checkDataset, readDataset } from '../../src/lib/contract/load.ts';
import { folderSource, gitSource } from '../../src/lib/contract/source.ts';
import { regenerateDescriptor, VALID } from './fixture-helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const W1 = 'reports/2020-01-04';
const W2 = 'reports/2020-01-11';
const SOURCE = 'https://example.org/c/9';

/**
 * A corrections.csv entry as a maintainer would add it. `target` is what it names: a
 * jurisdiction row (`{ jurisdiction }`), a Section II row (`{ row }`) or the report.
 */
function entry(
  id: string,
  kind: string,
  report: string,
  target: { jurisdiction?: string; row?: number; table?: string },
  field: string,
  publishedValue: string,
  statedValue: string,
): string {
  const table = target.table ?? (target.row !== undefined ? 'declined' : 'jurisdictions');
  return `${id},2020-03-01,${kind},${report},${table},${target.jurisdiction ?? ''},${target.row ?? ''},${field},${publishedValue},${statedValue},Archive,Fixed.,${SOURCE}\n`;
}

describe('the append-only guard, value by value', () => {
  let repo: string;
  let data: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
      cwd: repo,
      stdio: 'pipe',
    });
  /** Every problem the validator and the guard report against HEAD, as `file:line:column: message`. */
  const problems = () => {
    const current = checkDataset(folderSource(data));
    const base = readDataset(gitSource(data, 'HEAD')).data;
    return [...current.issues, ...checkAppendOnly(base, current.data)].map((issue) =>
      formatIssue(issue),
    );
  };
  const edit = (path: string, from: string, to: string) => {
    const file = join(data, path);
    const text = readFileSync(file, 'utf8');
    expect(text, `${path} holds ${from}`).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };
  const addEntry = (line: string) => appendFileSync(join(data, 'corrections.csv'), line);

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'dda-git-'));
    data = join(repo, 'data');
    cpSync(VALID, data, { recursive: true });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'published');
    return () => rmSync(repo, { recursive: true, force: true });
  });

  it('passes when nothing changed', () => {
    expect(problems()).toEqual([]);
  });

  it('refuses a changed count with no entry, naming the file, line, column and the entry to add', () => {
    edit(`${W2}/jurisdictions.csv`, 'ny-new-york-city,1,40,', 'ny-new-york-city,1,41,');
    expect(problems()).toEqual([
      `${W2}/jurisdictions.csv:2:3: issued of the row for ny-new-york-city changed from "40" to "41" in the published report of 2020-01-11. A published value changes only with a new entry in corrections.csv that names it: kind transcription, report 2020-01-11, table jurisdictions, jurisdiction ny-new-york-city, field issued, published_value "40", stated_value "41". If ICE itself corrected or withdrew it, or someone disputes it, keep "40" here and record that as a correction, withdrawal or dispute entry instead.`,
    ]);
  });

  it('accepts the change with a transcription entry naming that value as published', () => {
    edit(`${W2}/jurisdictions.csv`, 'ny-new-york-city,1,40,', 'ny-new-york-city,1,41,');
    addEntry(
      entry(
        't1',
        'transcription',
        '2020-01-11',
        { jurisdiction: 'ny-new-york-city' },
        'issued',
        '40',
        '41',
      ),
    );
    expect(problems()).toEqual([]);
  });

  it('does not let an entry about one column of a row unlock another', () => {
    edit(
      `${W1}/jurisdictions.csv`,
      'tx-travis-county,2,10,https://example.org/reports/1,5,',
      'tx-travis-county,2,10,https://example.org/reports/1,6,',
    );
    // The entry is about `issued`; `declined` changed.
    addEntry(
      entry(
        't1',
        'transcription',
        '2020-01-04',
        { jurisdiction: 'tx-travis-county' },
        'issued',
        '10',
        '10',
      ),
    );
    const found = problems();
    expect(found).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${W1}/jurisdictions.csv:3:5: declined of the row for tx-travis-county changed from "5" to "6"`,
        ),
      ),
    );
    expect(found).toContainEqual(
      expect.stringContaining(
        'corrections.csv:4:8: transcription t1 records no change: the value it names (jurisdictions tx-travis-county issued) is the same at the base and now.',
      ),
    );
  });

  it('refuses a dispute that comes with a change, even when it names the new value', () => {
    edit(
      `${W1}/jurisdictions.csv`,
      'tx-travis-county,2,10,https://example.org/reports/1,5,',
      'tx-travis-county,2,10,https://example.org/reports/1,4,',
    );
    addEntry(
      entry(
        'd1',
        'dispute',
        '2020-01-04',
        { jurisdiction: 'tx-travis-county' },
        'declined',
        '4',
        '',
      ),
    );
    const found = problems();
    expect(found).toContainEqual(
      expect.stringMatching(
        /^corrections\.csv:4:3: dispute d1 comes with a change to the data \(declined of the row for tx-travis-county changed from "5" to "4"/,
      ),
    );
    expect(found.join('\n')).toContain(
      `the data keeps "5". Only a transcription entry changes the data`,
    );
  });

  it.each(['correction', 'withdrawal'])('refuses a %s that comes with a change', (kind) => {
    edit(`${W1}/jurisdictions.csv`, 'ny-nassau-county,1,20,', 'ny-nassau-county,1,0,');
    addEntry(
      entry(
        'k1',
        kind,
        '2020-01-04',
        { jurisdiction: 'ny-nassau-county' },
        'issued',
        '20',
        kind === 'correction' ? '0' : '',
      ),
    );
    expect(problems()).toContainEqual(
      expect.stringMatching(
        new RegExp(`^corrections\\.csv:4:3: ${kind} k1 comes with a change to the data`),
      ),
    );
  });

  it('refuses a transcription whose published_value is not the value at the base', () => {
    edit(`${W2}/jurisdictions.csv`, 'ny-new-york-city,1,40,', 'ny-new-york-city,1,41,');
    addEntry(
      entry(
        't1',
        'transcription',
        '2020-01-11',
        { jurisdiction: 'ny-new-york-city' },
        'issued',
        '42',
        '41',
      ),
    );
    expect(problems()).toEqual([
      'corrections.csv:4:9: transcription t1: published_value "42" is not the value as published, which at the base is "40" (issued of the row for ny-new-york-city); write "40".',
    ]);
  });

  it("lets a count's source change with the count under one entry, but not alone", () => {
    edit(
      `${W2}/jurisdictions.csv`,
      'ny-new-york-city,1,40,https://example.org/reports/2,',
      'ny-new-york-city,1,41,https://example.org/reports/2b,',
    );
    addEntry(
      entry(
        't1',
        'transcription',
        '2020-01-11',
        { jurisdiction: 'ny-new-york-city' },
        'issued',
        '40',
        '41',
      ),
    );
    expect(problems()).toEqual([]);
    edit(
      `${W2}/jurisdictions.csv`,
      'tx-travis-county,,,,1,https://example.org/reports/2,',
      'tx-travis-county,,,,1,https://example.org/reports/2c,',
    );
    expect(problems()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${W2}/jurisdictions.csv:3:6: declined_source of the row for tx-travis-county changed`,
        ),
      ),
    ]);
  });

  it('lets a blank be filled in, which adds a value and changes none', () => {
    edit(
      `${W2}/jurisdictions.csv`,
      'or-washington-county,,,,,,',
      'or-washington-county,,,,3,https://example.org/reports/2,',
    );
    const found = problems();
    expect(found.filter((line) => line.includes('published'))).toEqual([]);
  });

  it('refuses a removed row, and accepts it with a whole-row transcription entry only', () => {
    edit(
      `${W2}/jurisdictions.csv`,
      'or-washington-county,,,,,,named in Section II; count not given\n',
      '',
    );
    expect(problems()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${W2}/jurisdictions.csv:1:1: the row for or-washington-county \\(line 4 at the base\\) was removed from the published report of 2020-01-11\\.`,
        ),
      ),
    ]);
    addEntry(
      entry('w1', 'withdrawal', '2020-01-11', { jurisdiction: 'or-washington-county' }, '', '', ''),
    );
    expect(problems()).toContainEqual(
      expect.stringMatching(/^corrections\.csv:4:3: withdrawal w1 comes with a change to the data/),
    );
    writeFileSync(
      join(data, 'corrections.csv'),
      readFileSync(join(data, 'corrections.csv'), 'utf8').replace(
        ',withdrawal,2020-01-11,',
        ',transcription,2020-01-11,',
      ),
    );
    expect(problems()).toEqual([]);
  });

  it('names the JSON path of a changed value of report.json, at its line and column', () => {
    edit(`${W1}/report.json`, '"value": 1000,', '"value": 1001,');
    expect(problems()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${W1}/report.json:9:36: figures\\.detainers_issued\\.value changed from "1000" to "1001" in the published report of 2020-01-04\\. .*table report, field figures\\.detainers_issued\\.value, published_value "1000", stated_value "1001"`,
        ),
      ),
    ]);
  });

  it.each(['figures.detainers_issued.value', 'detainers_issued'])(
    'accepts a report.json change with an entry whose field is %s',
    (field) => {
      edit(`${W1}/report.json`, '"value": 1000,', '"value": 1001,');
      addEntry(
        entry('t1', 'transcription', '2020-01-04', { table: 'report' }, field, '1000', '1001'),
      );
      expect(problems()).toEqual([]);
    },
  );

  it('does not let an entry about one field of report.json unlock another', () => {
    edit(`${W1}/report.json`, 'Fixture Weekly Declined', 'Weekly Declined');
    addEntry(entry('t1', 'transcription', '2020-01-04', { table: 'report' }, 'pages', '10', '10'));
    const found = problems();
    expect(found).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${W1}/report.json:4:12: title changed from "Fixture Weekly`),
      ),
    );
    expect(found).toContainEqual(expect.stringContaining('transcription t1 records no change'));
  });

  it('refuses a cell of a Section II row changed with no entry, and accepts its transcription', () => {
    edit(
      `${W1}/declined.csv`,
      '1,tx-travis-county,Travis County Jail,Mexico,',
      '1,tx-travis-county,Travis County Jail,Guatemala,',
    );
    expect(problems()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${W1}/declined.csv:2:4: citizenship of declined row 1 changed from "Mexico" to "Guatemala"`,
        ),
      ),
    ]);
    addEntry(
      entry('t1', 'transcription', '2020-01-04', { row: 1 }, 'citizenship', 'Mexico', 'Guatemala'),
    );
    expect(problems()).toEqual([]);
  });

  it('refuses a changed Section III row with no entry, and accepts its transcription', () => {
    edit('policies.csv', "Sheriff's Office Policy", "Sheriff's Policy");
    expect(problems()).toEqual([
      `policies.csv:2:4: policy of the Section III row for tx-travis-county changed from "Sheriff's Office Policy" to "Sheriff's Policy" in the published report of 2020-01-04. A published value changes only with a new entry in corrections.csv that names it: kind transcription, report 2020-01-04, table policies, jurisdiction tx-travis-county, field policy, published_value "Sheriff's Office Policy", stated_value "Sheriff's Policy". If ICE itself corrected or withdrew it, or someone disputes it, keep "Sheriff's Office Policy" here and record that as a correction, withdrawal or dispute entry instead.`,
    ]);
    addEntry(
      entry(
        't1',
        'transcription',
        '2020-01-04',
        { table: 'policies', jurisdiction: 'tx-travis-county' },
        'policy',
        `"Sheriff's Office Policy"`,
        `"Sheriff's Policy"`,
      ),
    );
    expect(problems()).toEqual([]);
  });

  it('refuses a Section III row removed, or moved to another report, with no entry', () => {
    const path = join(data, 'policies.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, [lines[0], ...lines.slice(2)].join('\n'));
    expect(problems()).toContainEqual(
      expect.stringMatching(
        /^policies\.csv:1:1: the Section III row for tx-travis-county \(line 2 at the base\) was removed from the published report of 2020-01-04\./,
      ),
    );
    writeFileSync(
      path,
      lines
        .join('\n')
        .replace(
          '2020-01-04,https://example.org/policies/travis',
          '2020-01-11,https://example.org/policies/travis',
        ),
    );
    expect(problems()).toContainEqual(
      expect.stringContaining(
        'the Section III row for tx-travis-county (line 2 at the base) was removed from the published report of 2020-01-04.',
      ),
    );
  });

  it('checks a Section III entry against the row it names', () => {
    addEntry(
      entry(
        'd1',
        'dispute',
        '2020-01-11',
        { table: 'policies', jurisdiction: 'tx-travis-county' },
        'policy',
        'Local law',
        '',
      ),
    );
    expect(problems()).toContainEqual(
      expect.stringMatching(
        /^corrections\.csv:4:6: policies\.csv has no row for tx-travis-county first listed in the report of 2020-01-11$/,
      ),
    );
  });

  it('never lets a published correction be edited, and says what to do instead', () => {
    edit('corrections.csv', 'The sheriff counts 4 people.', 'The sheriff counts four people.');
    expect(problems()).toEqual([
      'corrections.csv:3:12: correction fixture-travis-dispute: statement changed from "The sheriff counts 4 people." to "The sheriff counts four people."; a published correction is never edited. Restore it as it was and add a new entry, with an id of its own, that supersedes it.',
    ]);
  });

  it('never lets a published correction be removed', () => {
    const path = join(data, 'corrections.csv');
    writeFileSync(path, `${readFileSync(path, 'utf8').split('\n').slice(0, 2).join('\n')}\n`);
    expect(problems()).toContainEqual(
      expect.stringContaining(
        'corrections.csv:1:1: correction fixture-travis-dispute (line 3 at the base) was removed; published corrections are never removed.',
      ),
    );
  });

  it('refuses a transcription entry for a report that is not published yet', () => {
    const week = join(data, 'reports/2020-01-25');
    mkdirSync(week);
    cpSync(join(data, 'reports/2020-01-18'), week, { recursive: true });
    edit(
      'reports/2020-01-25/report.json',
      '"period_start": "2020-01-18"',
      '"period_start": "2020-01-25"',
    );
    edit(
      'reports/2020-01-25/report.json',
      '"period_end": "2020-01-24"',
      '"period_end": "2020-01-31"',
    );
    regenerateDescriptor(data);
    expect(problems()).toEqual([]);
    addEntry(
      entry(
        't1',
        'transcription',
        '2020-01-25',
        { jurisdiction: 'tx-travis-county' },
        'declined',
        '2',
        '2',
      ),
    );
    expect(problems()).toContainEqual(
      expect.stringContaining(
        'transcription t1 records no change: the report of 2020-01-25 is not published at the base',
      ),
    );
  });
});

describe('npm run validate -- DIR --base REF', () => {
  it('passes unchanged data and fails a changed value, exiting 0 and 1', () => {
    const repo = mkdtempSync(join(tmpdir(), 'dda-git-'));
    try {
      const data = join(repo, 'data');
      cpSync(VALID, data, { recursive: true });
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
          cwd: repo,
          stdio: 'pipe',
        });
      git('init', '-q');
      git('add', '.');
      git('commit', '-qm', 'published');
      const validate = () =>
        spawnSync(process.execPath, [join(ROOT, 'scripts/validate.ts'), data, '--base', 'HEAD'], {
          cwd: repo,
          encoding: 'utf8',
        });
      const clean = validate();
      expect(clean.status).toBe(0);
      expect(clean.stdout).toContain('append-only against HEAD: ok');
      const path = join(data, W2, 'jurisdictions.csv');
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace('ny-new-york-city,1,40,', 'ny-new-york-city,1,41,'),
      );
      const changed = validate();
      expect(changed.status).toBe(1);
      expect(changed.stderr).toContain(
        `data/${W2}/jurisdictions.csv:2:3: issued of the row for ny-new-york-city changed from "40" to "41"`,
      );
      git('rm', '-rqf', 'data');
      git('commit', '-qm', 'no data');
      cpSync(VALID, data, { recursive: true });
      // A base without the data folder reads as empty: everything is new.
      expect(validate().status).toBe(0);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
