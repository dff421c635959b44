import { InvalidDatasetError, InvalidOptionsError } from '../errors.js';
import type { Task } from '../task.js';
import { createRandom, shuffleInPlace } from '../util/random.js';

/** Row indices of one split: `train` to fit, `test` (or validation) to score. */
export interface Split {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * Rows of each stratum, shuffled with the seed: one stratum per class for classification, a
 * single stratum for regression. Strata are in class order, so the result is deterministic.
 */
function strata(y: Float64Array, task: Task, seed: number): Int32Array[] {
  const random = createRandom(seed);
  if (task === 'regression') return [shuffleInPlace(Int32Array.from(y.keys()), random)];
  const groups: number[][] = [];
  for (let i = 0; i < y.length; i++) (groups[y[i]] ??= []).push(i);
  return groups.filter(Boolean).map((g) => shuffleInPlace(Int32Array.from(g), random));
}

/** Test rows taken from a stratum of `size` rows: round(size × fraction), at least 1 when size ≥ 2. */
export function testShare(size: number, fraction: number): number {
  if (size < 2) return 0;
  return Math.min(size - 1, Math.max(1, Math.round(size * fraction)));
}

/** Stratified (classification) or plain shuffled (regression) train/test split. */
export function trainTestSplit(y: Float64Array, task: Task, testFraction: number, seed: number): Split {
  const train: number[] = [];
  const test: number[] = [];
  for (const stratum of strata(y, task, seed)) {
    const nTest = testShare(stratum.length, testFraction);
    for (let i = 0; i < stratum.length; i++) (i < nTest ? test : train).push(stratum[i]);
  }
  return { train: sortedIndices(train), test: sortedIndices(test) };
}

/**
 * K folds over `y`: stratified for classification (each class dealt round-robin over the folds
 * after a seeded shuffle); for regression the shuffled rows are dealt round-robin the same way. Returns indices into `y`.
 */
export function kFolds(y: Float64Array, task: Task, k: number, seed: number): Split[] {
  if (!Number.isInteger(k) || k < 2) throw new InvalidOptionsError(`cross-validation needs at least 2 folds, got ${k}`);
  const foldOf = new Int32Array(y.length);
  let dealt = 0;
  for (const stratum of strata(y, task, seed)) {
    for (let i = 0; i < stratum.length; i++) foldOf[stratum[i]] = (dealt + i) % k;
    dealt += stratum.length;
  }
  return Array.from({ length: k }, (_, fold) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < y.length; i++) (foldOf[i] === fold ? test : train).push(i);
    return { train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

/**
 * Checks there are enough rows to hold out a test split and cross-validate with `k` folds
 * (k = 0: one validation split): every class (or, for regression, the data set) needs at least
 * `max(k, 2)` training rows after the test share is removed.
 */
export function checkEnoughRows(y: Float64Array, task: Task, classes: readonly string[], k: number, testFraction: number): void {
  const folds = Math.max(k, 2);
  const sizes = task === 'regression' ? [y.length] : classes.map((_, c) => y.reduce((n, v) => n + (v === c ? 1 : 0), 0));
  sizes.forEach((size, c) => {
    const train = size - testShare(size, testFraction);
    if (train < folds || size < 2) {
      const what = task === 'regression' ? 'the data set' : `class '${classes[c]}'`;
      const plan = k >= 2 ? `${k}-fold cross-validation` : 'a validation split';
      throw new InvalidDatasetError(
        `too few rows to cross-validate: ${what} has ${size} row(s); ${plan} plus a ${Math.round(testFraction * 100)}% test split needs at least ${minimumRows(folds, testFraction)}`,
      );
    }
  });
}

function minimumRows(folds: number, testFraction: number): number {
  let size = 2;
  while (size - testShare(size, testFraction) < folds) size++;
  return size;
}

function sortedIndices(values: number[]): Int32Array {
  return Int32Array.from(values).sort();
}
