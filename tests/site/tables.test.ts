import { describe, expect, it } from 'vitest';
import { countSummary, nameGroups } from '../../src/site/views/parts.ts';
import type { ValueAddress } from '../../src/lib/intake/form.ts';
import type { CountRowView, JurisdictionRef } from '../../src/site/views/parts.ts';
import { policySummary } from '../../src/site/views/tables.ts';
import type { PolicyRowView } from '../../src/site/views/tables.ts';
import { listPages } from '../helpers/built-site.ts';
import { FIXTURE_DIST, readPage } from '../helpers/site.ts';

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const pages = listPages(FIXTURE_DIST);

describe('the tables of every built page', () => {
  const tables = pages.flatMap((path) =>
    [...readPage(FIXTURE_DIST, path).querySelectorAll('table')].map((table) => ({
      path,
      table,
    })),
  );

  it('label each cell with the heading of its column, for the rows that reflow into blocks', () => {
    expect(tables.length).toBeGreaterThan(20);
    let cells = 0;
    for (const { path, table } of tables) {
      const headings = [...table.querySelectorAll('thead th')].map((th) => squash(th.textContent));
      for (const row of table.querySelectorAll('tbody tr')) {
        const labels = [...row.querySelectorAll('th, td')].map((cell) =>
          cell.getAttribute('data-label'),
        );
        expect(labels, `${path}: ${squash(table.querySelector('caption')?.textContent)}`).toEqual(
          headings,
        );
        cells += labels.length;
      }
    }
    expect(cells).toBeGreaterThan(200);
  });

  it('state the roles of every table part, which a table displayed as blocks would lose', () => {
    for (const { path, table } of tables) {
      const where = `${path}: ${squash(table.querySelector('caption')?.textContent)}`;
      expect(table.getAttribute('role'), where).toBe('table');
      for (const group of table.querySelectorAll('thead, tbody')) {
        expect(group.getAttribute('role'), where).toBe('rowgroup');
      }
      for (const row of table.querySelectorAll('tr')) expect(row.getAttribute('role')).toBe('row');
      for (const th of table.querySelectorAll('thead th')) {
        expect([th.getAttribute('scope'), th.getAttribute('role')], where).toEqual([
          'col',
          'columnheader',
        ]);
      }
      for (const th of table.querySelectorAll('tbody th')) {
        expect([th.getAttribute('scope'), th.getAttribute('role')], where).toEqual([
          'row',
          'rowheader',
        ]);
      }
      for (const td of table.querySelectorAll('td')) expect(td.getAttribute('role')).toBe('cell');
    }
  });

  it('are the only place the table roles are written (the exception .htmlvalidate.json makes)', () => {
    const ELEMENTS: Record<string, string[]> = {
      table: ['TABLE'],
      rowgroup: ['THEAD', 'TBODY'],
      row: ['TR'],
      columnheader: ['TH'],
      rowheader: ['TH'],
      cell: ['TD'],
    };
    let written = 0;
    for (const path of pages) {
      for (const element of readPage(FIXTURE_DIST, path).querySelectorAll('[role]')) {
        const allowed = ELEMENTS[element.getAttribute('role')!];
        if (!allowed) continue;
        expect(allowed, `${path}: ${element.tagName}`).toContain(element.tagName);
        written += 1;
      }
    }
    expect(written).toBeGreaterThan(200);
  });
});

describe('runs of "not reported" listed by name', () => {
  const ref = (id: string): JurisdictionRef => ({ id, label: id, path: `/jurisdictions/${id}/` });
  const first = { path: '/weeks/2017-01-28/', start: '2017-01-28' };
  const address = (jurisdiction: string): ValueAddress => ({
    report: '2017-01-28',
    table: 'policies',
    jurisdiction,
    row: null,
    field: null,
    published: null,
  });
  const policy = (id: string, known: Partial<PolicyRowView> = {}): PolicyRowView => ({
    jurisdiction: ref(id),
    listedAs: null,
    dateEnacted: null,
    policy: null,
    note: null,
    criteria: null,
    firstReport: first,
    source: 'https://example.org/a',
    address: address(id),
    ...known,
  });

  it('keep a Section III row in the table when it gives a name as listed, a date, a policy or criteria', () => {
    const known = [
      policy('a', { listedAs: 'A (listed)' }),
      policy('b', { dateEnacted: 'January 2017' }),
      policy('c', { policy: 'Ordinance' }),
      policy('d', { criteria: 'With a warrant' }),
    ];
    const unknown = [
      policy('e', { note: 'Named by a newspaper.' }),
      policy('f', { note: 'Named by a newspaper.' }),
      policy('g'),
      policy('h', { note: 'Named by a newspaper.', source: 'https://example.org/b' }),
      policy('i', {
        note: 'Named by a newspaper.',
        firstReport: { path: '/weeks/2017-02-04/', start: '2017-02-04' },
      }),
    ];
    const { rows, listedOnly } = policySummary([unknown[0]!, ...known, ...unknown.slice(1)]);
    expect(rows).toEqual(known);
    // One list per first report, source and note, in the order the rows came in.
    expect(
      listedOnly.map((group) => [
        group.firstReport?.start,
        group.source,
        group.note,
        group.jurisdictions.map((entry) => entry.jurisdiction.id),
      ]),
    ).toEqual([
      ['2017-01-28', 'https://example.org/a', 'Named by a newspaper.', ['e', 'f']],
      ['2017-01-28', 'https://example.org/a', null, ['g']],
      ['2017-01-28', 'https://example.org/b', 'Named by a newspaper.', ['h']],
      ['2017-02-04', 'https://example.org/a', 'Named by a newspaper.', ['i']],
    ]);
  });

  it('keep a count row in the table when it has a count or a correction, and list the rest with their anchors', () => {
    const row = (id: string, known: Partial<CountRowView> = {}): CountRowView => ({
      anchor: `jurisdiction-${id}`,
      rank: null,
      jurisdiction: ref(id),
      count: null,
      marks: [],
      address: address(id),
      source: null,
      note: null,
      ...known,
    });
    const zero = row('zero', { count: 0 });
    const corrected = row('corrected', {
      marks: [{ tablePath: null, anchor: 'correction-x', text: 'disputed: stands as published' }],
    });
    const { rows, unknown } = countSummary([
      zero,
      row('named', { source: 'https://example.org/a', note: 'Count not given.' }),
      corrected,
      row('plain'),
      row('also-named', { source: 'https://example.org/a', note: 'Count not given.' }),
    ]);
    // A count of 0 is a count: it stays a row, and is never taken for "not reported".
    expect(rows).toEqual([zero, corrected]);
    expect(
      unknown.map((group) => [
        group.source,
        group.note,
        group.jurisdictions.map((entry) => entry.anchor),
      ]),
    ).toEqual([
      [
        'https://example.org/a',
        'Count not given.',
        ['jurisdiction-named', 'jurisdiction-also-named'],
      ],
      [null, null, ['jurisdiction-plain']],
    ]);
  });

  it('group nothing that differs in what it shares', () => {
    const entry = (id: string, note: string | null) => ({
      jurisdiction: ref(id),
      anchor: null,
      address: address(id),
      firstReport: null,
      source: null,
      note,
    });
    expect(nameGroups([entry('a', 'x'), entry('b', 'x y'), entry('c', 'x')]).length).toBe(2);
    expect(nameGroups([])).toEqual([]);
  });
});
