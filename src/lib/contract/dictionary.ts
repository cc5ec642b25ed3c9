/** The data dictionary shown on /data/, generated from the contract's definitions. */
import { typeLabelOf } from './json-fields.ts';
import { csvTables, LIST_SEPARATOR, reportSpec } from './schema.ts';
import type { FieldSpec, FieldType } from './schema.ts';

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

const fieldTypeLabel: Record<FieldType, string> = {
  string: 'text',
  integer: 'whole number ≥ 0',
  date: 'date (YYYY-MM-DD)',
  url: 'web address',
  id: 'gazetteer id',
  enum: 'one of a list',
  usps: 'USPS state code',
  fips: 'FIPS code',
  list: `text list (separated by "${LIST_SEPARATOR}")`,
};

export function dataDictionary(): DictionaryTable[] {
  return [
    {
      key: reportSpec.key,
      title: reportSpec.title,
      path: reportSpec.path,
      description: reportSpec.description,
      entries: Object.entries(reportSpec.schema.shape).map(([name, field]) => ({
        name,
        type: typeLabelOf(field),
        // A field that may be left out reads as null: its schema has a default.
        required: !field.safeParse(undefined).success,
        description: field.description ?? '',
      })),
    },
    ...csvTables.map((table) => ({
      key: table.key,
      title: table.title,
      path: table.path,
      description: table.description,
      entries: (table.fields as readonly FieldSpec[]).map((field) => ({
        name: field.name,
        type: field.values ? `one of: ${field.values.join(', ')}` : fieldTypeLabel[field.type],
        required: field.required,
        description: field.description,
      })),
    })),
  ];
}
