/**
 * How printed names are compared with the gazetteer: the name and the aliases of a jurisdiction,
 * each in its state. The validator keeps one spelling from meaning two jurisdictions of a state;
 * the ingest resolves names by the same rules.
 */
import type { GazetteerRow } from './schema.ts';
import { toUsps } from './states.ts';

/** Splits "Travis County, TX" or "Travis, Texas" into the name and the state, when it has one. */
export function splitState(printed: string): { name: string; state: string | null } {
  const comma = printed.lastIndexOf(',');
  if (comma !== -1) {
    const state = toUsps(printed.slice(comma + 1));
    if (state) return { name: printed.slice(0, comma).trim(), state };
  }
  return { name: printed.trim(), state: null };
}

/** Case, spacing and the dot of "St." do not tell places apart. */
export function spellingKey(name: string): string {
  return name.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

export interface Spelling {
  /** The spelling as the gazetteer gives it (its name, or one alias). */
  text: string;
  /** `spellingKey` of the name part. */
  key: string;
  /** The state it names, or the jurisdiction's own. */
  state: string;
}

/** The jurisdiction's name and aliases, each with the state it belongs to. */
export function spellingsOf(row: GazetteerRow): Spelling[] {
  return [row.name, ...row.aliases].map((text) => {
    const { name, state } = splitState(text);
    return { text, key: spellingKey(name), state: state ?? row.state };
  });
}
