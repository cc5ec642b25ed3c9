/**
 * The data contract: every table of `data/` and the shape of report.json, each defined once.
 * Types, the readers, the Data Package descriptor (datapackage.ts) and the data dictionary
 * (dictionary.ts) are all derived from these definitions.
 */

import type { z } from 'zod';
import {
  count,
  date,
  listOf,
  objectOf,
  oneOf,
  optional,
  optionalRecord,
  recordOf,
  required,
  requiredOrNull,
  sha256,
  text,
  topLevel,
  url,
} from './json-fields.ts';

export type FieldType =
  'string' | 'integer' | 'date' | 'url' | 'id' | 'enum' | 'usps' | 'fips' | 'list';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly description: string;
  /** Allowed values of an `enum` field. */
  readonly values?: readonly string[];
  /** Maximum length of a string, so a runaway cell cannot bloat every page. */
  readonly maxLength?: number;
}

export interface TableSpec {
  /** Stable key used in code and in the Data Package resource names. */
  readonly key: string;
  readonly title: string;
  /** Path relative to the data folder; `<week>` stands for a report folder. */
  readonly path: string;
  readonly description: string;
  readonly primaryKey: readonly string[];
  /** Whether a file that has a header but no rows is acceptable. */
  readonly allowEmpty: boolean;
  readonly fields: readonly FieldSpec[];
}

/** A slug of lower-case letters, digits and hyphens, e.g. `tx-travis-county`. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Two digits for a state, five for a county. */
export const FIPS_PATTERN = /^(\d{2}|\d{5})$/;
/** Separator of the values in a `list` cell (aliases). */
export const LIST_SEPARATOR = '|';

const JURISDICTION_KINDS = ['county', 'city', 'state', 'other'] as const;
export const COVERAGE_VALUES = ['complete', 'partial'] as const;
const CORRECTION_KINDS = ['correction', 'withdrawal', 'dispute', 'transcription'] as const;
const CORRECTION_TABLES = ['report', 'jurisdictions', 'declined', 'policies'] as const;

const source = (what: string) =>
  ({
    name: 'source',
    type: 'url',
    required: true,
    description: `Address of the public document that gives ${what}.`,
  }) as const;

export const gazetteerTable = {
  key: 'gazetteer',
  title: 'Jurisdictions (gazetteer)',
  path: 'jurisdictions.csv',
  description:
    'Every jurisdiction any report names, with a stable id. Report rows reference these ids, never free text, so similarly named places in different states cannot be confused.',
  primaryKey: ['id'],
  allowEmpty: false,
  fields: [
    {
      name: 'id',
      type: 'id',
      required: true,
      description: 'Stable slug: state code, then the name, e.g. `tx-travis-county`.',
    },
    {
      name: 'name',
      type: 'string',
      required: true,
      maxLength: 200,
      description: 'Display name, e.g. "Travis County".',
    },
    {
      name: 'state',
      type: 'usps',
      required: true,
      description: 'Two-letter USPS code of the state, e.g. `TX`.',
    },
    {
      name: 'kind',
      type: 'enum',
      required: true,
      values: JURISDICTION_KINDS,
      description: 'What sort of government the jurisdiction is.',
    },
    {
      name: 'fips',
      type: 'fips',
      required: false,
      description:
        'FIPS code where one exists: five digits for a county (checked against the us-atlas county list), two for a state.',
    },
    {
      name: 'map_fips',
      type: 'fips',
      required: false,
      description:
        'For a city or other jurisdiction that is not a county: the five-digit FIPS code of the county it lies in, used to place it on the map.',
    },
    {
      name: 'aor',
      type: 'string',
      required: false,
      maxLength: 100,
      description: 'ICE area of responsibility (field office), as the report prints it.',
    },
    {
      name: 'aliases',
      type: 'list',
      required: false,
      maxLength: 2000,
      description: `Other spellings used by ICE or the press, separated by "${LIST_SEPARATOR}".`,
    },
  ],
} as const satisfies TableSpec;

