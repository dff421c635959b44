import { isMissing, parseNumber } from '../data/table.js';

/** One pass over a column's cells: what the typing and drop rules need. */
export interface ColumnSummary {
  readonly missing: number;
  readonly present: number;
  /** Distinct trimmed texts of present cells with their counts. */
  readonly counts: ReadonlyMap<string, number>;
  /** Every present cell parses as a finite number. */
  readonly numeric: boolean;
  /** `numeric` and every value is an integer. */
  readonly integer: boolean;
  /** Number of distinct numeric values (0 when not numeric). */
  readonly distinctNumbers: number;
  /** Distinct values: by number when `numeric` (`1` and `1.0` are one), else by text. */
  readonly distinct: number;
  readonly min: number;
  readonly max: number;
}

export function summarizeColumn(cells: readonly string[]): ColumnSummary {
  const counts = new Map<string, number>();
  const numbers = new Set<number>();
  let missing = 0;
  let numeric = true;
  let integer = true;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const cell of cells) {
    if (isMissing(cell)) {
      missing++;
      continue;
    }
    const text = cell.trim();
    counts.set(text, (counts.get(text) ?? 0) + 1);
    if (!numeric) continue;
    const value = parseNumber(text);
    if (Number.isNaN(value)) {
      numeric = false;
      integer = false;
      continue;
    }
    numbers.add(value);
    if (!Number.isInteger(value)) integer = false;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const present = cells.length - missing;
  if (present === 0) numeric = integer = false;
  const distinctNumbers = numeric ? numbers.size : 0;
  return { missing, present, counts, numeric, integer, distinctNumbers, distinct: numeric ? distinctNumbers : counts.size, min, max };
}

/** Categories most frequent first; ties by text, ascending, so the order is deterministic. */
export function categoriesByFrequency(counts: ReadonlyMap<string, number>): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([text]) => text);
}
