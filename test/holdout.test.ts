import { describe, expect, it } from 'vitest';
import { holdOut, type Holdout } from '../shared/automl/candidates/gradientBoosting/holdout.js';
import { createRandom, shuffleInPlace } from '../shared/automl/util/random.js';

/** Labels 0..k−1 with `counts[c]` rows of class c, in a seeded random order. */
function labels(counts: readonly number[], seed = 1): Float64Array {
  const y = Float64Array.from(counts.flatMap((count, c) => new Array<number>(count).fill(c)));
  return shuffleInPlace(y, createRandom(seed));
}

function classCounts(y: Float64Array, rows: Int32Array, nClasses: number): number[] {
  const counts = new Array<number>(nClasses).fill(0);
  for (const i of rows) counts[y[i]]++;
  return counts;
}

/** Both lists ascending, disjoint, and together every one of the n rows once. */
function expectPartition({ train, valid }: Holdout, n: number): void {
  const ascending = (rows: Int32Array) => rows.every((v, i) => i === 0 || rows[i - 1] < v);
  expect(ascending(train)).toBe(true);
  expect(ascending(valid)).toBe(true);
  const seen = new Int32Array(n);
  for (const i of train) seen[i]++;
  for (const i of valid) seen[i]++;
  expect(train.length + valid.length).toBe(n);
  expect(seen.every((times) => times === 1)).toBe(true);
}

describe('holdOut (early-stopping validation rows)', () => {
  const counts = [50, 30, 7];
  const y = labels(counts);

  it('stratifies classification: each class gives round(fraction × its count) validation rows', () => {
    const split = holdOut(y, 'multiclass', 3, 0.2, createRandom(4));
    expect(classCounts(y, split.valid, 3)).toEqual([10, 6, 1]);
    expect(classCounts(y, split.train, 3)).toEqual([40, 24, 6]);
  });

  it('returns ascending, disjoint train and validation rows that together are every row once', () => {
    expectPartition(holdOut(y, 'multiclass', 3, 0.2, createRandom(4)), y.length);
    const binary = labels([25, 18], 2);
    expectPartition(holdOut(binary, 'binary', 2, 0.3, createRandom(9)), binary.length);
  });

  it('gives the same rows for the same seed and different rows for another seed', () => {
    const a = holdOut(y, 'multiclass', 3, 0.2, createRandom(4));
    expect(holdOut(y, 'multiclass', 3, 0.2, createRandom(4))).toEqual(a);
    const b = holdOut(y, 'multiclass', 3, 0.2, createRandom(5));
    expect(b.valid.length).toBe(a.valid.length);
    expect(Array.from(b.valid)).not.toEqual(Array.from(a.valid));
  });

  it('takes round(fraction × n) shuffled rows for regression, whatever the target values', () => {
    const n = 37;
    const values = Float64Array.from({ length: n }, (_, i) => i / 3);
    const split = holdOut(values, 'regression', 0, 0.25, createRandom(8));
    expect(split.valid.length).toBe(9);
    expectPartition(split, n);
    const constant = new Float64Array(n).fill(2);
    expect(holdOut(constant, 'regression', 0, 0.25, createRandom(8))).toEqual(split);
    expect(Array.from(split.valid)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps a class too small for a rounded share entirely in training (round half up otherwise)', () => {
    const small = labels([1, 2, 20], 3);
    const split = holdOut(small, 'multiclass', 3, 0.2, createRandom(1));
    expect(classCounts(small, split.valid, 3)).toEqual([0, 0, 4]); // round(0.2), round(0.4), round(4)
    const halves = labels([2, 6]);
    const half = holdOut(halves, 'binary', 2, 0.25, createRandom(1));
    expect(classCounts(halves, half.valid, 2)).toEqual([1, 2]); // round(0.5) = 1, round(1.5) = 2
  });

  it('handles the edges: no rows, fraction 0, fraction 1, and a class with no rows', () => {
    expect(holdOut(new Float64Array(0), 'binary', 2, 0.2, createRandom(1))).toEqual({ train: new Int32Array(0), valid: new Int32Array(0) });
    const none = holdOut(y, 'multiclass', 3, 0, createRandom(1));
    expect(none.valid.length).toBe(0);
    expect(Array.from(none.train)).toEqual(Array.from(y.keys()));
    const all = holdOut(y, 'regression', 0, 1, createRandom(1));
    expect(all.train.length).toBe(0);
    expect(all.valid.length).toBe(y.length);
    const absent = holdOut(labels([10, 10]), 'multiclass', 3, 0.5, createRandom(1));
    expectPartition(absent, 20);
    expect(absent.valid.length).toBe(10);
  });
});
