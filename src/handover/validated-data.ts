/**
 * The data folder as the data integration validated it, handed to the pages so the build reads
 * and validates it once. The integration runs in Astro's config context and the pages in the
 * bundle Astro builds, two module instances in one process: they meet on `globalThis`.
 */
import type { LocatedDataset } from '../lib/contract/located.ts';

const KEY = Symbol.for('declined-detainer-archive.validated-data');

interface Handover {
  dir: string;
  data: LocatedDataset;
}

type WithHandover = typeof globalThis & { [KEY]?: Handover };

/** Keeps a data folder that passed validation with no problem, for the pages to take. */
export function keepValidated(dir: string, data: LocatedDataset): void {
  (globalThis as WithHandover)[KEY] = { dir, data };
}

/** The validated data of `dir`, once: later callers, and other folders, get null. */
export function takeValidated(dir: string): LocatedDataset | null {
  const scope = globalThis as WithHandover;
  const kept = scope[KEY];
  delete scope[KEY];
  return kept && kept.dir === dir ? kept.data : null;
}
