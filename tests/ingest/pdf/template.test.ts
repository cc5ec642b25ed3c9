/**
 * Layout templates at work: layouts of the seeded fuzzer that the reader refuses on its own,
 * because nothing on the page shows how a row's cells are aligned, read exactly as printed
 * once a template says how (the alignment they were printed with). Both readings pass every
 * cross-check, which is why the reader refuses to choose: a template saying the other one is
 * obeyed, and reads other rows.
 */
import { describe, expect, it } from 'vitest';
import { judge, printLayout, randomLayout } from '../../../scripts/lib/ddor-pdf/fuzz.ts';

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
