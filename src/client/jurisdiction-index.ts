/**
 * The jurisdiction index's filter-as-you-type and sortable columns. The full table is in the
 * HTML; this only hides rows and reorders them, and the filter box stays hidden until it runs.
 */
import {
  compareRows,
  matchesQuery,
  nextDirection,
  rowFromData,
  shownSummary,
  SORT_KEYS,
} from './table-sort.ts';
import type { SortDirection, SortKey } from './table-sort.ts';

const table = document.querySelector<HTMLTableElement>('#jurisdiction-index');
const filter = document.querySelector<HTMLElement>('#jurisdiction-filter');

if (table && filter) {
  const body = table.tBodies[0]!;
  const rows = [...body.rows].map((element) => ({
    element,
    values: rowFromData({ ...element.dataset }),
  }));
  const input = filter.querySelector<HTMLInputElement>('input')!;
  const status = filter.querySelector<HTMLElement>('[role="status"]')!;
  // The HTML lists rows by state, then as the state page does.
  let sort: { key: SortKey; direction: SortDirection } = { key: 'state', direction: 'ascending' };

  const headers = new Map<SortKey, HTMLTableCellElement>();
  for (const header of table.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) {
    const key = header.dataset['sort'] as SortKey;
    if (!SORT_KEYS.includes(key)) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    button.append(...header.childNodes);
    button.addEventListener('click', () => {
      sort = { key, direction: nextDirection(sort, key) };
      applySort();
    });
    header.append(button);
    headers.set(key, header);
  }

  const applySort = () => {
    rows.sort((a, b) => compareRows(a.values, b.values, sort.key, sort.direction));
    body.append(...rows.map((row) => row.element));
    for (const [key, header] of headers) {
      if (key === sort.key) header.setAttribute('aria-sort', sort.direction);
      else header.removeAttribute('aria-sort');
    }
  };

  const applyFilter = () => {
    let shown = 0;
    for (const row of rows) {
      const match = matchesQuery(row.values, input.value);
      row.element.hidden = !match;
      if (match) shown += 1;
    }
    status.textContent = input.value.trim() ? shownSummary(shown, rows.length) : '';
  };

  input.addEventListener('input', applyFilter);
  filter.hidden = false;
  applySort();
  applyFilter();
}
