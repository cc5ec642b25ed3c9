// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig, envField } from 'astro/config';
import { chartsIntegration } from './src/integrations/charts.ts';
import { dataIntegration } from './src/integrations/data.ts';
import { searchIntegration } from './src/integrations/search.ts';

// The public URL and base path come from the environment so forks and previews deploy unchanged.
const site = process.env.SITE_URL ?? 'https://declined-detainer-archive.github.io';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // Tests build several data folders side by side; each needs its own content-layer cache.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  integrations: [dataIntegration(), mdx(), sitemap(), chartsIntegration(), searchIntegration()],
  env: {
    schema: {
      // Where readers report an error: each published value links to this repository's issue
      // form (src/lib/intake/form.ts). The deploy workflow sets it to the repository it runs in.
      REPOSITORY_URL: envField.string({
        context: 'server',
        access: 'public',
        url: true,
        default: 'https://github.com/declined-detainer-archive/declined-detainer-archive',
      }),
    },
  },
  // Pages wait for their charts, drawn on worker threads (src/lib/charts/pool.ts): rendering one
  // page at a time left both threads idle half the time. Measured on 104 generated weeks: 153 s
  // at 1, 84 s at 4, with byte-identical output (docs/performance.md).
  build: { concurrency: 4 },
  // A page or file whose cacheKey (src/site/entities.ts) is unchanged since the last build is
  // not rendered again: its output is restored from cacheDir. The weekly rebuild renders what
  // the new report changed, not ten years of pages.
  experimental: { incrementalBuild: true },
  security: {
    // Astro writes a <meta http-equiv="content-security-policy"> into every page, with hashes of
    // the inline styles and scripts it emits; nothing else inline may run or apply. Scripts come
    // only from the site itself ('self': Pagefind's search script) and WebAssembly may compile
    // (Pagefind's index); no 'unsafe-inline'. The directives are checked in the browser tests.
    csp: {
      directives: [
        "default-src 'none'",
        "img-src 'self'",
        "manifest-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
});
