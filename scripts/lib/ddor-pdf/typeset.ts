/**
 * Setting text for the hand-placed layout: word wrap and table column widths, given a way to
 * measure text (pdf-lib's or pdfkit's font metrics).
 */

export type FontWeight = 'regular' | 'bold';
export type Measure = (text: string, weight: FontWeight, size: number) => number;

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrap(
  text: string,
  width: number,
  weight: FontWeight,
  size: number,
  measure: Measure,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, weight, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Column widths and type size for a table, like a browser's table layout: each column gets its
 * share of the width but never less than its longest word; like a report tool, the type gets
 * smaller when the longest words do not fit across the page.
 */
export function fitColumns(
  columns: readonly { heading: string; width: number }[],
  rows: readonly string[][],
  contentWidth: number,
  tableSize: number,
  pad: number,
  measure: Measure,
): { size: number; widths: number[] } {
  const longestAt = (i: number, size: number) =>
    Math.max(
      ...[columns[i]!.heading, ...rows.map((r) => r[i] ?? '')].flatMap((cell) =>
        cell.split(/\s+/).map((w) => measure(w, 'bold', size)),
      ),
    ) +
    2 * pad +
    1;
  let size = tableSize;
  const fits = (at: number) =>
    columns.reduce((sum, _, i) => sum + longestAt(i, at), 0) <= contentWidth;
  while (size > 5 && !fits(size)) size -= 0.25;
  const longest = columns.map((_, i) => longestAt(i, size));
  const wanted = columns.map((c, i) => Math.max(c.width * contentWidth, longest[i]!));
  const spare = wanted.reduce((a, b) => a + b, 0) - contentWidth;
  const room = wanted.reduce((sum, w, i) => sum + w - longest[i]!, 0);
  const widths = wanted.map((w, i) =>
    spare > 0 && room > 0 ? w - (spare * (w - longest[i]!)) / room : w,
  );
  return { size, widths };
}
