import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPages, pageFile } from '../helpers/built-site.ts';
import { FIXTURE_DIST, ROOT } from '../helpers/site.ts';

describe('every built page', () => {
  it('passes html-validate with the project configuration (.htmlvalidate.json)', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const pages = listPages(FIXTURE_DIST);
    expect(pages.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const page of pages) {
      const file = pageFile(FIXTURE_DIST, page);
      // Validated as if it sat in the project root, so the project's configuration applies.
      const report = await validator.validateFile(file);
      for (const result of report.results) {
        for (const message of result.messages) {
          problems.push(
            `${page}:${message.line}:${message.column} ${message.ruleId} ${message.message}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is checked by a validator that does find errors (the configuration was loaded)', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const report = await validator.validateString(
      `<!doctype html><html lang="en"><head><title>${'x'.repeat(80)}</title></head><body><p><div></div></p></body></html>`,
      join(ROOT, 'canary.html'),
    );
    const rules = report.results.flatMap((result) => result.messages.map((m) => m.ruleId));
    expect(rules).toContain('long-title');
    expect(rules.length).toBeGreaterThan(1);
  });
});
