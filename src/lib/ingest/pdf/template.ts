/**
 * A layout template: what a maintainer tells the reader about a layout it cannot work out on
 * its own, as Tabula's saved templates do. Per section, the pages its table is on, the x of the
 * boundaries between its columns, and how its cells are aligned; for the whole report, patterns
 * of running headers and footers to leave out. The reader applies it with every cross-check.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PdfReportError } from './errors.ts';

const sectionLayout = z
  .object({
    pages: z
      .tuple([z.number().int().min(1), z.number().int().min(1)])
      .refine(([from, to]) => from <= to, 'the first page must not come after the last')
      .optional()
      .describe('First and last page of the section, inclusive.'),
    columns: z
      .array(z.number().min(0))
      .min(1)
      .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), 'boundaries must increase')
      .optional()
      .describe(
        'x (points from the left edge) of each boundary between neighbouring columns, left to right.',
      ),
    align: z
      .enum(['top', 'middle', 'bottom'])
      .optional()
      .describe("Where a row's one-line cells sit beside its wrapped ones."),
  })
  .strict();

export const layoutTemplateSchema = z
  .object({
    description: z.string().optional(),
    furniture: z
      .array(
        z.string().refine((source) => {
          try {
            new RegExp(source, 'i');
            return true;
          } catch {
            return false;
          }
        }, 'not a regular expression'),
      )
      .optional()
      .describe('Regular expressions (case-insensitive) for lines to leave out on every page.'),
    sections: z
      .object({ I: sectionLayout, II: sectionLayout, III: sectionLayout })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type LayoutTemplate = z.infer<typeof layoutTemplateSchema>;
export type SectionLayout = z.infer<typeof sectionLayout>;

/** Reads and checks a template file; a bad one is refused naming the file and the field. */
export function readLayoutTemplate(path: string): LayoutTemplate {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PdfReportError(null, `layout template ${path}: ${(error as Error).message}`);
  }
  const parsed = layoutTemplateSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the file';
    throw new PdfReportError(null, `layout template ${path}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}
