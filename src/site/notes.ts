/** The editorial notes in content/weeks/<start>.mdx: prose, so they stay in the content layer. */
import { getCollection, render } from 'astro:content';

/** The rendered note of a report, or null where it has none. */
export async function weekNote(start: string) {
  const [entry] = await getCollection('weekNotes', (note) => note.id === start);
  return entry ? (await render(entry)).Content : null;
}

/** What identifies a report's note as written (its digest), or null where it has none. */
export async function weekNoteDigest(start: string): Promise<string | null> {
  const [entry] = await getCollection('weekNotes', (note) => note.id === start);
  return entry ? String(entry.digest ?? entry.body ?? '') : null;
}
