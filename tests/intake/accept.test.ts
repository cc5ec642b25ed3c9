import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCsv } from '../../src/lib/contract/csv.ts';
import { correctionsTable } from '../../src/lib/contract/schema.ts';
import { acceptReport, IntakeRefusal } from '../../src/lib/intake/accept.ts';
import type { IssueEvent } from '../../src/lib/intake/accept.ts';
import {
  ERROR_REPORT_LABEL,
  ERROR_REPORT_TEMPLATE,
  errorReportUrl,
  FORM_FIELDS,
  issueFormYaml,
} from '../../src/lib/intake/form.ts';
import type { FormFieldId } from '../../src/lib/intake/form.ts';
import { treeHash } from '../ingest/helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** A GitHub `issues` event as recorded: an error report opened with the form, then accepted. */
const RECORDED = JSON.parse(
  readFileSync(join(ROOT, 'tests/fixtures/error-reports/labeled.json'), 'utf8'),
) as Required<IssueEvent> & { issue: { body: string } };

/** The recorded event with some of the form's answers replaced, as a reader might write them. */
function withAnswers(answers: Partial<Record<FormFieldId, string>>, label?: string): IssueEvent {
  let body = RECORDED.issue.body;
  for (const [id, value] of Object.entries(answers)) {
    const i = FORM_FIELDS.findIndex((field) => field.id === id);
    const heading = `### ${FORM_FIELDS[i]!.label}\n\n`;
    const next = FORM_FIELDS[i + 1] ? `\n\n### ${FORM_FIELDS[i + 1]!.label}` : null;
    const start = body.indexOf(heading) + heading.length;
    const end = next ? body.indexOf(next) : body.length;
    body = `${body.slice(0, start)}${value}${body.slice(end)}`;
  }
  return {
    ...RECORDED,
    label: { name: label ?? RECORDED.label.name },
    issue: { ...RECORDED.issue, body },
  };
}

let data: string;
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'dda-intake-'));
  cpSync(join(ROOT, 'data'), data, { recursive: true });
});
afterEach(() => rmSync(data, { recursive: true, force: true }));

const correctionsText = () => readFileSync(join(data, 'corrections.csv'), 'utf8');
/** Where a refusal about the new entry points: the line after the file's last. */
const newLine = () => correctionsText().trimEnd().split('\n').length + 1;
const columnOf = (field: string) =>
  correctionsTable.fields.findIndex((spec) => spec.name === field) + 1;

function refusal(event: IssueEvent): string[] {
  try {
    acceptReport(data, event);
  } catch (error) {
    if (error instanceof IntakeRefusal) return error.reasons;
    throw error;
  }
  throw new Error('the report was accepted');
}

/** The new entry as corrections.csv will read it back. */
const readBack = (text: string) => {
  const { header, records } = parseCsv('corrections.csv', text);
  return Object.fromEntries(header!.cells.map((name, i) => [name, records.at(-1)!.cells[i]]));
};

describe('an accepted error report', () => {
  it('becomes one dispute entry naming the value, the reader and the issue', () => {
    const accepted = acceptReport(data, RECORDED);
    expect(Object.keys(accepted.files)).toEqual(['corrections.csv']);
    const text = accepted.files['corrections.csv']!;
    expect(text.startsWith(correctionsText())).toBe(true);
    expect(readBack(text)).toEqual({
      id: 'dispute-issue-57',
      date: '2017-03-22',
      kind: 'dispute',
      report: '2017-01-28',
      table: 'jurisdictions',
      jurisdiction: 'tx-travis-county',
      row: '',
      field: 'declined',
      published_value: '142',
      stated_value: '128',
      by: "Travis County Sheriff's Office",
      statement:
        "The sheriff's office counts 128 inmates whose detainers it declined that week, not 142.",
      source:
        'https://www.tcsheriff.org/about/press-releases/2017/427-travis-county-weekly-averages-for-declined-ice-detainers',
    });
  });

  it('names a reader who gives no name as a reader, and takes the issue as the source', () => {
    const entry = acceptReport(
      data,
      withAnswers({ by: '_No response_', source: '_No response_' }),
    ).entry;
    expect(entry['by']).toBe('A reader (issue #57)');
    expect(entry['source']).toBe(RECORDED.issue.html_url);
  });

  it('keeps markup and a formula prefix as text, and a newline-laden value on one line', () => {
    const statement = '=HYPERLINK("https://evil.example/","click") <script>alert(1)</script>';
    const accepted = acceptReport(
      data,
      withAnswers({
        statement,
        by: 'Travis\nCounty\r\n\r\nSheriff\t<b>Office</b>',
        published_value: '\n142\n\n',
      }),
    );
    const entry = readBack(accepted.files['corrections.csv']!);
    expect(entry['statement']).toBe(statement);
    expect(entry['by']).toBe('Travis County Sheriff <b>Office</b>');
    expect(entry['published_value']).toBe('142');
  });

  it('is refused at its line and column when the value it names does not exist', () => {
    expect(refusal(withAnswers({ field: 'salary' }))).toEqual([
      `data/corrections.csv:${newLine()}:${columnOf('field')}: jurisdictions.csv has no column "salary"`,
    ]);
    expect(refusal(withAnswers({ jurisdiction: 'zz-nowhere-county' }))).toContainEqual(
      expect.stringContaining(
        `data/corrections.csv:${newLine()}:${columnOf('jurisdiction')}: the report of 2017-01-28 has no row for zz-nowhere-county`,
      ),
    );
  });

  it('is refused when the value as published is not the one the archive publishes', () => {
    expect(refusal(withAnswers({ published_value: '150' }))).toEqual([
      `data/corrections.csv:${newLine()}:${columnOf('published_value')}: published_value "150" does not match the data, which has "142"`,
    ]);
  });

  it('is refused when an answer adds a heading of the form, so no answer can stand in for another', () => {
    const reasons = refusal(
      withAnswers({ stated_value: '128\n\n### Who you are (optional)\n\nICE' }),
    );
    expect(reasons).toEqual([
      'the issue\'s text has the heading "### Who you are (optional)" 2 times; it must have it once',
    ]);
  });

  it('is refused without the accept label, or without the form’s label', () => {
    expect(refusal(withAnswers({}, 'accepted: everything'))).toEqual([
      'the label "accepted: everything" is not one of accepted: dispute, accepted: correction, accepted: transcription',
    ]);
    expect(refusal({ ...RECORDED, issue: { ...RECORDED.issue, labels: [] } })).toEqual([
      'issue #57 has no "error-report" label: only reports opened with the form are taken',
    ]);
  });

  it('as a transcription fix changes the one value it names, and lists the fix', () => {
    const declined = readFileSync(join(data, 'reports/2017-01-28/declined.csv'), 'utf8');
    const before = parseCsv('declined.csv', declined).records[0]!.cells;
    const facility = before[2]!;
    const accepted = acceptReport(
      data,
      withAnswers(
        {
          table: 'declined',
          jurisdiction: '_No response_',
          row: '1',
          field: 'facility',
          published_value: facility,
          stated_value: `${facility} (Anaheim)`,
        },
        'accepted: transcription',
      ),
    );
    const fixed = accepted.files['reports/2017-01-28/declined.csv']!;
    const [oldLines, newLines] = [declined.split('\n'), fixed.split('\n')];
    expect(newLines.length).toBe(oldLines.length);
    const changed = newLines.flatMap((line, i) => (line === oldLines[i] ? [] : [i]));
    expect(changed).toEqual([1]);
    expect(parseCsv('declined.csv', fixed).records[0]!.cells).toEqual(
      before.map((cell, i) => (i === 2 ? `${facility} (Anaheim)` : cell)),
    );
    expect(accepted.entry).toMatchObject({
      kind: 'transcription',
      published_value: facility,
      stated_value: `${facility} (Anaheim)`,
      by: "Declined Detainer Archive, on a report by Travis County Sheriff's Office (issue #57)",
    });
  });
});

