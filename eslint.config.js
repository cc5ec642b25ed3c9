import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ (docs/architecture.md), each allowed to import only those below it:
 * contract → text → model → charts and output → site views → components and pages. A rule per
 * layer names the folders above it; an import path that passes through one of them is refused.
 */
const folders = (...names) => new RegExp(`(^|/)(${names.join('|')})/`).source;
const layer = (message, ...names) => ({ regex: folders(...names), message });
const ASTRO = { regex: '^astro(:|/|$)', message: 'src/lib is plain TypeScript: no Astro imports.' };
const NODE_BUILTIN = {
  regex: '^(node:|(fs|path|os|url|child_process|worker_threads|crypto|zlib|util|stream)(/|$))',
  message: 'Browser code cannot import Node modules.',
};

const layers = [
  {
    files: ['src/lib/contract/**'],
    patterns: [
      ASTRO,
      layer(
        'The data contract imports nothing above it (text, model, output, charts, ingest, site).',
        'text',
        'model',
        'output',
        'charts',
        'ingest',
        'site',
        'client',
        'integrations',
      ),
    ],
  },
  {
    files: ['src/lib/text/**'],
    patterns: [
      ASTRO,
      layer(
        'Text helpers import the contract only.',
        'model',
        'output',
        'charts',
        'ingest',
        'site',
        'client',
        'integrations',
      ),
    ],
  },
  {
    files: ['src/lib/model/**'],
    patterns: [
      ASTRO,
      layer(
        'The model imports the contract and text only.',
        'output',
        'charts',
        'ingest',
        'site',
        'client',
        'integrations',
      ),
    ],
  },
  {
    files: ['src/lib/charts/**'],
    patterns: [
      ASTRO,
      {
        regex: '(^|/)output/(?!xml\\.ts$)',
        message: 'Charts draw from the model; of the outputs they use only XML escaping (the map).',
      },
      layer(
        'Charts draw from the model; they do not reach ingest or the site.',
        'ingest',
        'site',
        'client',
        'integrations',
      ),
    ],
  },
  {
    files: ['src/lib/output/**'],
    patterns: [
      ASTRO,
      layer(
        'Outputs serialise the model; they do not draw charts or reach the site.',
        'charts',
        'ingest',
        'site',
        'client',
        'integrations',
      ),
    ],
  },
  {
    files: ['src/lib/ingest/**'],
    patterns: [
      ASTRO,
      layer(
        'The ingest writes the contract; it does not use the site model or outputs.',
        'model',
        'output',
        'charts',
        'site',
        'client',
        'integrations',
      ),
    ],
  },
  {
    files: ['src/site/views/**'],
    patterns: [
      ASTRO,
      layer(
        'Views are plain data builders: no Astro, no components, pages or ingest.',
        'components',
        'layouts',
        'pages',
        'integrations',
        'client',
        'ingest',
      ),
    ],
  },
  {
    files: ['src/client/**'],
    patterns: [
      NODE_BUILTIN,
      {
        regex: '(^|/)lib/(?!text/|output/search-entry\\.ts$)',
        message: 'Browser code imports only src/lib/text and the search entry type.',
      },
      layer('Browser code stays in src/client.', 'site', 'integrations', 'components', 'pages'),
    ],
  },
  {
    files: ['src/pages/**', 'src/components/**', 'src/layouts/**'],
    patterns: [
      {
        regex: '(^|/)lib/(contract|model|ingest)/|(^|/)lib/charts/(?!images\\.ts$|social\\.ts$)',
        allowTypeImports: true,
        message:
          'Pages and components get their data from a view (src/site/views) and draw charts through <Chart>.',
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test-output/', 'bench-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Data reaches every page: raw HTML injection is never allowed.
      'astro/no-set-html-directive': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // JSON-LD needs raw script text; serializeJsonLd makes it safe (see the component).
    files: ['src/components/JsonLd.astro'],
    rules: { 'astro/no-set-html-directive': 'off' },
  },
  {
    files: ['src/client/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layers.map(({ files, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
