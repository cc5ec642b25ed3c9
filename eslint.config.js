import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ (docs/architecture.md): each folder of src/lib may import only the folders
 * it lists; an import path that passes through any other is refused. Views build on all of
 * src/lib but the ingest; pages and components take their data from views.
 */
const FOLDERS = [
  'contract',
  'text',
  'model',
  'charts',
  'output',
  'ingest',
  'intake',
  'site',
  'client',
  'integrations',
  'handover',
  'components',
  'layouts',
  'pages',
];
const LIB = {
  contract: [],
  text: ['contract'],
  model: ['contract', 'text'],
  charts: ['contract', 'text', 'model'],
  output: ['contract', 'text', 'model'],
  ingest: ['contract', 'text'],
  intake: ['contract'],
};
const ASTRO = { regex: '^astro(:|/|$)', message: 'src/lib is plain TypeScript: no Astro imports.' };
const NODE_BUILTIN = {
  regex: '^(node:|(fs|path|os|url|child_process|worker_threads|crypto|zlib|util|stream)(/|$))',
  message: 'Browser code cannot import Node modules.',
};
const through = (names) => new RegExp(`(^|/)(${names.join('|')})/`).source;

const libLayers = Object.entries(LIB).map(([folder, allowed]) => ({
  files: [`src/lib/${folder}/**`],
  patterns: [
    ASTRO,
    {
      regex: through(
        FOLDERS.filter((name) => name !== folder && !allowed.includes(name)).filter(
          // The map is an SVG: charts borrow the outputs' XML escaping, and nothing else of them.
          (name) => !(folder === 'charts' && name === 'output'),
        ),
      ),
      message: `src/lib/${folder} imports only ${allowed.length ? allowed.map((name) => `src/lib/${name}`).join(', ') : 'itself'}.`,
    },
    ...(folder === 'charts'
      ? [
          {
            regex: '(^|/)output/(?!xml\\.ts$)',
            message: 'Charts use only output/xml.ts of the outputs.',
          },
        ]
      : []),
  ],
}));

const layers = [
  ...libLayers,
  {
    files: ['src/site/views/**'],
    patterns: [
      ASTRO,
      {
        regex: through(['components', 'layouts', 'pages', 'integrations', 'client', 'ingest']),
        message: 'Views are plain data builders: no Astro, no components, pages or ingest.',
      },
    ],
  },
  {
    // The Astro side (the build's data, page keys, href) takes what the integrations hand over
    // through src/handover, never from an integration itself.
    files: ['src/site/**'],
    // The views have rules of their own (above), stricter still.
    ignores: ['src/site/views/**'],
    patterns: [
      {
        regex: through(['integrations', 'components', 'layouts', 'pages', 'client']),
        message: 'src/site reads what integrations hand over from src/handover, not from them.',
      },
    ],
  },
  {
    files: ['src/handover/**'],
    patterns: [
      ASTRO,
      {
        regex: through(['site', 'integrations', 'components', 'layouts', 'pages', 'client']),
        message: 'src/handover is the meeting point: it imports only src/lib.',
      },
    ],
  },
  {
    files: ['src/integrations/**'],
    patterns: [
      {
        regex: through(['site', 'components', 'layouts', 'pages', 'client']),
        message: 'Integrations hand data to the pages through src/handover, not by importing them.',
      },
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
      {
        regex: through(['site', 'integrations', 'components', 'pages']),
        message: 'Browser code stays in src/client.',
      },
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
  ...layers.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
