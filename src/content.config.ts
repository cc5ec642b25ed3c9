/**
 * The content layer holds the site's prose only (MDX under content/). The data folder is read
 * directly, once per build (src/site/build.ts), so its rows keep their order and types.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

export const collections = {
  pages: defineCollection({
    loader: glob({ pattern: '*.mdx', base: './content/pages' }),
    schema: z.object({
      title: z.string(),
      description: z.string(),
      /** The home page's word on whether ICE still publishes the report, with its source. */
      publication: z
        .object({
          status: z.enum(['suspended', 'published']),
          date: z.iso.date(),
          statement: z.string(),
          source: z.url({ protocol: /^https?$/ }),
        })
        .optional(),
    }),
  }),
  weekNotes: defineCollection({ loader: glob({ pattern: '*.mdx', base: './content/weeks' }) }),
};
