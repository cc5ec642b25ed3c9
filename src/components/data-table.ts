/**
 * The columns of a data table, named once: each column's heading and the label its cells show
 * where the table reflows into one block per row (narrow screens and print, src/styles/site.css).
 *
 * The roles are written out because a reflowed table's rows and cells are displayed as blocks,
 * and browsers (Chromium among them) drop the table semantics of elements not displayed as table
 * parts unless the markup states them. `.htmlvalidate.json` allows these roles for that reason.
 */
export interface Column {
  label: string;
  /** Figures: right-aligned in the table, tabular digits. */
  num?: boolean;
  /** Long text (a note, a statement): a line of its own when the row is a block. */
  wide?: boolean;
  /** Cells whose content names itself (a link reading "source"): no label when the row is a block. */
  named?: boolean;
  /** The key the jurisdiction index's script sorts by (src/client/jurisdiction-index.ts). */
  sort?: string | undefined;
  /** A link in the heading, where the column is a page of its own (a compared report). */
  href?: string;
}

type ClassName = string | false | null | undefined;
const classes = (column: Column, extra: ClassName[]) =>
  [column.num && 'num', column.wide && 'wide', column.named && 'named', ...extra]
    .filter(Boolean)
    .join(' ') || undefined;

/** A `<th>` heading a column. */
export const columnHeader = (column: Column) => ({
  scope: 'col' as const,
  role: 'columnheader' as const,
  class: column.num ? 'num' : undefined,
  'data-sort': column.sort,
});

/** A `<td>` of a column; `data-label` is the heading it shows when the row is a block. */
export const cell = (column: Column, ...extra: ClassName[]) => ({
  role: 'cell' as const,
  'data-label': column.label,
  class: classes(column, extra),
});

/** The `<th>` naming a row: the title of the row's block when the table reflows. */
export const rowHeader = (column: Column, ...extra: ClassName[]) => ({
  scope: 'row' as const,
  role: 'rowheader' as const,
  'data-label': column.label,
  class: classes(column, extra),
});

export const row = { role: 'row' } as const;
