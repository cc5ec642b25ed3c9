/**
 * The Frictionless Data Package that describes a data folder (`datapackage.json` and
 * `schemas/*.json`), generated from the contract so outside readers get the same rules the
 * validator applies. The validator checks that the committed files equal what this generates.
 */
import { jsonSchemaOf } from './json-shape.ts';
import type { LocatedDataset } from './load.ts';
import {
  correctionsTable,
  csvTables,
  DATE_PATTERN,
  FIPS_PATTERN,
  declinedTable,
  gazetteerTable,
  ID_PATTERN,
  policiesTable,
  reportJurisdictionsTable,
  reportSpec,
} from './schema.ts';
import type { FieldType, TableSpec } from './schema.ts';

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
  fips: FIPS_PATTERN.source,
  date: DATE_PATTERN.source,
};

/** A Frictionless Table Schema for one table. */
function tableSchema(table: TableSpec): Record<string, unknown> {
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
function reportJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: reportSpec.title,
    description: reportSpec.description,
    ...jsonSchemaOf(reportSpec.shape),
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

/**
 * JSON as the project writes it to a file: two-space indents and a final newline, the same bytes
 * every time, so a stale committed file is detectable.
 */
export function jsonFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The generated descriptor files a data folder must hold, by path, as their text. */
export function generatedFiles(data: LocatedDataset): Record<string, string> {
  const weeks = data.weeks.map((w) => ({ start: w.start, hasDeclined: w.declined !== null }));
  return {
    'datapackage.json': jsonFileText(dataPackageDescriptor(weeks)),
    ...Object.fromEntries(
      Object.entries(schemaFiles()).map(([path, json]) => [path, jsonFileText(json)]),
    ),
  };
}
