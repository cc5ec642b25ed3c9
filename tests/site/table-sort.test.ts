import { describe, expect, it } from 'vitest';
import {
  compareRows,
  matchesQuery,
  nextDirection,
  normalizeText,
  rowFromData,
  shownSummary,
} from '../../src/client/table-sort.ts';
import type { IndexRow, SortDirection, SortKey } from '../../src/client/table-sort.ts';

const row = (name: string, state: string, declined: number | null, reports: number): IndexRow => ({
  name,
  state,
  declined,
  reports,
  searchText: `${name} | ${state}`,
});

const rows = [
  row('Travis County', 'Texas', 7, 3),
  row('Doña Ana County', 'New Mexico', null, 2),
  row('Nassau County', 'New York', 0, 1),
  row('Williamson County', 'Texas', 2, 1),
  row('Washington County', 'Oregon', null, 1),
];
const order = (key: SortKey, direction: SortDirection) =>
  [...rows].sort((a, b) => compareRows(a, b, key, direction)).map((r) => r.name);

describe('jurisdiction index: filter', () => {
  it('ignores case, accents and extra spaces', () => {
    expect(normalizeText('  Doña   ANA  County ')).toBe('dona ana county');
  });

  it('matches every typed word anywhere in the name, aliases and state', () => {
    const travis = {
      ...row('Travis County', 'Texas', 7, 3),
      searchText: 'Travis County | Travis, TX | Texas',
    };
    expect(matchesQuery(travis, 'travis')).toBe(true);
    expect(matchesQuery(travis, 'texas county')).toBe(true);
    expect(matchesQuery(travis, 'travis, tx')).toBe(true);
    expect(matchesQuery(travis, 'travis oregon')).toBe(false);
    expect(matchesQuery(rows[1]!, 'dona ana')).toBe(true);
    expect(matchesQuery(travis, '   ')).toBe(true);
  });

  it('says how many rows are shown', () => {
    expect(shownSummary(2, 5)).toBe('2 of 5 jurisdictions shown.');
    expect(shownSummary(5, 5)).toBe('All 5 jurisdictions shown.');
    expect(shownSummary(1, 1)).toBe('All 1 jurisdiction shown.');
  });
});

describe('jurisdiction index: sort', () => {
  it('sorts names and states alphabetically, ties by state then name', () => {
    expect(order('name', 'ascending')).toEqual([
      'Doña Ana County',
      'Nassau County',
      'Travis County',
      'Washington County',
      'Williamson County',
    ]);
    expect(order('state', 'descending')).toEqual([
      'Travis County',
      'Williamson County',
      'Washington County',
      'Nassau County',
      'Doña Ana County',
    ]);
  });

  it('puts counts no report gives last, largest first or smallest first', () => {
    expect(order('declined', 'descending')).toEqual([
      'Travis County',
      'Williamson County',
      'Nassau County',
      'Doña Ana County',
      'Washington County',
    ]);
    expect(order('declined', 'ascending')).toEqual([
      'Nassau County',
      'Williamson County',
      'Travis County',
      'Doña Ana County',
      'Washington County',
    ]);
    expect(order('reports', 'descending').slice(0, 2)).toEqual([
      'Travis County',
      'Doña Ana County',
    ]);
  });

  it('toggles the sorted column and starts counts largest first, names A to Z', () => {
    expect(nextDirection({ key: 'name', direction: 'ascending' }, 'name')).toBe('descending');
    expect(nextDirection({ key: 'name', direction: 'descending' }, 'name')).toBe('ascending');
    expect(nextDirection({ key: 'name', direction: 'ascending' }, 'declined')).toBe('descending');
    expect(nextDirection({ key: 'declined', direction: 'descending' }, 'state')).toBe('ascending');
  });

  it('reads a row from its data attributes, an empty count as unknown', () => {
    expect(
      rowFromData({ name: 'A', state: 'Texas', declined: '', reports: '2', search: 'A | Texas' }),
    ).toEqual({ name: 'A', state: 'Texas', declined: null, reports: 2, searchText: 'A | Texas' });
    expect(rowFromData({ declined: '0', reports: '1' }).declined).toBe(0);
  });
});
