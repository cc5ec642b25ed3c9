/**
 * The "report an error" issue form, defined once: its fields (each the corrections.csv column it
 * fills), the link beside every published value that opens it filled in, and the YAML GitHub
 * reads (.github/ISSUE_TEMPLATE/report-an-error.yml, written from here and checked by a test).
 */
import type { CorrectionRow } from '../contract/schema.ts';

/** One published value, addressed as a corrections.csv entry names it. */
export interface ValueAddress {
  report: string;
  table: CorrectionRow['table'];
  /** The jurisdiction id of a jurisdiction or Section III row; null for the others. */
  jurisdiction: string | null;
  /** The row number of a Section II row; null for the others. */
  row: number | null;
  /** The column, or report.json's value by name or JSON path; null for a whole row. */
  field: string | null;
  /** The value as published, as corrections.csv writes it; null where it is blank. */
  published: string | null;
}

export const ERROR_REPORT_TEMPLATE = 'report-an-error.yml';
/** The label GitHub gives every issue opened with the form. */
export const ERROR_REPORT_LABEL = 'error-report';
/** The labels a maintainer applies to accept a report, each naming the entry's kind. */
export const ACCEPT_LABELS = {
  'accepted: dispute': 'dispute',
  'accepted: correction': 'correction',
  'accepted: transcription': 'transcription',
} as const satisfies Record<string, CorrectionRow['kind']>;

interface FormField {
  /** The field's id: the query parameter that fills it in. */
  id: string;
  label: string;
  description: string;
  required: boolean;
  multiline?: boolean;
}

/** The form's fields in order. Their labels are the headings of the issue's text. */
export const FORM_FIELDS = [
  {
    id: 'report',
    label: 'Report (period start)',
    description: 'The week of the report, as YYYY-MM-DD. Filled in by the link you followed.',
    required: true,
  },
  {
    id: 'table',
    label: 'Part of the report',
    description:
      'report (a headline figure), jurisdictions (a count per jurisdiction), declined (a Section II row) or policies (a Section III row).',
    required: true,
  },
  {
    id: 'jurisdiction',
    label: 'Jurisdiction',
    description: 'The archive’s id of the jurisdiction, where the value belongs to one.',
    required: false,
  },
  {
    id: 'row',
    label: 'Section II row',
    description: 'The row number, for a Section II value.',
    required: false,
  },
  {
    id: 'field',
    label: 'Value',
    description: 'Which value of the row or report; blank where the whole row is wrong.',
    required: false,
  },
  {
    id: 'published_value',
    label: 'Value as published',
    description: 'The value as the archive shows it, as ICE published it.',
    required: false,
  },
  {
    id: 'stated_value',
    label: 'What you say is right',
    description: 'The right value, if you know it; blank if you dispute the value without one.',
    required: false,
  },
  {
    id: 'by',
    label: 'Who you are (optional)',
    description:
      'Your name, or the office you speak for. Left blank, the archive names you as a reader.',
    required: false,
  },
  {
    id: 'source',
    label: 'Source',
    description:
      'A web address that shows the right value or your statement (a news release, a record). Left blank, this issue is the source.',
    required: false,
  },
  {
    id: 'statement',
    label: 'Statement',
    description: 'What is wrong, in your words or in the words of your source.',
    required: true,
    multiline: true,
  },
] as const satisfies readonly FormField[];

export type FormFieldId = (typeof FORM_FIELDS)[number]['id'];

/** What the form tells the reader first, in plain words. */
export const FORM_INTRO = [
  'Thank you for checking the figures. Everything you write here is public.',
  'A maintainer reads every report. If they accept it, it becomes an entry in the archive’s list of corrections and disputes, added by a pull request that names this issue, and the page shows it beside the value.',
  'The value stays as ICE published it: the archive never overwrites a published figure. A dispute or a correction is shown beside it, with who made it, when, and the source. Only an error in the archive’s own copy of the report is fixed in the data, and that fix is listed too.',
];

/** A page of the repository at `repository` (https://github.com/o/r, with or without a slash). */
const repositoryUrl = (repository: string, path: string) =>
  new URL(path, repository.endsWith('/') ? repository : `${repository}/`);

/**
 * The link that opens the form with the value's address filled in: a plain link, so it works
 * without JavaScript. `repository` is the repository's web address (https://github.com/o/r).
 */
export function errorReportUrl(repository: string, address: ValueAddress): string {
  const url = repositoryUrl(repository, 'issues/new');
  const where =
    address.table === 'declined'
      ? `row ${address.row}`
      : address.table === 'report'
        ? 'headline'
        : address.jurisdiction;
  const title = `Error report: ${address.report} ${address.table} ${where}${address.field ? ` ${address.field}` : ''}`;
  const values: Record<string, string | null> = {
    template: ERROR_REPORT_TEMPLATE,
    title,
    report: address.report,
    table: address.table,
    jurisdiction: address.jurisdiction,
    row: address.row === null ? null : String(address.row),
    field: address.field,
    published_value: address.published,
  };
  for (const [name, value] of Object.entries(values))
    if (value !== null) url.searchParams.set(name, value);
  return url.href;
}

/** The repository's list of error reports still open: those a maintainer has not yet decided. */
export function openReportsUrl(repository: string): string {
  const url = repositoryUrl(repository, 'issues');
  url.searchParams.set('q', `is:issue is:open label:${ERROR_REPORT_LABEL}`);
  return url.href;
}

/**
 * A quoted YAML string as Prettier writes it: in single quotes where nothing needs escaping,
 * else in double quotes, where JSON's escapes are YAML's.
 */
const yamlString = (text: string) => (/[\n\\"']/.test(text) ? JSON.stringify(text) : `'${text}'`);

/** The issue form as GitHub reads it (docs: "Syntax for issue forms"). */
export function issueFormYaml(): string {
  const lines = [
    '# Written by `npm run issue-form` from src/lib/intake/form.ts; edit that file, not this one.',
    `name: ${yamlString('Report an error or dispute a figure')}`,
    `description: ${yamlString('Say that a value the archive publishes is wrong, and what is right.')}`,
    `title: ${yamlString('Error report: ')}`,
    `labels: [${yamlString(ERROR_REPORT_LABEL)}]`,
    'body:',
    '  - type: markdown',
    '    attributes:',
    `      value: ${yamlString(FORM_INTRO.join('\n\n'))}`,
  ];
  for (const field of FORM_FIELDS as readonly FormField[]) {
    lines.push(
      `  - type: ${field.multiline ? 'textarea' : 'input'}`,
      `    id: ${field.id}`,
      '    attributes:',
      `      label: ${yamlString(field.label)}`,
      `      description: ${yamlString(field.description)}`,
      '    validations:',
      `      required: ${field.required}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
