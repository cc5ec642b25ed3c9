/**
 * A layout template: what a maintainer tells the reader about a layout it cannot work out on
 * its own, as Tabula's saved templates do. Per section, the pages its table is on, the x of the
 * boundaries between its columns, and how its cells are aligned; for the whole report, patterns
 * of running headers and footers to leave out. The reader applies it with every cross-check.
 */
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
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

const pattern = z.string().refine((source) => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}, 'not a regular expression');

export const layoutTemplateSchema = z
  .object({
    description: z.string().optional(),
    furniture: z
      .array(pattern)
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

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

/**
 * Reads and checks a template file; a bad one is refused naming the file, the line and column,
 * and what is wrong there.
 */
export function readLayoutTemplate(path: string): LayoutTemplate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PdfReportError(null, `layout template ${path}: ${(error as Error).message}`);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const syntax = errors[0];
  if (syntax || !tree) {
    throw new PdfReportError(
      null,
      `${path}:${position(text, syntax?.offset ?? 0)}: not valid JSON (a layout template is a JSON object)`,
    );
  }
  const parsed = layoutTemplateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path_ = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown key is pointed at itself, not at the object that holds it.
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const value = unknown === undefined ? undefined : findNodeAtLocation(tree, [...path_, unknown]);
    const node = value?.parent?.children?.[0] ?? findNodeAtLocation(tree, path_) ?? tree;
    const where = path_.length ? ` (${path_.join('.')})` : '';
    throw new PdfReportError(
      null,
      `${path}:${position(text, node.offset)}: ${issue.message}${where}`,
    );
  }
  return parsed.data;
}