export const reportJurisdictionsTable = {
  key: 'jurisdictions',
  title: 'Jurisdictions named in one report',
  path: 'reports/<week>/jurisdictions.csv',
  description:
    'One row per jurisdiction the report names: detainers issued to it (Section I) and declined detainers recorded for it (Section II). A blank count is a value no source gives.',
  primaryKey: ['jurisdiction'],
  allowEmpty: false,
  fields: [
    {
      name: 'jurisdiction',
      type: 'id',
      required: true,
      description: 'Gazetteer id of the jurisdiction.',
    },
    {
      name: 'issued_rank',
      type: 'integer',
      required: false,
      description: 'Rank in the Section I table of detainers issued; blank where not ranked.',
    },
    {
      name: 'issued',
      type: 'integer',
      required: false,
      description:
        'Detainers issued to the jurisdiction during the week (Section I). Issued, not declined. Blank where the report gives none.',
    },
    {
      name: 'issued_source',
      type: 'url',
      required: false,
      description: 'Where the issued count comes from. Required when `issued` is given.',
    },
    {
      name: 'declined',
      type: 'integer',
      required: false,
      description:
        'Declined detainers recorded for the jurisdiction (Section II). Blank where the count is unknown.',
    },
    {
      name: 'declined_source',
      type: 'url',
      required: false,
      description:
        'Where the declined count, or the mention in Section II, comes from. Required when `declined` is given.',
    },
    {
      name: 'note',
      type: 'string',
      required: false,
      maxLength: 1000,
      description: 'Transcription note: disagreements between sources, what a figure covers.',
    },
  ],
} as const satisfies TableSpec;

export const declinedTable = {
  key: 'declined',
  title: 'Declined detainers (Section II rows)',
  path: 'reports/<week>/declined.csv',
  description:
    'One row per declined detainer transcribed from Section II. Optional: present only where rows have been transcribed; the report says whether all of them are.',
  primaryKey: ['row'],
  allowEmpty: false,
  fields: [
    {
      name: 'row',
      type: 'integer',
      required: true,
      description: 'Stable number of the row within this report, used by corrections.',
    },
    {
      name: 'jurisdiction',
      type: 'id',
      required: true,
      description: 'Gazetteer id of the jurisdiction that declined the detainer.',
    },
    {
      name: 'facility',
      type: 'string',
      required: false,
      maxLength: 200,
      description: 'Facility (jail) as printed.',
    },
    {
      name: 'citizenship',
      type: 'string',
      required: false,
      maxLength: 100,
      description: 'Country of citizenship as printed.',
    },
    {
      name: 'issued_date',
      type: 'date',
      required: false,
      description: 'Date the detainer was issued (YYYY-MM-DD).',
    },
    {
      name: 'declined_date',
      type: 'date',
      required: false,
      description:
        'Date ICE recorded the detainer as declined (YYYY-MM-DD); not necessarily the date of release.',
    },
    {
      name: 'criminal_activity',
      type: 'string',
      required: false,
      maxLength: 500,
      description:
        'Notable criminal activity as printed; the report tells charges from convictions.',
    },
    source('the row'),
    {
      name: 'note',
      type: 'string',
      required: false,
      maxLength: 1000,
      description: 'Transcription note.',
    },
  ],
} as const satisfies TableSpec;

export const policiesTable = {
  key: 'policies',
  title: 'Policies (Section III)',
  path: 'policies.csv',
  description:
    'Rows of the table of jurisdictions that have enacted policies which limit or restrict cooperation with ICE, as the report prints them.',
  primaryKey: ['jurisdiction', 'first_report'],
  allowEmpty: true,
  fields: [
    { name: 'jurisdiction', type: 'id', required: true, description: 'Gazetteer id.' },
    {
      name: 'listed_as',
      type: 'string',
      required: false,
      maxLength: 200,
      description: 'The "Jurisdiction (AOR)" cell as printed.',
    },
    {
      name: 'date_enacted',
      type: 'string',
      required: false,
      maxLength: 50,
      description: 'Date enacted as printed, e.g. "January 2017".',
    },
    {
      name: 'policy',
      type: 'string',
      required: false,
      maxLength: 1000,
      description: 'Policy as printed.',
    },
    {
      name: 'criteria',
      type: 'string',
      required: false,
      maxLength: 2000,
      description: 'Criteria for honoring a detainer, as printed.',
    },
    {
      name: 'first_report',
      type: 'date',
      required: true,
      description: 'Period start of the first report known to list the row.',
    },
    source('the row'),
    {
      name: 'note',
      type: 'string',
      required: false,
      maxLength: 1000,
      description: 'Transcription note, e.g. where the source truncates the text.',
    },
  ],
} as const satisfies TableSpec;

