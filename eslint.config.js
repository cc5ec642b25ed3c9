import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
);
