import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataDictionary } from '../../src/lib/contract/dictionary.ts';

/** The JSON Schema of report.json as published beside the shipped data. */
const published = JSON.parse(readFileSync('data/schemas/report.json', 'utf8')) as {
  required: string[];
  properties: Record<string, { description?: string }>;
};

describe('the data dictionary of report.json', () => {
  const report = dataDictionary().find((table) => table.key === 'report')!;

  it('lists every field of the published schema once, required where the schema requires it', () => {
    expect(report.entries.map((entry) => entry.name)).toEqual(Object.keys(published.properties));
    for (const entry of report.entries) {
      expect(entry.required, entry.name).toBe(published.required.includes(entry.name));
      expect(entry.description, entry.name).toBe(published.properties[entry.name]!.description);
    }
  });

  it('names each type by its kind, or by the label its field gives', () => {
    const types = Object.fromEntries(report.entries.map((entry) => [entry.name, entry.type]));
    expect(types).toMatchObject({
      period_start: 'date (YYYY-MM-DD)',
      title: 'text',
      published_source: 'web address',
      published_note: 'text',
      copies: 'list of links',
      figures: 'figures with sources',
      coverage: 'one of: complete, partial',
      section_titles: 'section titles',
      original: 'the PDF as published',
    });
  });
});
