/**
 * Layout templates at work: layouts of the seeded fuzzer that the reader refuses on its own,
 * because nothing on the page shows how a row's cells are aligned, read exactly as printed
 * once a template says how (the alignment they were printed with). Both readings pass every
 * cross-check, which is why the reader refuses to choose: a template saying the other one is
 * obeyed, and reads other rows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, printLayout, randomLayout } from '../../../scripts/lib/ddor-pdf/fuzz.ts';
import { readLayoutTemplate } from '../../../src/lib/ingest/pdf/template.ts';

/**
 * A fuzzer layout that leaves Section III's alignment open (cells without padding or rules,
 * bottom-aligned), printed by each hand producer.
 */
const OPEN_ALIGNMENT = { seed: 201, producers: ['pdf-lib', 'pdfkit'] as const };

describe('a layout template settles what the page does not show', () => {
  for (const producer of OPEN_ALIGNMENT.producers) {
    it(`fuzzer seed ${OPEN_ALIGNMENT.seed} by ${producer}: refused alone, read exactly with the alignment it was printed with`, async () => {
      const layout = { ...randomLayout(OPEN_ALIGNMENT.seed), producer };
      const printed = await printLayout(layout, null);
      const alone = await judge(printed);
      expect(alone.kind).toBe('refused');
      const reason = 'reason' in alone ? alone.reason : '';
      const section = /^the Section (I{1,3}) table's rows can be read two ways/.exec(reason)?.[1];
      expect(section, reason).toBeDefined();
      expect(reason).toMatch(/a layout template \(--layout\) can say which$/);

      const printedAlign = layout.hand.valign!;
      const sections = (align: 'top' | 'middle' | 'bottom') => ({
        layout: { sections: { [section!]: { align } } },
      });
      expect(await judge(printed, sections(printedAlign))).toEqual({ kind: 'read' });
      // The two readings the reader saw: the template decides between them, not the reader.
      const other = /aligned to the (\w+) or to the (\w+) of the row/.exec(reason)!.slice(1);
      const wrong = other.find((align) => align !== printedAlign) as 'top' | 'middle' | 'bottom';
      expect((await judge(printed, sections(wrong))).kind).toBe('wrong');
    });
  }
});

describe('the worked example in CONTRIBUTING.md', () => {
  it('is a template that reads the layout it was written for, exactly', async () => {
    const guide = readFileSync(resolve(import.meta.dirname, '../../../CONTRIBUTING.md'), 'utf8');
    const section = guide.slice(guide.indexOf('### When a PDF is refused'));
    const json = /```json\n([\s\S]*?)```/.exec(section)![1]!;
    const path = join(mkdtempSync(join(tmpdir(), 'dda-template-')), 'pdf-layout.json');
    writeFileSync(path, json);
    const template = readLayoutTemplate(path);
    expect(template.sections?.III?.align).toBe('bottom');
    const [pattern] = template.furniture!;
    expect(new RegExp(pattern!, 'i').test('RUN DATE: 05/25/2024')).toBe(true);
    // The example's pictures and numbers are those of this layout, printed by pdf-lib.
    const printed = await printLayout(randomLayout(OPEN_ALIGNMENT.seed), null);
    expect(await judge(printed, { layout: template })).toEqual({ kind: 'read' });
  });
});
