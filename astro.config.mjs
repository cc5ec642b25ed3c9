// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { chartsIntegration } from './src/lib/charts/integration.ts';

// The public URL and base path come from the environment so forks and previews deploy unchanged.
const site = process.env.SITE_URL ?? 'https://declined-detainer-archive.github.io';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // Tests build several data folders side by side; each needs its own content-layer cache.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  integrations: [mdx(), sitemap(), chartsIntegration()],
});
