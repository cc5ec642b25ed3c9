import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/site.ts';

const RULE = 'astro/no-set-html-directive';
const EXCEPTION = 'src/components/JsonLd.astro';
const COMPONENT = '---\nconst text = "<b>x</b>";\n---\n\n<p set:html={text} />\n';

/** The project's own lint configuration, run on a component as if it were at `path`. */
async function lintAs(path: string) {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(COMPONENT, {
    filePath: join(ROOT, path),
  });
  return result!.messages.filter((message) => message.ruleId === RULE);
}

function astroFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.astro'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('raw HTML from a template', () => {
  it('is a lint error in any new component, page or layout', async () => {
    for (const path of [
      'src/components/New.astro',
      'src/pages/new.astro',
      'src/layouts/New.astro',
    ]) {
      expect(
        (await lintAs(path)).map((message) => message.severity),
        path,
      ).toEqual([2]);
    }
  });

  it('is allowed in JsonLd.astro alone, the one file that uses it', async () => {
    expect(await lintAs(EXCEPTION)).toEqual([]);
    const users = astroFiles(join(ROOT, 'src')).filter((path) =>
      /set:html|no-set-html-directive/.test(readFileSync(join(ROOT, path), 'utf8')),
    );
    expect(users).toEqual([EXCEPTION]);
  });
});
