/**
 * The jurisdiction index's filter and sort, as pure functions: the page's script
 * (src/client/jurisdiction-index.ts) reads each row's values from data attributes written at
 * build time and applies these. Kept free of imports so the script stays small.
 */

export const SORT_KEYS = ['name', 'state', 'declined', 'reports'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface IndexRow {
  name: string;
  state: string;
  /** Sum of known declined counts; null where no report gives one. */
  declined: number | null;
  reports: number;
  /** Everything a reader may type to find the row: name, aliases, state. */
  searchText: string;
}

type CountKey = 'declined' | 'reports';
const isCount = (key: SortKey): key is CountKey => key === 'declined' || key === 'reports';

/** Lower case, without accents, single spaces: "Doña Ana  County" → "dona ana county". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether every word the reader typed appears in the row's text (in any order). */
export function matchesQuery(row: IndexRow, query: string): boolean {
  const words = normalizeText(query).split(' ').filter(Boolean);
  const text = normalizeText(row.searchText);
  return words.every((word) => text.includes(word));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Orders two rows by a column. A count no report gives sorts last in both directions: it is
 * unknown, not small. Ties fall back to state, then name, so the order never depends on the
 * order rows came in.
 */
export function compareRows(
  a: IndexRow,
  b: IndexRow,
  key: SortKey,
  direction: SortDirection,
): number {
  const sign = direction === 'ascending' ? 1 : -1;
  let result = 0;
  if (isCount(key)) {
    const [x, y] = [a[key], b[key]];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else result = sign * (x - y);
  } else result = sign * collator.compare(a[key], b[key]);
  return result || collator.compare(a.state, b.state) || collator.compare(a.name, b.name);
}

/**
 * The direction after a click on a column's button: the other direction on the sorted column;
 * on another column, largest first for counts and A to Z for names.
 */
export function nextDirection(
  current: { key: SortKey; direction: SortDirection },
  clicked: SortKey,
): SortDirection {
  if (current.key === clicked) {
    return current.direction === 'ascending' ? 'descending' : 'ascending';
  }
  return isCount(clicked) ? 'descending' : 'ascending';
}

/** A row's values from its `data-*` attributes (see JurisdictionsTable.astro). */
export function rowFromData(data: Record<string, string | undefined>): IndexRow {
  const count = (value: string | undefined) =>
    value === undefined || value === '' ? null : Number(value);
  return {
    name: data['name'] ?? '',
    state: data['state'] ?? '',
    declined: count(data['declined']),
    reports: count(data['reports']) ?? 0,
    searchText: data['search'] ?? '',
  };
}

/** What the live region says after filtering. */
export function shownSummary(shown: number, total: number): string {
  const noun = total === 1 ? 'jurisdiction' : 'jurisdictions';
  return shown === total ? `All ${total} ${noun} shown.` : `${shown} of ${total} ${noun} shown.`;
}