export const correctionsTable = {
  key: 'corrections',
  title: 'Corrections and disputes',
  path: 'corrections.csv',
  description:
    'Every correction ICE published and every dispute a jurisdiction or source raised, dated and sourced. Published rows are never deleted: they stay as published, and a page shows them beside their correction.',
  primaryKey: ['id'],
  allowEmpty: true,
  fields: [
    { name: 'id', type: 'id', required: true, description: 'Stable slug of the entry.' },
    {
      name: 'date',
      type: 'date',
      required: true,
      description: 'Date the correction or dispute was made public.',
    },
    {
      name: 'kind',
      type: 'enum',
      required: true,
      values: CORRECTION_KINDS,
      description:
        '`correction`: the publisher replaced a figure; `withdrawal`: the publisher said a figure or row was wrong without giving a replacement; `dispute`: someone else contests it. The data keeps the published figure for all three. `transcription`: this archive fixed its own transcription, and the data now holds the fixed value (the only kind that changes the data).',
    },
    {
      name: 'report',
      type: 'date',
      required: true,
      description: 'Period start of the report concerned.',
    },
    {
      name: 'table',
      type: 'enum',
      required: true,
      values: CORRECTION_TABLES,
      description:
        'Which part of the report: its headline figures (report.json), a jurisdiction row (its jurisdictions.csv), a Section II row (declined.csv), or a Section III row it first listed (policies.csv).',
    },
    {
      name: 'jurisdiction',
      type: 'id',
      required: false,
      description:
        'Gazetteer id of the jurisdiction concerned (required for `jurisdictions` and `policies`).',
    },
    {
      name: 'row',
      type: 'integer',
      required: false,
      description: 'The `row` number in declined.csv (required for `declined`).',
    },
    {
      name: 'field',
      type: 'string',
      required: false,
      maxLength: 200,
      description:
        "The value concerned: a column of the row (e.g. `issued`), or for the report table the JSON path of a value of report.json (e.g. `figures.detainers_issued.value`, `caveats.0.text`; a headline figure's name alone stands for its value); blank where the whole row is concerned.",
    },
    {
      name: 'published_value',
      type: 'string',
      required: false,
      maxLength: 200,
      description:
        'The value as published. The data keeps it (it must match), except after a `transcription` fix, where the data holds `stated_value` and this is the value the fix replaced.',
    },
    {
      name: 'stated_value',
      type: 'string',
      required: false,
      maxLength: 200,
      description: 'The value the correction or dispute gives; blank where it gives none.',
    },
    {
      name: 'by',
      type: 'string',
      required: true,
      maxLength: 200,
      description: 'Who made the correction or raised the dispute.',
    },
    {
      name: 'statement',
      type: 'string',
      required: true,
      maxLength: 2000,
      description: 'What changed or what is contested, in the words of the source where possible.',
    },
    source('the correction or dispute'),
  ],
} as const satisfies TableSpec;

export const csvTables = [
  gazetteerTable,
  reportJurisdictionsTable,
  declinedTable,
  policiesTable,
  correctionsTable,
] as const;

/** The headline figures of `report.json`, each carrying its own source. */
export const REPORT_FIGURES = [
  {
    name: 'detainers_issued',
    label: 'Detainers issued nationwide',
    description: 'Detainers ICE issued throughout the United States during the week.',
  },
  {
    name: 'declined_total',
    label: 'Declined detainers recorded',
    description: 'Detainers the report records as declined during the week.',
  },
  {
    name: 'states_with_declines',
    label: 'States with declined detainers',
    description: 'States in which the recorded declined detainers occurred.',
  },
  {
    name: 'facilities_with_declines',
    label: 'Jails with declined detainers',
    description: 'Facilities (jails) in which the recorded declined detainers occurred.',
  },
  {
    name: 'section_i_total',
    label: 'Detainers issued to the Section I jurisdictions',
    description:
      'Sum of the Section I table: detainers issued (not declined) to its jurisdictions.',
  },
  {
    name: 'section_iii_entries',
    label: 'Jurisdictions in the policy table (Section III)',
    description: 'Entries in the table of jurisdictions with policies limiting cooperation.',
  },
  {
    name: 'pages',
    label: 'Pages',
    description: 'Pages in the report as published.',
  },
] as const;

export type ReportFigureName = (typeof REPORT_FIGURES)[number]['name'];

export const SECTION_NUMERALS = ['I', 'II', 'III', 'IV'] as const;

/** Free texts of report.json (notes, caveats) may quote a whole paragraph of the report. */
const LONG_TEXT = 20_000;
/** A title or a label is one line of the report or of a web page. */
const LINE_TEXT = 1_000;

const figureShape = objectOf({
  value: requiredOrNull(count),
  source: requiredOrNull(url),
  note: optional(text(LONG_TEXT)),
});

const originalPdfFields = {
  file: required(oneOf(['report.pdf'])),
  sha256: required(sha256),
  bytes: required(count),
  retrieved: required(date),
  url: required(url),
};

/**
 * report.json, as a zod schema: the type (`ReportMeta`), the reader (report-json.ts), the
 * published JSON Schema (datapackage.ts) and the data dictionary all come from it.
 */
