/**
 * How a producer turns a plan into drawing operations: what it writes as one string (a line, a
 * word without its spaces, a single glyph, or a whole table line padded with spaces as a
 * fixed-pitch report writer does), and in what order (row by row, column by column, or in no
 * order at all). The page looks the same whichever habit draws it; only the PDF's insides
 * differ, which is what a reader must not depend on.
 */
import type { Box, FontWeight, Measure, Plan, Run, Shape } from './plan.ts';

export type Split = 'lines' | 'words' | 'glyphs' | 'row-strings';
export type Order = 'rows' | 'columns' | 'shuffled';

export interface Habit {
  split: Split;
  order: Order;
  /** Rules drawn as stroked lines rather than thin filled boxes. */
  strokeRules: boolean;
  /** Headings drawn twice, a hair apart (fake bold). */
  overprint: boolean;
  /** Seed for 'shuffled'. */
  seed: number;
}

export const DEFAULT_HABIT: Habit = {
  split: 'lines',
  order: 'rows',
  strokeRules: false,
  overprint: false,
  seed: 1,
};

export type DrawOp =
  | {
      kind: 'text';
      page: number;
      x: number;
      y: number;
      text: string;
      weight: FontWeight;
      size: number;
      hidden: boolean;
      clip: Box | null;
    }
  | { kind: 'shape'; shape: Shape; stroke: boolean };

/** mulberry32, as the truth generator uses. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const textOp = (run: Run, text: string, x: number): DrawOp => ({
  kind: 'text',
  page: run.page,
  x,
  y: run.y,
  text,
  weight: run.weight,
  size: run.size,
  hidden: run.hidden ?? false,
  clip: run.clip ?? null,
});

/** One run as the habit writes it. */
function splitRun(run: Run, split: Split, measure: Measure): DrawOp[] {
  if (split === 'words') {
    const ops: DrawOp[] = [];
    let at = 0;
    for (const match of run.text.matchAll(/\S+/g)) {
      // Where the word starts when the whole string is set (kerning against what precedes).
      const through = run.text.slice(0, match.index + match[0].length);
      const x =
        run.x + measure(through, run.weight, run.size) - measure(match[0], run.weight, run.size);
      ops.push(textOp(run, match[0], x));
      at = match.index + match[0].length;
    }
    return at === 0 && run.text.trim() === '' ? [] : ops;
  }
  if (split === 'glyphs') {
    const chars = [...run.text];
    const ops: DrawOp[] = [];
    let prefix = '';
    for (const char of chars) {
      prefix += char;
      if (char.trim() !== '') {
        const x =
          run.x + measure(prefix, run.weight, run.size) - measure(char, run.weight, run.size);
        ops.push(textOp(run, char, x));
      }
    }
    return ops;
  }
  return [textOp(run, run.text, run.x)];
}

/**
 * A fixed-pitch report writer's table line: every cell on one baseline written as one string,
 * each cell at its column's nearest character position, spaces between. Only where no cell
 * runs into the next.
 */
function rowStrings(runs: readonly Run[], measure: Measure): Run[] {
  const out: Run[] = [];
  const groups = new Map<string, Run[]>();
  for (const run of runs) {
    if (run.column === undefined || run.hidden || run.clip) {
      out.push(run);
      continue;
    }
    // Every cell on the page's character grid (moved right, never over its border).
    const pitch = measure('M', run.weight, run.size);
    const snapped = { ...run, x: Math.ceil(run.x / pitch - 0.01) * pitch };
    const key = `${run.page}:${run.y.toFixed(2)}:${run.weight}:${run.size}`;
    groups.set(key, [...(groups.get(key) ?? []), snapped]);
  }
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.x - b.x);
    const first = sorted[0]!;
    const pitch = measure('M', first.weight, first.size);
    let text = '';
    let fits = true;
    for (const [i, run] of sorted.entries()) {
      const at = Math.round((run.x - first.x) / pitch);
      if (i > 0 && at < text.length + 1) {
        fits = false;
        break;
      }
      text = text.padEnd(at, ' ') + run.text;
    }
    if (fits) out.push({ ...first, text });
    else out.push(...sorted);
  }
  return out;
}

/** The plan's runs and shapes as drawing operations, page by page, in the habit's order. */
export function drawOps(
  plan: Plan,
  habit: Habit,
  measure: Measure,
  fixedPitch: boolean,
): DrawOp[][] {
  const rand = random(habit.seed);
  const pages: DrawOp[][] = [];
  for (let p = 1; p <= plan.pageCount; p++) {
    let runs = plan.runs.filter((r) => r.page === p);
    if (habit.split === 'row-strings' && fixedPitch) runs = rowStrings(runs, measure);
    if (habit.order === 'columns') {
      runs = [...runs].sort((a, b) => (a.column ?? -1) - (b.column ?? -1) || a.y - b.y);
    }
    const split = habit.split === 'row-strings' ? 'lines' : habit.split;
    let ops = runs.flatMap((run) => {
      const drawn = splitRun(run, split, measure);
      if (habit.overprint && run.weight === 'bold') {
        return [
          ...drawn,
          ...drawn.map((op) => (op.kind === 'text' ? { ...op, x: op.x + 0.3 } : op)),
        ];
      }
      return drawn;
    });
    if (habit.order === 'shuffled') {
      ops = ops
        .map((op) => ({ op, key: rand() }))
        .sort((a, b) => a.key - b.key)
        .map(({ op }) => op);
    }
    const shapes: DrawOp[] = plan.shapes
      .filter((s) => s.page === p)
      .map((shape) => ({
        kind: 'shape',
        shape,
        stroke: habit.strokeRules && shape.kind === 'rule',
      }));
    // Backgrounds first, as every producer paints them; rules may come before or after text.
    pages.push([...shapes, ...ops]);
  }
  return pages;
}
