/**
 * The data contract: every table of `data/` defined once. Types, the row validator, the Data
 * Package descriptor and the data dictionary are all derived from these definitions.
 */

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
/** Separator of the values in a `list` cell (aliases). */
export const LIST_SEPARATOR = '|';

export const JURISDICTION_KINDS = ['county', 'city', 'state', 'other'] as const;
export const COVERAGE_VALUES = ['complete', 'partial'] as const;
export const CORRECTION_KINDS = ['correction', 'withdrawal', 'dispute', 'transcription'] as const;
export const CORRECTION_TABLES = ['report', 'jurisdictions', 'declined'] as const;

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
        '`correction`: the publisher replaced a figure; `withdrawal`: the publisher said a figure or row was wrong without giving a replacement; `dispute`: someone else contests it, and the published figure stands; `transcription`: this archive fixed its own transcription, and the data now holds the fixed value.',
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
        'Which part of the report: its headline figures, a jurisdiction row, a Section II row.',
    },
    {
      name: 'jurisdiction',
      type: 'id',
      required: false,
      description: 'Gazetteer id of the jurisdiction concerned (required for `jurisdictions`).',
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
      maxLength: 50,
      description:
        'Column (or headline figure) concerned, e.g. `issued`; blank where the whole row is concerned.',
    },
    {
      name: 'published_value',
      type: 'string',
      required: false,
      maxLength: 200,
      description:
        'The value as published. The data keeps it (it must match), except after a `transcription` fix, where the data holds `stated_value`.',
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

export interface ReportSpecField {
  readonly name: string;
  readonly type: 'date' | 'string' | 'url' | 'enum' | 'figure' | 'links' | 'caveats' | 'sections';
  readonly required: boolean;
  readonly description: string;
  readonly values?: readonly string[];
}

export const reportSpec = {
  key: 'report',
  title: 'Report',
  path: 'reports/<week>/report.json',
  description:
    'One weekly report: its period, publication, headline figures (each with its source), coverage and caveats.',
  fields: [
    {
      name: 'period_start',
      type: 'date',
      required: true,
      description: 'First day of the recorded-declined window; names the folder.',
    },
    {
      name: 'period_end',
      type: 'date',
      required: true,
      description: 'Last day of the window, six days after the start.',
    },
    { name: 'title', type: 'string', required: true, description: 'Title line as printed.' },
    { name: 'published', type: 'date', required: true, description: 'Publication date.' },
    {
      name: 'published_source',
      type: 'url',
      required: true,
      description: 'Where the publication date comes from.',
    },
    {
      name: 'published_note',
      type: 'string',
      required: false,
      description: 'How certain the publication date is, e.g. when it is inferred.',
    },
    {
      name: 'copies',
      type: 'links',
      required: true,
      description: 'Known copies of the report: `{ "label", "url" }` each.',
    },
    {
      name: 'figures',
      type: 'figure',
      required: true,
      description: `Headline figures, each \`{ "value", "source", "note" }\`, value null where no source gives it: ${REPORT_FIGURES.map((f) => f.name).join(', ')}.`,
    },
    {
      name: 'coverage',
      type: 'enum',
      required: true,
      values: COVERAGE_VALUES,
      description:
        '`complete`: every jurisdiction row and count is transcribed, so they add up to the totals; `partial`: some are missing.',
    },
    {
      name: 'coverage_note',
      type: 'string',
      required: false,
      description: 'What is missing, required when coverage is partial.',
    },
    {
      name: 'section_titles',
      type: 'sections',
      required: false,
      description: 'Section titles as printed (`I`, `II`, `III`, `IV`).',
    },
    {
      name: 'caveats',
      type: 'caveats',
      required: true,
      description: 'The report\'s scope and fidelity caveats: `{ "text", "source" }` each.',
    },
  ],
} as const satisfies { fields: readonly ReportSpecField[] } & Record<string, unknown>;

// ---- Types derived from the definitions ----

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

export interface Figure {
  value: number | null;
  source: string | null;
  note: string | null;
}

export interface Link {
  label: string;
  url: string;
}

export interface Caveat {
  text: string;
  source: string;
}

export interface ReportMeta {
  period_start: string;
  period_end: string;
  title: string;
  published: string;
  published_source: string;
  published_note: string | null;
  copies: Link[];
  figures: Record<ReportFigureName, Figure>;
  coverage: (typeof COVERAGE_VALUES)[number];
  coverage_note: string | null;
  section_titles: Partial<Record<'I' | 'II' | 'III' | 'IV', string>>;
  caveats: Caveat[];
}

export const SECTION_NUMERALS = ['I', 'II', 'III', 'IV'] as const;

// ---- The Data Package descriptor ----

const frictionlessType: Record<FieldType, { type: string; format?: string }> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  date: { type: 'date' },
  url: { type: 'string', format: 'uri' },
  id: { type: 'string' },
  enum: { type: 'string' },
  usps: { type: 'string' },
  fips: { type: 'string' },
  list: { type: 'string' },
};

const fieldPattern: Partial<Record<FieldType, string>> = {
  id: ID_PATTERN.source,
  usps: '^[A-Z]{2}$',
  fips: '^(\\d{2}|\\d{5})$',
  date: DATE_PATTERN.source,
};

/** A Frictionless Table Schema for one table. */
export function tableSchema(table: TableSpec): Record<string, unknown> {
  return {
    fields: table.fields.map((field) => {
      const constraints: Record<string, unknown> = {};
      if (field.required) constraints['required'] = true;
      if (field.type === 'integer') constraints['minimum'] = 0;
      if (field.values) constraints['enum'] = [...field.values];
      const pattern = fieldPattern[field.type];
      if (pattern && field.type !== 'date') constraints['pattern'] = pattern;
      if (field.maxLength) constraints['maxLength'] = field.maxLength;
      return {
        name: field.name,
        ...frictionlessType[field.type],
        description: field.description,
        ...(Object.keys(constraints).length ? { constraints } : {}),
      };
    }),
    primaryKey: [...table.primaryKey],
    missingValues: [''],
  };
}

