import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/site.ts';

const eslint = new ESLint({ cwd: ROOT });

/** The import-layer messages ESLint gives a one-line module at `path` importing `specifier`. */
async function layerErrors(path: string, specifier: string): Promise<string[]> {
  const code = path.endsWith('.astro')
    ? `---\nimport { thing } from '${specifier}';\nconsole.log(thing);\n---\n\n<p />\n`
    : `import { thing } from '${specifier}';\n\nexport const used = thing;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the import layers (eslint.config.js)', () => {
  const forbidden: [from: string, specifier: string][] = [
    ['src/lib/contract/probe.ts', '../model/site-model.ts'],
    ['src/lib/contract/probe.ts', '../text/format.ts'],
    ['src/lib/contract/probe.ts', 'astro:content'],
    ['src/lib/text/probe.ts', '../model/site-model.ts'],
    ['src/lib/model/probe.ts', '../output/files.ts'],
    ['src/lib/model/probe.ts', '../charts/images.ts'],
    ['src/lib/charts/probe.ts', '../output/files.ts'],
    ['src/lib/output/probe.ts', '../charts/images.ts'],
    ['src/lib/ingest/probe.ts', '../model/site-model.ts'],
    ['src/site/views/probe.ts', '../../components/Chart.astro'],
    ['src/site/views/probe.ts', 'astro:content'],
    ['src/client/probe.ts', 'node:fs'],
    ['src/client/probe.ts', 'fs'],
    ['src/client/probe.ts', '../lib/contract/load.ts'],
    ['src/pages/probe.astro', '../lib/charts/specs/week.ts'],
    ['src/pages/probe.astro', '../lib/model/site-model.ts'],
    ['src/components/Probe.astro', '../lib/contract/load.ts'],
    ['src/lib/intake/probe.ts', '../model/site-model.ts'],
    ['src/site/probe.ts', '../integrations/data.ts'],
    ['src/handover/probe.ts', '../site/build.ts'],
    ['src/handover/probe.ts', '../integrations/search.ts'],
    ['src/integrations/probe.ts', '../site/build.ts'],
  ];

  it.each(forbidden)('refuses %s importing %s', async (path, specifier) => {
    expect(await layerErrors(path, specifier)).toHaveLength(1);
  });

  const allowed: [from: string, specifier: string][] = [
    ['src/lib/contract/probe.ts', './schema.ts'],
    ['src/lib/model/probe.ts', '../contract/schema.ts'],
    ['src/lib/model/probe.ts', '../text/format.ts'],
    ['src/lib/charts/probe.ts', '../model/site-model.ts'],
    ['src/lib/charts/probe.ts', '../output/xml.ts'],
    ['src/site/views/probe.ts', '../../lib/charts/specs/week.ts'],
    ['src/client/probe.ts', '../lib/text/format.ts'],
    ['src/client/probe.ts', './table-sort.ts'],
    ['src/pages/probe.astro', '../site/views/week.ts'],
    ['src/components/Probe.astro', '../lib/charts/images.ts'],
    ['src/lib/intake/probe.ts', '../contract/schema.ts'],
    ['src/site/probe.ts', '../handover/validated-data.ts'],
    ['src/integrations/probe.ts', '../handover/build-profile.ts'],
  ];

  it.each(allowed)('lets %s import %s', async (path, specifier) => {
    expect(await layerErrors(path, specifier)).toEqual([]);
  });

  it('lets a component import a type from the contract, not a value', async () => {
    const code = `---\nimport type { Caveat } from '../lib/contract/schema.ts';\nimport { reportSpec } from '../lib/contract/schema.ts';\nconst c: Caveat | null = null;\nconsole.log(c, reportSpec);\n---\n\n<p />\n`;
    const [result] = await eslint.lintText(code, {
      filePath: join(ROOT, 'src/components/Probe.astro'),
    });
    const lines = result!.messages
      .filter((message) => message.ruleId === 'no-restricted-imports')
      .map((message) => message.line);
    expect(lines).toEqual([3]);
  });
});
