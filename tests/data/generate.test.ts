import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../scripts/lib/generate.ts';
import { checkDataset } from '../../src/lib/contract/load.ts';
import type { DataSource } from '../../src/lib/contract/source.ts';

const asSource = (files: Record<string, string>): DataSource => ({
  label: 'memory',
  files: () => Object.keys(files).sort(),
  read: (path) => (path in files ? new TextEncoder().encode(files[path]) : null),
});

describe('the synthetic data generator', () => {
  const options = { weeks: 12, seed: 7, jurisdictions: 400, declinedPerWeek: 60 };

  it('writes valid data in the contract format', () => {
    const { data, issues } = checkDataset(asSource(generateDataset(options)));
    expect(issues).toEqual([]);
    expect(data.weeks).toHaveLength(12);
    expect(data.weeks.some((w) => w.meta?.coverage === 'partial')).toBe(true);
    expect(data.weeks.some((w) => w.declined && w.declined.length > 0)).toBe(true);
  });

  it('writes a valid gazetteer at its full default size, the one the bench uses', () => {
    const { issues } = checkDataset(asSource(generateDataset({ weeks: 2, seed: 1 })));
    expect(issues).toEqual([]);
  });

  it('gives the same files for the same seed, and different ones for another', () => {
    const first = generateDataset(options);
    expect(generateDataset(options)).toEqual(first);
    expect(
      generateDataset({ ...options, seed: 8 })['reports/2017-01-28/jurisdictions.csv'],
    ).not.toBe(first['reports/2017-01-28/jurisdictions.csv']);
  });

  it('draws heavy-tailed counts: the largest jurisdiction far above the median', () => {
    const { data } = checkDataset(asSource(generateDataset({ ...options, weeks: 30 })));
    const totals = new Map<string, number>();
    for (const week of data.weeks) {
      for (const { row } of week.jurisdictions) {
        totals.set(row.jurisdiction, (totals.get(row.jurisdiction) ?? 0) + (row.declined ?? 0));
      }
    }
    const sorted = [...totals.values()].sort((a, b) => b - a);
    expect(sorted[0]!).toBeGreaterThan(10 * sorted[Math.floor(sorted.length / 2)]!);
  });
});