const reportShape = topLevel(
  objectOf({
    period_start: required(date, {
      description: 'First day of the recorded-declined window; names the folder.',
    }),
    period_end: required(date, {
      description: 'Last day of the window, six days after the start.',
    }),
    title: required(text(LINE_TEXT), { description: 'Title line as printed.' }),
    published: required(date, { description: 'Publication date.' }),
    published_source: required(url, { description: 'Where the publication date comes from.' }),
    published_note: optional(text(LONG_TEXT), {
      description: 'How certain the publication date is, e.g. when it is inferred.',
    }),
    copies: required(listOf(objectOf({ label: required(text(LINE_TEXT)), url: required(url) })), {
      typeLabel: 'list of links',
      description: 'Known copies of the report: `{ "label", "url" }` each.',
    }),
    figures: required(
      recordOf(
        REPORT_FIGURES.map((figure) => figure.name),
        figureShape,
        true,
      ),
      {
        typeLabel: 'figures with sources',
        description: `Headline figures, each \`{ "value", "source", "note" }\`, value null where no source gives it: ${REPORT_FIGURES.map((f) => f.name).join(', ')}.`,
      },
    ),
    coverage: required(oneOf(COVERAGE_VALUES), {
      description:
        '`complete`: every jurisdiction row and count is transcribed, so they add up to the totals; `partial`: some are missing.',
    }),
    coverage_note: optional(text(LONG_TEXT), {
      description: 'What is missing, required when coverage is partial.',
    }),
    section_titles: optionalRecord(recordOf(SECTION_NUMERALS, text(LINE_TEXT), false), {
      typeLabel: 'section titles',
      description: 'Section titles as printed (`I`, `II`, `III`, `IV`).',
    }),
    original: optional(objectOf(originalPdfFields), {
      typeLabel: 'the PDF as published',
      description:
        'The report\'s PDF as ICE published it, kept beside this file as `report.pdf`: `{ "file", "sha256", "bytes", "retrieved", "url" }`, the digest and size of its bytes, the day it was retrieved and the address it was retrieved from. Absent where the archive holds no copy.',
    }),
    caveats: required(
      listOf(objectOf({ text: required(text(LONG_TEXT)), source: required(url) })),
      {
        typeLabel: 'list of quoted caveats',
        description: 'The report\'s scope and fidelity caveats: `{ "text", "source" }` each.',
      },
    ),
  }),
);

export const reportSpec = {
  key: 'report',
  title: 'Report',
  path: 'reports/<week>/report.json',
  description:
    'One weekly report: its period, publication, headline figures (each with its source), coverage and caveats.',
  schema: reportShape,
};

/** One report's metadata, as report.json holds it. */
export type ReportMeta = z.output<typeof reportShape>;
export type Figure = ReportMeta['figures'][ReportFigureName];
export type Link = ReportMeta['copies'][number];
export type Caveat = ReportMeta['caveats'][number];
export type OriginalPdf = NonNullable<ReportMeta['original']>;
export const ORIGINAL_PDF_FIELDS = Object.keys(originalPdfFields) as (keyof OriginalPdf)[];

/** The report's PDF, kept as published; report.json's `original` describes it. */
export const originalPdfSpec = {
  key: 'original',
  title: 'Report as ICE published it (PDF)',
  path: 'reports/<week>/report.pdf',
  description:
    'The PDF as ICE published it, byte for byte. Its SHA-256 digest and size are in report.json; a published PDF never changes.',
  mediatype: 'application/pdf',
} as const;

/** The files of a report folder; only the first two must be there. A binary one is not text. */
export const REPORT_FOLDER_FILES = [
  { spec: reportSpec, required: true, binary: false },
  { spec: reportJurisdictionsTable, required: true, binary: false },
  { spec: declinedTable, required: false, binary: false },
  { spec: originalPdfSpec, required: false, binary: true },
].map(({ spec, required, binary }) => ({
  name: spec.path.slice(spec.path.lastIndexOf('/') + 1),
  required,
  binary,
}));

// ---- Row types derived from the table definitions ----

interface FieldTypeMap {
  string: string;
  integer: number;
  date: string;
  url: string;
  id: string;
  enum: string;
  usps: string;
  fips: string;
  list: string[];
}

type FieldValue<F extends FieldSpec> = F extends { type: 'enum'; values: readonly (infer V)[] }
  ? V
  : FieldTypeMap[F['type']];

type RowOf<T extends TableSpec> = {
  -readonly [F in T['fields'][number] as F['name']]: F['required'] extends true
    ? FieldValue<F>
    : F['type'] extends 'list'
      ? FieldValue<F>
      : FieldValue<F> | null;
};

export type GazetteerRow = RowOf<typeof gazetteerTable>;
export type ReportJurisdictionRow = RowOf<typeof reportJurisdictionsTable>;
export type DeclinedRow = RowOf<typeof declinedTable>;
export type PolicyRow = RowOf<typeof policiesTable>;
export type CorrectionRow = RowOf<typeof correctionsTable>;
export type AnyRow = Record<string, string | number | string[] | null>;