/** A JSON Schema for `report.json`, for readers outside the project. */
export function reportJsonSchema(): Record<string, unknown> {
  const figure = {
    type: 'object',
    required: ['value', 'source'],
    properties: {
      value: { type: ['integer', 'null'], minimum: 0 },
      source: { type: ['string', 'null'], format: 'uri' },
      note: { type: ['string', 'null'] },
    },
    additionalProperties: false,
  };
  const byType: Record<ReportSpecField['type'], Record<string, unknown>> = {
    date: { type: 'string', format: 'date' },
    string: { type: 'string' },
    url: { type: 'string', format: 'uri' },
    enum: { type: 'string' },
    figure: {
      type: 'object',
      required: REPORT_FIGURES.map((f) => f.name),
      properties: Object.fromEntries(REPORT_FIGURES.map((f) => [f.name, figure])),
      additionalProperties: false,
    },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'url'],
        properties: { label: { type: 'string' }, url: { type: 'string', format: 'uri' } },
      },
    },
    caveats: {
      type: 'array',
      items: {
        type: 'object',
        required: ['text', 'source'],
        properties: { text: { type: 'string' }, source: { type: 'string', format: 'uri' } },
      },
    },
    sections: {
      type: 'object',
      properties: Object.fromEntries(SECTION_NUMERALS.map((n) => [n, { type: 'string' }])),
      additionalProperties: false,
    },
  };
  const fields: readonly ReportSpecField[] = reportSpec.fields;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: reportSpec.title,
    description: reportSpec.description,
    type: 'object',
    required: fields.filter((f) => f.required).map((f) => f.name),
    properties: Object.fromEntries(
      fields.map((f) => [
        f.name,
        {
          ...byType[f.type],
          ...(f.values ? { enum: [...f.values] } : {}),
          description: f.description,
        },
      ]),
    ),
    additionalProperties: false,
  };
}

export interface WeekFiles {
  start: string;
  hasDeclined: boolean;
}

/** The `data/datapackage.json` descriptor for a data folder holding the given weeks. */
export function dataPackageDescriptor(weeks: readonly WeekFiles[]): Record<string, unknown> {
  const sorted = [...weeks].sort((a, b) => a.start.localeCompare(b.start));
  const weekly = (table: TableSpec, week: string) => ({
    name: `${table.key}-${week}`,
    path: table.path.replace('<week>', week),
    profile: 'tabular-data-resource',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    schema: `schemas/${table.key}.json`,
  });
  return {
    profile: 'tabular-data-package',
    name: 'declined-detainer-archive',
    title: 'Declined Detainer Archive',
    description:
      "ICE's weekly Declined Detainer Outcome Report, transcribed with a source for every figure, with corrections and disputes.",
    licenses: [{ name: 'CC0-1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/' }],
    resources: [
      ...[gazetteerTable, policiesTable, correctionsTable].map((table) => ({
        name: table.key,
        title: table.title,
        description: table.description,
        path: table.path,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: `schemas/${table.key}.json`,
      })),
      ...sorted.flatMap(({ start, hasDeclined }) => [
        {
          name: `report-${start}`,
          path: reportSpec.path.replace('<week>', start),
          format: 'json',
          mediatype: 'application/json',
          encoding: 'utf-8',
          jsonSchema: 'schemas/report.json',
        },
        weekly(reportJurisdictionsTable, start),
        ...(hasDeclined ? [weekly(declinedTable, start)] : []),
      ]),
    ],
  };
}

/** The descriptor's companion files, keyed by path relative to the data folder. */
export function schemaFiles(): Record<string, unknown> {
  return {
    ...Object.fromEntries(csvTables.map((t) => [`schemas/${t.key}.json`, tableSchema(t)])),
    'schemas/report.json': reportJsonSchema(),
  };
}

/** Serialises generated JSON the same way every time, so a stale committed file is detectable. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// ---- The data dictionary shown on /data/ ----

export interface DictionaryEntry {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface DictionaryTable {
  key: string;
  title: string;
  path: string;
  description: string;
  entries: DictionaryEntry[];
}

const typeLabel: Record<FieldType | ReportSpecField['type'], string> = {
  string: 'text',
  integer: 'whole number ≥ 0',
  date: 'date (YYYY-MM-DD)',
  url: 'web address',
  id: 'gazetteer id',
  enum: 'one of a list',
  usps: 'USPS state code',
  fips: 'FIPS code',
  list: `text list (separated by "${LIST_SEPARATOR}")`,
  figure: 'figures with sources',
  links: 'list of links',
  caveats: 'list of quoted caveats',
  sections: 'section titles',
};

export function dataDictionary(): DictionaryTable[] {
  const entry = (f: FieldSpec | ReportSpecField): DictionaryEntry => ({
    name: f.name,
    type: f.values ? `one of: ${f.values.join(', ')}` : typeLabel[f.type],
    required: f.required,
    description: f.description,
  });
  const reportFields: readonly ReportSpecField[] = reportSpec.fields;
  return [
    {
      key: reportSpec.key,
      title: reportSpec.title,
      path: reportSpec.path,
      description: reportSpec.description,
      entries: reportFields.map(entry),
    },
    ...csvTables.map((t) => ({
      key: t.key,
      title: t.title,
      path: t.path,
      description: t.description,
      entries: t.fields.map(entry),
    })),
  ];
}
