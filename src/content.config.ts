import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import type { Loader } from 'astro/loaders';
import { loadDataset } from './lib/contract/load.ts';
import type { Dataset } from './lib/contract/load.ts';

let dataset: Dataset | null = null;

/**
 * Feeds one part of the project's own dataset into a collection. `loadDataset` validates the
 * whole data folder and throws with every `file:line:column` problem, which fails the build; the
 * store is cleared first so a build can never serve entries left over from an earlier one.
 */
function datasetLoader<T extends object>(
  name: string,
  entries: (data: Dataset) => { id: string; data: T }[],
): Loader {
  return {
    name: `dataset-${name}`,
    load: async ({ store, generateDigest }) => {
      dataset ??= loadDataset();
      store.clear();
      for (const entry of entries(dataset)) {
        const data = entry.data as Record<string, unknown>;
        store.set({ id: entry.id, data, digest: generateDigest(data) });
      }
    },
  };
}

export const collections = {
  reports: defineCollection({
    loader: datasetLoader('reports', (d) => d.reports.map((r) => ({ id: r.start, data: r }))),
  }),
  gazetteer: defineCollection({
    loader: datasetLoader('gazetteer', (d) => d.gazetteer.map((j) => ({ id: j.id, data: j }))),
  }),
  policies: defineCollection({
    loader: datasetLoader('policies', (d) =>
      d.policies.map((p) => ({ id: `${p.jurisdiction}/${p.first_report}`, data: p })),
    ),
  }),
  corrections: defineCollection({
    loader: datasetLoader('corrections', (d) => d.corrections.map((c) => ({ id: c.id, data: c }))),
  }),
  pages: defineCollection({
    loader: glob({ pattern: '*.mdx', base: './content/pages' }),
    schema: z.object({ title: z.string(), description: z.string() }),
  }),
  weekNotes: defineCollection({ loader: glob({ pattern: '*.mdx', base: './content/weeks' }) }),
};
