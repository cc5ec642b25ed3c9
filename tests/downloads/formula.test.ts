import { describe, expect, it } from 'vitest';
import { downloadCsv, isFormulaLike } from '../../src/lib/output/csv-export.ts';

describe('formula neutralisation in CSV downloads', () => {
  it.each(['=1+1', '+A1', '-A1', '@SUM(A1)', '\tx', '\rx', '-1+1', '=HYPERLINK("http://x","y")'])(
    'treats %j as a formula',
    (cell) => {
      expect(isFormulaLike(cell)).toBe(true);
    },
  );

  it.each(['-3', '+12', '-0.5', '42', 'Travis County', ''])('keeps %j as data', (cell) => {
    expect(isFormulaLike(cell)).toBe(false);
  });

  it('prefixes formula cells with an apostrophe and leaves signed numbers alone', () => {
    const csv = downloadCsv(
      ['change', 'note'],
      [
        [-3, '=1+1'],
        [4, '-A1'],
      ],
    );
    expect(csv).toBe("change,note\n-3,'=1+1\n4,'-A1\n");
  });
});
