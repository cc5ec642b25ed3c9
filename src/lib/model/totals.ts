/** Sums and groupings where an unknown count stays unknown: it is never taken as 0. */

/** The sum of the counts that are known, or null where none is: unknown is never 0. */
export function knownSum(values: readonly (number | null)[]): number | null {
  let sum: number | null = null;
  for (const value of values) if (value !== null) sum = (sum ?? 0) + value;
  return sum;
}

/** Larger counts first; an unknown count after every known one. */
export const byCountDescending = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

/** Items by a key; an item whose key is null is left out. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
