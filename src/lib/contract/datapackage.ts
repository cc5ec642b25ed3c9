/**
 * The Frictionless Data Package that describes a data folder (`datapackage.json` and
 * `schemas/*.json`), generated from the contract so outside readers get the same rules the
 * validator applies. The validator checks that the committed files equal what this generates.
 */
import { ARCHIVE_NAME, dataCitation } from './citation.ts';
import { z } from 'zod';
import { WEB_ADDRESS_PATTERN } from './json-fields.ts';
import type { LocatedDataset } from './located.ts';
import {
  correctionsTable,
  csvTables,
  FIPS_PATTERN,
  declinedTable,
  gazetteerTable,
  ID_PATTERN,
  originalPdfSpec,
  policiesTable,
  reportJurisdictionsTable,
  reportSpec,
} from './schema.ts';
import type { FieldType, OriginalPdf, TableSpec } from './schema.ts';

/**
 * Table Schema types of the contract's field types. A list (aliases) is a string: Table Schema's
 * `array` is a JSON array, not "|"-separated text.
 */
const frictionlessType: Record<FieldType, string> = {
  string: 'string',
  integer: 'integer',
  date: 'date',
  url: 'string',
  id: 'string',
  enum: 'string',
  usps: 'string',
  fips: 'string',
  list: 'string',
};

/**
 * Patterns of the string-typed fields. A `date` has none: Table Schema readers check a pattern
 * against the cast value, which for a date is no longer the YYYY-MM-DD text.
 */
const fieldPattern: Partial<Record<FieldType, string>> = {
  id: ID_PATTERN.source,
  usps: '^[A-Z]{2}$',
  fips: FIPS_PATTERN.source,
  url: WEB_ADDRESS_PATTERN,
};

/**
 * The CSV dialect the contract reads (csv.ts), stated so that readers need not guess it:
 * Frictionless's JavaScript library otherwise sniffs the delimiter from the first chunk, and
 * takes a space for it in a file whose first row holds a long quoted note. No `lineTerminator`:
 * the contract accepts LF and CRLF alike, so no single value would be true of every file.
 */
const CSV_DIALECT = {
  delimiter: ',',
  doubleQuote: true,
  quoteChar: '"',
  skipInitialSpace: false,
  header: true,
  caseSensitiveHeader: true,
} as const;

/** A Frictionless Table Schema for one table. */
function tableSchema(table: TableSpec): Record<string, unknown> {
  return {
    fields: table.fields.map((field) => {
      const constraints: Record<string, unknown> = {};
      if (field.required) constraints['required'] = true;
      if (field.type === 'integer') constraints['minimum'] = 0;
      if (field.values) constraints['enum'] = [...field.values];
      const pattern = fieldPattern[field.type];
      if (pattern) constraints['pattern'] = pattern;
      if (field.maxLength) constraints['maxLength'] = field.maxLength;
      return {
        name: field.name,
        type: frictionlessType[field.type],
        description: field.description,
        ...(Object.keys(constraints).length ? { constraints } : {}),
      };
    }),
    primaryKey: [...table.primaryKey],
    missingValues: [''],
  };
}

/** A JSON Schema for `report.json`, for readers outside the project. */
function reportJsonSchema(): Record<string, unknown> {
  // The file as written: a field with a default may be left out (io: 'input').
  const { $schema, ...schema } = z.toJSONSchema(reportSpec.schema, {
    target: 'draft-2020-12',
    io: 'input',
  });
  return { $schema, title: reportSpec.title, description: reportSpec.description, ...schema };
}

export interface WeekFiles {
  start: string;
  hasDeclined: boolean;
  /** The kept PDF, as report.json describes it. */
  original: OriginalPdf | null;
}

/** A CSV file of the contract as a Tabular Data Resource, with `about` (title, description). */
function tabularResource(
  table: TableSpec,
  name: string,
  path: string,
  about: { title?: string; description?: string } = {},
): Record<string, unknown> {
  return {
    name,
    ...about,
    path,
    profile: 'tabular-data-resource',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: CSV_DIALECT,
    schema: `schemas/${table.key}.json`,
  };
}

/** The kept PDF as a (non-tabular) Data Resource, with the size and digest that identify it. */
function originalResource(start: string, original: OriginalPdf): Record<string, unknown> {
  return {
    name: `${originalPdfSpec.key}-${start}`,
    title: originalPdfSpec.title,
    description: originalPdfSpec.description,
    path: originalPdfSpec.path.replace('<week>', start),
    profile: 'data-resource',
    format: 'pdf',
    mediatype: originalPdfSpec.mediatype,
    bytes: original.bytes,
    hash: `sha256:${original.sha256}`,
    sources: [{ title: 'Retrieved from', path: original.url }],
  };
}

/**
 * The `data/datapackage.json` descriptor for a data folder holding the given weeks. A plain
 * `data-package`, not a `tabular-data-package`: report.json resources are not tables.
 */
export function dataPackageDescriptor(weeks: readonly WeekFiles[]): Record<string, unknown> {
  const sorted = [...weeks].sort((a, b) => a.start.localeCompare(b.start));
  const weekly = (table: TableSpec, week: string) =>
    tabularResource(table, `${table.key}-${week}`, table.path.replace('<week>', week));
  return {
    profile: 'data-package',
    name: 'declined-detainer-archive',
    title: ARCHIVE_NAME,
    description:
      "ICE's weekly Declined Detainer Outcome Report, transcribed with a source for every figure, with corrections and disputes.",
    citation: dataCitation(
      sorted.map(({ start, original }) => ({ start, retrieved: original?.retrieved ?? null })),
    ),
    licenses: [{ name: 'CC0-1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/' }],
    resources: [
      ...[gazetteerTable, policiesTable, correctionsTable].map((table) =>
        tabularResource(table, table.key, table.path, {
          title: table.title,
          description: table.description,
        }),
      ),
      ...sorted.flatMap(({ start, hasDeclined, original }) => [
        {
          name: `report-${start}`,
          path: reportSpec.path.replace('<week>', start),
          profile: 'data-resource',
          format: 'json',
          mediatype: 'application/json',
          encoding: 'utf-8',
          jsonSchema: 'schemas/report.json',
        },
        weekly(reportJurisdictionsTable, start),
        ...(hasDeclined ? [weekly(declinedTable, start)] : []),
        ...(original ? [originalResource(start, original)] : []),
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

/**
 * JSON as the project writes it to a file: two-space indents and a final newline, the same bytes
 * every time, so a stale committed file is detectable.
 */
export function jsonFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The generated descriptor files a data folder must hold, by path, as their text. */
export function generatedFiles(data: LocatedDataset): Record<string, string> {
  const weeks = data.weeks.map((w) => ({
    start: w.start,
    hasDeclined: w.declined !== null,
    original: w.meta?.original ?? null,
  }));
  return {
    'datapackage.json': jsonFileText(dataPackageDescriptor(weeks)),
    ...Object.fromEntries(
      Object.entries(schemaFiles()).map(([path, json]) => [path, jsonFileText(json)]),
    ),
  };
}
