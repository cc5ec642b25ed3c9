/**
 * A report's Section III against data/policies.csv: rows the archive lacks are added with the
 * report as first listed, and rows an earlier report listed that this one no longer prints are
 * named for the reviewer. For a week being completed from its PDF, the week's own rows get the
 * cells they lack or had cut off (a cut-off one is a change to a published value, which
 * `completeWeek` records with a transcription entry or takes back); a cell that differs
 * otherwise is named, not changed.
 */
import type { PolicyRow } from '../contract/schema.ts';
import type { ListedPolicy } from './pdf-week.ts';
import { sameText } from './pdf-week.ts';

const CELLS = ['listed_as', 'date_enacted', 'policy', 'criteria'] as const;
type PolicyCell = (typeof CELLS)[number];

/** A transcription that stops where its source was cut off ("Title 12, Chapt…"). */
const TRUNCATED = /(?:…|\.\.\.)\s*$/;

/** Whether `printed` is what a cut-off `transcribed` was the start of. */
function completes(transcribed: string, printed: string): boolean {
  const start = transcribed.replace(TRUNCATED, '');
  return (
    TRUNCATED.test(transcribed) &&
    printed.length > start.length &&
    sameText(printed.slice(0, start.length), start)
  );
}

export interface PolicyUpdate {
  /** policies.csv as it will be: its rows in their order, then the added ones. */
  rows: PolicyRow[];
  added: ListedPolicy[];
  /**
   * The week's own rows given cells they lacked (or had cut off): `row` is the row in `rows`,
   * `previous` what it held before (for a cut-off cell, a published value).
   */
  completed: {
    listed: ListedPolicy;
    cells: PolicyCell[];
    row: PolicyRow;
    previous: Pick<PolicyRow, PolicyCell | 'source' | 'note'>;
  }[];
  /** The week's own rows whose cells differ from the PDF's, left as they are. */
  differing: { existing: PolicyRow; listed: ListedPolicy; cells: PolicyCell[] }[];
  /** Rows this report prints that policies.csv says a later report listed first. */
  listedEarlier: { existing: PolicyRow; listed: ListedPolicy }[];
  /** For each jurisdiction an earlier report listed and this one does not, its latest row. */
  dropped: PolicyRow[];
}

const samePolicy = (a: PolicyRow, b: PolicyRow) =>
  (['date_enacted', 'policy', 'criteria'] as const).every(
    (cell) => (a[cell] === null && b[cell] === null) || sameText(a[cell], b[cell]),
  );

/**
 * Compares the report of `week`'s Section III (when it has one: `read`) with policies.csv.
 * Pure: returns the rows to write and what changed, for the summary.
 */
export function updatePolicies(
  existing: readonly PolicyRow[],
  listed: readonly ListedPolicy[],
  week: string,
  read: boolean,
): PolicyUpdate {
  const rows = existing.map((row) => ({ ...row }));
  const update: PolicyUpdate = {
    rows,
    added: [],
    completed: [],
    differing: [],
    listedEarlier: [],
    dropped: [],
  };
  for (const entry of listed) {
    const id = entry.row.jurisdiction;
    const ofPlace = rows.filter((row) => row.jurisdiction === id);
    const own = ofPlace.find((row) => row.first_report === week);
    if (own) {
      const filled: PolicyCell[] = [];
      const differ: PolicyCell[] = [];
      for (const cell of CELLS) {
        const printed = entry.row[cell];
        const transcribed = own[cell];
        if (printed === null || sameText(transcribed, printed)) continue;
        if (transcribed === null || completes(transcribed, printed)) filled.push(cell);
        else differ.push(cell);
      }
      if (filled.length) {
        const previous = { ...own };
        for (const cell of filled) own[cell] = entry.row[cell];
        own.source = entry.row.source;
        own.note = `Completed from the report's PDF (page ${entry.page}); first transcribed from ${previous.source}.`;
        update.completed.push({ listed: entry, cells: filled, row: own, previous });
      }
      if (differ.length) update.differing.push({ existing: own, listed: entry, cells: differ });
      continue;
    }
    const earlier = ofPlace
      .filter((row) => row.first_report < week)
      .sort((a, b) => a.first_report.localeCompare(b.first_report))
      .at(-1);
    if (earlier && samePolicy(earlier, entry.row)) continue;
    const later = ofPlace.find((row) => row.first_report > week && samePolicy(row, entry.row));
    if (later) {
      update.listedEarlier.push({ existing: later, listed: entry });
      continue;
    }
    rows.push({ ...entry.row });
    update.added.push(entry);
  }
  if (read) {
    const printed = new Set(listed.map((entry) => entry.row.jurisdiction));
    const latest = new Map<string, PolicyRow>();
    for (const row of existing) {
      if (row.first_report >= week || printed.has(row.jurisdiction)) continue;
      const known = latest.get(row.jurisdiction);
      if (!known || known.first_report < row.first_report) latest.set(row.jurisdiction, row);
    }
    update.dropped = [...latest.values()];
  }
  return update;
}
