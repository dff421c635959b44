import { describe, expect, it } from 'vitest';
import { InvalidDatasetError, InvalidOptionsError } from '../shared/automl/errors.js';
import { checkEnoughRows, kFolds, testShare, trainTestSplit } from '../shared/automl/evaluation/splits.js';
import type { Split } from '../shared/automl/evaluation/splits.js';
import { createRandom, shuffleInPlace } from '../shared/automl/util/random.js';

/** Labels 0..k−1 with `counts[c]` rows of class c, in a seeded random order. */
function labels(counts: readonly number[], seed = 1): Float64Array {
  const y = Float64Array.from(counts.flatMap((count, c) => new Array<number>(count).fill(c)));
  return shuffleInPlace(y, createRandom(seed));
}

function rowsOfClass(y: Float64Array, rows: ArrayLike<number>, c: number): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (y[rows[i]] === c) n++;
  return n;
}

/** Every class's row count in `rows` is within one row of its overall share of `rows.length`. */
function expectSharesKept(y: Float64Array, rows: ArrayLike<number>, nClasses: number): void {
  for (let c = 0; c < nClasses; c++) {
    const share = rowsOfClass(y, range(y.length), c) / y.length;
    expect(Math.abs(rowsOfClass(y, rows, c) - share * rows.length)).toBeLessThanOrEqual(1);
  }
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function isAscending(rows: Int32Array): boolean {
  return rows.every((v, i) => i === 0 || rows[i - 1] < v);
}

/** `train` and `test` are disjoint and together hold each of the n rows exactly once. */
function expectPartition(split: Split, n: number): void {
  const seen = new Int32Array(n);
  for (const i of split.train) seen[i]++;
  for (const i of split.test) seen[i]++;
  expect(split.train.length + split.test.length).toBe(n);
  expect(seen.every((times) => times === 1)).toBe(true);
}

const counts = [61, 27, 12];
const y = labels(counts);

describe('trainTestSplit', () => {
  it('keeps every class share in train and test within one row of the overall share', () => {
    for (const fraction of [0.2, 0.25, 0.5]) {
      const split = trainTestSplit(y, 'multiclass', fraction, 7);
      expectSharesKept(y, split.test, 3);
      expectSharesKept(y, split.train, 3);
    }
  });

  it('takes round(size × fraction) test rows per class: at least one of a class of two or more, never all', () => {
    const split = trainTestSplit(y, 'multiclass', 0.2, 7);
    expect(counts.map((_, c) => rowsOfClass(y, split.test, c))).toEqual([12, 5, 2]);
    expect([testShare(1, 0.2), testShare(2, 0.1), testShare(5, 0.99), testShare(10, 0.25)]).toEqual([0, 1, 4, 3]);
    const tiny = labels([1, 2, 5]);
    const tinySplit = trainTestSplit(tiny, 'multiclass', 0.1, 3);
    expect([0, 1, 2].map((c) => rowsOfClass(tiny, tinySplit.test, c))).toEqual([0, 1, 1]);
  });

  it('returns disjoint, ascending train and test rows that together are every row once', () => {
    const split = trainTestSplit(y, 'binary', 0.3, 11);
    expectPartition(split, y.length);
    expect(isAscending(split.train)).toBe(true);
    expect(isAscending(split.test)).toBe(true);
  });

  it('gives the same split for the same seed and a different one for another seed', () => {
    const a = trainTestSplit(y, 'multiclass', 0.2, 5);
    const b = trainTestSplit(y, 'multiclass', 0.2, 5);
    const c = trainTestSplit(y, 'multiclass', 0.2, 6);
    expect(b).toEqual(a);
    expect(c.test.length).toBe(a.test.length);
    expect(Array.from(c.test)).not.toEqual(Array.from(a.test));
  });

  it('for regression takes round(n × fraction) shuffled rows whatever the target values (no strata)', () => {
    const n = 53;
    const values = Float64Array.from({ length: n }, (_, i) => i * 1.5);
    const other = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -100 : 1e6 + i));
    const split = trainTestSplit(values, 'regression', 0.2, 9);
    expect(split.test.length).toBe(Math.round(n * 0.2));
    expectPartition(split, n);
    expect(trainTestSplit(other, 'regression', 0.2, 9)).toEqual(split);
    expect(Array.from(split.test)).not.toEqual(Array.from(range(split.test.length)));
  });
});

