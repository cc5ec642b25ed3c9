// @ts-check
import { defineConfig } from 'astro/config';

// The public URL and base path come from the environment so forks and previews deploy unchanged.
const site = process.env.SITE_URL ?? 'https://declined-detainer-archive.github.io';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
});
