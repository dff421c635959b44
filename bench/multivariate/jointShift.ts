/**
 * Windows whose joint distribution changes while every marginal stays exactly the same: one
 * column's values are permuted among the window's rows, so the multiset of every column is
 * unchanged (a univariate test sees the same sample) but its relation with another column is
 * not. Used by test/multivariateJointShift.test.ts and bench:multivariate.
 */
import type { Frame, FrameColumn } from '../../shared/automl/data/frame.js';
import { createRandom } from '../../shared/automl/util/random.js';

/** Window rows whose `column` (numeric) and `by` (numeric) are both finite, ascending by `by` (ties by row). */
function finiteRowsBy(frame: Frame, column: number, by: number): number[] {
  const values = numericValues(frame, column);
  const key = numericValues(frame, by);
  const rows: number[] = [];
  for (let r = 0; r < frame.nRows; r++) if (Number.isFinite(values[r]) && Number.isFinite(key[r])) rows.push(r);
  return rows.sort((a, b) => key[a] - key[b] || a - b);
}

function numericValues(frame: Frame, j: number): Float64Array {
  const column = frame.columns[j];
  if (column.kind !== 'numeric') throw new Error(`jointShift: column ${j} is not numeric`);
  return column.values;
}

function withColumn(frame: Frame, j: number, values: Float64Array): Frame {
  const columns = frame.columns.map((column, c): FrameColumn => (c === j ? { kind: 'numeric', values } : column));
  return { nRows: frame.nRows, columns };
}

/**
 * `column`'s values reassigned by the reversed rank of `by`: the row with the smallest `by`
 * gets the largest value of `column`, and so on (the strongest reversal of their relation).
 */
export function reversedByRank(frame: Frame, column: number, by: number): Frame {
  const rows = finiteRowsBy(frame, column, by);
  const source = numericValues(frame, column);
  const sorted = rows.map((r) => source[r]).sort((a, b) => a - b);
  const values = Float64Array.from(source);
  rows.forEach((r, i) => {
    values[r] = sorted[sorted.length - 1 - i];
  });
  return withColumn(frame, column, values);
}

/**
 * `column`'s values swapped between the rows whose `by` is below `low` and those at or above
 * `high`, pair by pair in a seeded order, as many pairs as the smaller group has: the young
 * get the old rows' values and back.
 */
export function swappedBetweenGroups(frame: Frame, column: number, by: number, low: number, high: number, seed: number): Frame {
  const key = numericValues(frame, by);
  const rows = finiteRowsBy(frame, column, by);
  const random = createRandom(seed);
  const shuffled = (list: number[]) => {
    for (let i = list.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [list[i], list[k]] = [list[k], list[i]];
    }
    return list;
  };
  const young = shuffled(rows.filter((r) => key[r] < low));
  const old = shuffled(rows.filter((r) => key[r] >= high));
  const values = Float64Array.from(numericValues(frame, column));
  for (let i = 0; i < Math.min(young.length, old.length); i++) {
    [values[young[i]], values[old[i]]] = [values[old[i]], values[young[i]]];
  }
  return withColumn(frame, column, values);
}

/** `column`'s values shuffled among the window's rows (seeded): its relation with every other column is gone. */
export function shuffledColumn(frame: Frame, column: number, seed: number): Frame {
  const values = Float64Array.from(numericValues(frame, column));
  const random = createRandom(seed);
  for (let i = values.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [values[i], values[k]] = [values[k], values[i]];
  }
  return withColumn(frame, column, values);
}
