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
import { regenerateDescriptor, VALID } from './fixture-helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const JURISDICTIONS = 'reports/2020-01-11/jurisdictions.csv';

describe('the append-only guard (npm run validate -- DIR --base REF)', () => {
  let repo: string;
  let data: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  const validate = () =>
    spawnSync(process.execPath, [join(ROOT, 'scripts/validate.ts'), data, '--base', 'HEAD'], {
      cwd: repo,
      encoding: 'utf8',
    });

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'dda-git-'));
    data = join(repo, 'data');
    cpSync(VALID, data, { recursive: true });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'published');
    return () => rmSync(repo, { recursive: true, force: true });
  });

  const removeWashingtonRow = () => {
    const path = join(data, JURISDICTIONS);
    const kept = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('or-washington-county,'));
    writeFileSync(path, kept.join('\n'));
  };

  it('passes when nothing changed', () => {
    const result = validate();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('append-only against HEAD: ok');
  });

  it('fails when a published row is removed', () => {
    removeWashingtonRow();
    const result = validate();
    expect(result.status).toBe(1);
    const problems = result.stderr.split('\n').filter((line) => line.includes(': '));
    expect(problems.filter((line) => line.includes('append') || line.includes('removed'))).toEqual([
      expect.stringContaining(
        `${JURISDICTIONS}:1:1: the row for or-washington-county (line 4 at the base) was removed`,
      ),
    ]);
  });

  it('passes when the removal comes with a correction entry', () => {
    removeWashingtonRow();
    // The row is gone, so the correction names it without a field (the whole row was withdrawn).
    appendFileSync(
      join(data, 'corrections.csv'),
      'washington-row-withdrawn,2020-03-01,withdrawal,2020-01-11,jurisdictions,or-washington-county,,,,,Publisher,The row was withdrawn.,https://example.org/c/3\n',
    );
    const result = validate();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails when a published figure changes without a correction, and passes with one', () => {
    const path = join(data, 'reports/2020-01-04/jurisdictions.csv');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        'tx-travis-county,2,10,https://example.org/reports/1,',
        'tx-travis-county,2,10,https://example.org/reports/1b,',
      ),
    );
    const changed = validate();
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain(
      'reports/2020-01-04/jurisdictions.csv:3:4: the row for tx-travis-county: issued_source changed from "https://example.org/reports/1" to "https://example.org/reports/1b"',
    );
    appendFileSync(
      join(data, 'corrections.csv'),
      'travis-source,2020-03-01,transcription,2020-01-04,jurisdictions,tx-travis-county,,issued_source,https://example.org/reports/1,https://example.org/reports/1b,Publisher,Source address corrected.,https://example.org/c/4\n',
    );
    const corrected = validate();
    expect(corrected.stderr).toBe('');
    expect(corrected.status).toBe(0);
  });

  it('fails when a published correction is removed', () => {
    const path = join(data, 'corrections.csv');
    writeFileSync(path, readFileSync(path, 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    const result = validate();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'correction fixture-travis-dispute (line 3 at the base) was removed',
    );
  });

  it('passes when a new week is added', () => {
    const week = join(data, 'reports/2020-01-25');
    mkdirSync(week);
    cpSync(join(data, 'reports/2020-01-18'), week, { recursive: true });
    const report = join(week, 'report.json');
    writeFileSync(
      report,
      readFileSync(report, 'utf8')
        .replaceAll('2020-01-18', '2020-01-25')
        .replace('2020-01-24', '2020-01-31'),
    );
    regenerateDescriptor(data);
    const result = validate();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('4 report(s)');
  });

  it('treats a base without data/ as empty', () => {
    git(
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.org',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'empty',
    );
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'rm', '-rq', 'data');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'no data');
    cpSync(VALID, data, { recursive: true });
    const result = validate();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