describe('kFolds', () => {
  const k = 5;
  const folds = kFolds(y, 'multiclass', k, 3);

  it('puts every row in exactly one validation fold, each fold with disjoint train and validation covering all rows', () => {
    expect(folds).toHaveLength(k);
    const validations = new Int32Array(y.length);
    for (const fold of folds) {
      expectPartition(fold, y.length);
      for (const i of fold.test) validations[i]++;
    }
    expect(validations.every((times) => times === 1)).toBe(true);
  });

  it('keeps every class share in each validation fold and its training rows within one row of the overall share', () => {
    for (const fold of folds) {
      expectSharesKept(y, fold.test, 3);
      expectSharesKept(y, fold.train, 3);
    }
    const sizes = folds.map((fold) => fold.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('gives the same folds for the same seed and different folds for another seed', () => {
    expect(kFolds(y, 'multiclass', k, 3)).toEqual(folds);
    const other = kFolds(y, 'multiclass', k, 4);
    expect(other.map((fold) => Array.from(fold.test))).not.toEqual(folds.map((fold) => Array.from(fold.test)));
  });

  it('for regression deals shuffled rows into folds of ⌊n/k⌋ or ⌈n/k⌉ rows, whatever the target values', () => {
    const n = 53;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const other = new Float64Array(n).fill(4);
    const regressionFolds = kFolds(values, 'regression', 4, 2);
    for (const fold of regressionFolds) {
      expect([13, 14]).toContain(fold.test.length);
      expectPartition(fold, n);
    }
    expect(kFolds(other, 'regression', 4, 2)).toEqual(regressionFolds);
  });

  it('rejects fewer than two folds with InvalidOptionsError', () => {
    expect(() => kFolds(y, 'binary', 1, 0)).toThrow(InvalidOptionsError);
    expect(() => kFolds(y, 'binary', 1, 0)).toThrow('cross-validation needs at least 2 folds, got 1');
    expect(() => kFolds(y, 'binary', 2.5, 0)).toThrow(InvalidOptionsError);
  });
});

describe('checkEnoughRows', () => {
  const classes = ['no', 'yes'];

  it('accepts a class with just enough rows for the test share plus k folds', () => {
    // 6 rows: 1 to the 20% test split, 5 left for 5 folds.
    expect(() => checkEnoughRows(labels([40, 6]), 'binary', classes, 5, 0.2)).not.toThrow();
  });

  it('rejects a class with too few rows with InvalidDatasetError naming the class, its rows and the minimum', () => {
    const check = () => checkEnoughRows(labels([40, 5]), 'binary', classes, 5, 0.2);
    expect(check).toThrow(InvalidDatasetError);
    expect(check).toThrow(
      "too few rows to cross-validate: class 'yes' has 5 row(s); 5-fold cross-validation plus a 20% test split needs at least 6",
    );
    expect(() => checkEnoughRows(labels([40, 1]), 'binary', classes, 0, 0.2)).toThrow("class 'yes' has 1 row(s)");
  });

  it('checks the whole data set for regression, and k = 0 as one validation split', () => {
    const check = () => checkEnoughRows(Float64Array.of(1.5, 2.5), 'regression', [], 0, 0.2);
    expect(check).toThrow(InvalidDatasetError);
    expect(check).toThrow(
      'too few rows to cross-validate: the data set has 2 row(s); a validation split plus a 20% test split needs at least 3',
    );
    expect(() => checkEnoughRows(Float64Array.of(1.5, 2.5, 3.5), 'regression', [], 0, 0.2)).not.toThrow();
  });
});