describe('npm run accept-report', () => {
  const run = (event: IssueEvent) => {
    const dir = mkdtempSync(join(tmpdir(), 'dda-intake-run-'));
    const eventFile = join(dir, 'event.json');
    const message = join(dir, 'message.md');
    writeFileSync(eventFile, JSON.stringify(event));
    try {
      const out = execFileSync(
        process.execPath,
        [join(ROOT, 'scripts/accept-report.ts'), '--event', eventFile, '--message', message, data],
        { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      return { code: 0, out, message: readFileSync(message, 'utf8') };
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      return { code: failed.status, out: failed.stderr, message: readFileSync(message, 'utf8') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('writes the entry and the pull request’s text that closes the issue', () => {
    const result = run(RECORDED);
    expect(result.code).toBe(0);
    expect(readBack(correctionsText())['id']).toBe('dispute-issue-57');
    expect(result.message).toContain('Closes #57.');
    expect(result.message).toContain('dispute-issue-57,2017-03-22,dispute,2017-01-28');
  });

  it('on a refusal changes nothing and writes the comment with the reasons, fenced', () => {
    const before = treeHash(data);
    const result = run(withAnswers({ published_value: '``` 150' }));
    expect(result.code).toBe(1);
    expect(treeHash(data)).toBe(before);
    expect(result.message).toContain('no pull request was opened');
    expect(result.message).toContain('````text\n');
    expect(result.message).toContain('published_value "``` 150" does not match the data');
    expect(result.out).not.toMatch(/\n\s+at /);
  });
});

describe('the issue form', () => {
  it('is the committed template, with the fields the intake reads, in its order', () => {
    const text = readFileSync(join(ROOT, '.github/ISSUE_TEMPLATE', ERROR_REPORT_TEMPLATE), 'utf8');
    expect(text).toBe(issueFormYaml());
    const form = parse(text) as {
      labels: string[];
      body: { type: string; id?: string; attributes: { label?: string; value?: string } }[];
    };
    expect(form.labels).toEqual([ERROR_REPORT_LABEL]);
    expect(form.body[0]!.attributes.value).toContain('stays as ICE published it');
    expect(
      form.body
        .filter((part) => part.type !== 'markdown')
        .map((part) => [part.id, part.attributes.label]),
    ).toEqual(FORM_FIELDS.map((field) => [field.id, field.label]));
  });

  it('opens from a plain link that fills in the value’s address', () => {
    const url = new URL(
      errorReportUrl('https://github.com/o/r/', {
        report: '2017-01-28',
        table: 'declined',
        jurisdiction: null,
        row: 4,
        field: 'criminal_activity',
        published: 'assault & "battery" <x>',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://github.com/o/r/issues/new');
    const ids = new Set<string>(FORM_FIELDS.map((field) => field.id));
    const filled = [...url.searchParams.keys()].filter((key) => ids.has(key));
    expect(Object.fromEntries(filled.map((key) => [key, url.searchParams.get(key)]))).toEqual({
      report: '2017-01-28',
      table: 'declined',
      row: '4',
      field: 'criminal_activity',
      published_value: 'assault & "battery" <x>',
    });
    expect(url.searchParams.get('template')).toBe(ERROR_REPORT_TEMPLATE);
  });
});
