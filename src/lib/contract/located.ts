/**
 * A data folder as read, with the line of every row and what could not be read: what the
 * validator, the append-only guard and the ingest's messages point into.
 */
import type { JsonPath } from './json-document.ts';
import type { Located } from './read-table.ts';
import type {
  CorrectionRow,
  DeclinedRow,
  GazetteerRow,
  PolicyRow,
  ReportJurisdictionRow,
  ReportMeta,
} from './schema.ts';

/** The dataset with the line of every row, for validation messages. */
export interface LocatedWeek {
  start: string;
  folder: string;
  meta: ReportMeta | null;
  /** Where a path of report.json is, for messages about its values. */
  locateInReport: (path: JsonPath) => { line: number; column: number };
  jurisdictions: Located<ReportJurisdictionRow>[];
  declined: Located<DeclinedRow>[] | null;
  /** Whether some of the week's rows could not be read, so totals cannot be compared. */
  hasUnreadRows: boolean;
}

/** What of a file could not be read; its own messages say why, so nothing else reports it. */
export interface Unread {
  /** The file could not be read at all (encoding, header). */
  whole: boolean;
  /** The first key cell of each row that could not be read. */
  keys: Set<string>;
}

export interface LocatedDataset {
  gazetteer: Located<GazetteerRow>[];
  /** By path, the files of which something could not be read. */
  unread: Map<string, Unread>;
  weeks: LocatedWeek[];
  policies: Located<PolicyRow>[];
  corrections: Located<CorrectionRow>[];
  /** Every file path in the folder, relative to it. */
  files: string[];
}

/**
 * Whether a row (by its first key cell), or any row, of a file could not be read: references to
 * it are then not reported, since the file's own message names the cause.
 */
export function isUnread(data: LocatedDataset, path: string, key?: string): boolean {
  const file = data.unread.get(path);
  return !!file && (file.whole || (key !== undefined && file.keys.has(key)));
}
