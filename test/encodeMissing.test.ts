import { describe, expect, it } from 'vitest';
import { gradientBoostingCandidate } from '../shared/automl/candidates/gradientBoosting/index.js';
import { linearCandidate } from '../shared/automl/candidates/linear/index.js';
import type { Frame, FrameColumn } from '../shared/automl/data/frame.js';
import { PreparedSplit } from '../shared/automl/evaluation/preparedSplit.js';
import { encodeBinned } from '../shared/automl/preprocess/encodeBinned.js';
import { encodeDense } from '../shared/automl/preprocess/encodeDense.js';
import { fitPreprocessor } from '../shared/automl/preprocess/fitPreprocessor.js';
import { MAX_BINS } from '../shared/automl/preprocess/preprocessor.js';
import { quantileBinEdges } from '../shared/automl/preprocess/quantileBinEdges.js';
import type { FeatureSpec } from '../shared/automl/schema/datasetSchema.js';

const numeric = (name: string): FeatureSpec => ({ name, type: 'numeric', missing: 0 });
const frameOf = (...columns: FrameColumn[]): Frame => ({ nRows: columns[0].values.length, columns });
const num = (...values: number[]): FrameColumn => ({ kind: 'numeric', values: Float64Array.from(values) });
const cat = (...values: (string | null)[]): FrameColumn => ({ kind: 'categorical', values });
const NaN_ = Number.NaN;

describe('numeric features with missing values in training', () => {
  // 400 distinct present values (more than the bins) and 100 missing ones.
  const values = Array.from({ length: 500 }, (_, i) => (i % 5 === 4 ? NaN_ : i * 1.5));
  const prep = fitPreprocessor(frameOf(num(...values)), [numeric('x')]);
  const x = prep.features[0];
  if (x.kind !== 'numeric') throw new Error('numeric expected');

  it('fits the edges on the present values only, keeping one of the 255 bins for missing', () => {
    const present = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
    expect(x.missing_indicator).toBe(true);
    expect(x.edges).toEqual(quantileBinEdges(present, MAX_BINS - 1));
    const X = encodeBinned(prep, frameOf(num(NaN_, -1e9, 1e9, 0)));
    expect(X.nBins).toEqual([x.edges.length + 2]);
    expect(X.nBins[0]).toBeLessThanOrEqual(MAX_BINS);
    expect(X.missingBin).toEqual([x.edges.length + 1]);
    expect(Array.from(X.codes[0])).toEqual([x.edges.length + 1, 0, x.edges.length, 0]);
  });

  it('gives linear models the median-imputed standardized value and a missing indicator next to it', () => {
    const X = encodeDense(prep, frameOf(num(NaN_, 3)));
    expect(X.cols).toBe(2);
    const z = (v: number) => (v - x.mean) / x.std;
    expect(Array.from(X.data)).toEqual([z(x.median), 1, z(3), 0]);
    const train = encodeDense(prep, frameOf(num(...values)));
    const indicator = Array.from({ length: 500 }, (_, r) => train.data[r * 2 + 1]);
    expect(indicator).toEqual(values.map((v) => (Number.isNaN(v) ? 1 : 0)));
  });

  it('keeps median imputation, one column and no missing bin when training had no missing value', () => {
    const full = fitPreprocessor(frameOf(num(1, 2, 3, 10)), [numeric('x')]);
    expect(full.features[0]).not.toHaveProperty('missing_indicator');
    const X = encodeBinned(full, frameOf(num(NaN_, 2.5)));
    expect(X.nBins).toEqual([4]);
    expect(X.missingBin).toEqual([-1]);
    expect(Array.from(X.codes[0])).toEqual([1, 1]); // NaN → the median 2.5's bin (1.5 < x ≤ 2.5), like 2.5 itself
    expect(encodeDense(full, frameOf(num(NaN_))).cols).toBe(1);
  });
});

describe('categorical and binary features with missing values in training', () => {
  const specs: FeatureSpec[] = [
    { name: 'color', type: 'categorical', missing: 5, categories: ['red', 'blue'] },
    { name: 'flag', type: 'binary', missing: 5, categories: ['y', 'n'] },
    { name: 'filled', type: 'binary', missing: 5, categories: ['yes'] },
  ];
  const rows = 20;
  const color = Array.from({ length: rows }, (_, i) => (i % 4 === 0 ? null : i % 4 === 1 ? 'blue' : 'red'));
  const flag = Array.from({ length: rows }, (_, i) => (i % 4 === 0 ? null : i % 2 === 0 ? 'y' : 'n'));
  const filled = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? null : 'yes'));
  const prep = fitPreprocessor(frameOf(cat(...color), cat(...flag), cat(...filled)), specs);
  const probe = frameOf(cat(null, 'red', 'blue'), cat(null, 'y', 'n'), cat(null, 'yes', 'yes'));

  it('makes missing a level of its own: the last tree code', () => {
    expect(prep.features.map((e) => e.kind === 'categorical' && e.missing_level)).toEqual([true, true, true]);
    const X = encodeBinned(prep, probe);
    // color: red, blue, "other", missing; flag: n, y, missing (n is more frequent); filled: yes, missing.
    expect(X.nBins).toEqual([4, 3, 2]);
    expect(X.missingBin).toEqual([3, 2, 1]);
    expect(X.codes.map((c) => Array.from(c))).toEqual([
      [3, 0, 1],
      [2, 1, 0],
      [1, 0, 0],
    ]);
  });

  it('gives missing its own one-hot slot; a one-category binary is one present-vs-missing column', () => {
    const X = encodeDense(prep, probe);
    expect(X.cols).toBe(3 + 2 + 1); // red, blue, missing | y, missing | missing
    const rowsOf = Array.from({ length: 3 }, (_, r) => Array.from(X.data.subarray(r * 6, r * 6 + 6)));
    expect(rowsOf).toEqual([
      [0, 0, 1, 0, 1, 1],
      [1, 0, 0, 1, 0, 0],
      [0, 1, 0, 0, 0, 0],
    ]);
  });

  it('imputes the most frequent category when training had no missing value', () => {
    const full = fitPreprocessor(frameOf(cat('red', 'red', 'blue'), cat('y', 'n', 'n'), cat('yes', 'yes', 'yes')), specs);
    const X = encodeBinned(full, probe);
    expect(X.missingBin).toEqual([-1, -1, -1]);
    expect(X.nBins).toEqual([3, 2, 1]);
    expect(Array.from(X.codes[0])).toEqual([0, 0, 1]);
    expect(Array.from(X.codes[1])).toEqual([0, 1, 0]);
    const dense = encodeDense(full, probe);
    expect(dense.cols).toBe(1 + 1 + 0); // color: "other" only (both under the minimum frequency); flag: y; filled: none
    expect(Array.from(dense.data)).toEqual([1, 0, 1, 1, 1, 0]);
  });
});

describe('a binary feature with one category and no missing value in a fold', () => {
  const n = 60;
  const features: FeatureSpec[] = [numeric('x'), { name: 'filled', type: 'binary', missing: 10, categories: ['yes'] }];
  const x = Array.from({ length: n }, (_, i) => (i * 7919) % 101);
  // Missing only in the last 10 rows, which are the test rows of the split.
  const filled = Array.from({ length: n }, (_, i) => (i >= n - 10 ? null : 'yes'));
  const y = Float64Array.from(x, (v, i) => (v > 50 || i >= n - 5 ? 1 : 0));
  const frame = frameOf(num(...x), cat(...filled));
  const split = { train: Int32Array.from({ length: n - 10 }, (_, i) => i), test: Int32Array.from({ length: 10 }, (_, i) => n - 10 + i) };

  it('encodes to no dense column and one tree code, and both candidates fit and predict', () => {
    const prepared = new PreparedSplit(frame, y, features, split);
    expect(prepared.preprocessor.features[1]).toEqual({ kind: 'categorical', name: 'filled', binary: true, categories: ['yes'] });
    const dense = prepared.test('dense');
    expect(dense.cols).toBe(1);
    const binned = prepared.test('binned');
    expect(binned.nBins).toEqual([expect.any(Number), 1]);
    expect(Array.from(binned.codes[1])).toEqual(new Array(10).fill(0));
    const train = { y: prepared.yTrain, task: 'binary' as const, nClasses: 2 };
    const linear = linearCandidate.fit({ ...train, X: prepared.train('dense') }, { kind: 'logistic', C: 1 }, { seed: 1 });
    const boosted = gradientBoostingCandidate.fit({ ...train, X: prepared.train('binned') }, gradientBoostingCandidate.paramSets('binary')[0], { seed: 1 });
    for (const p of [linear.predict(dense), boosted.predict(binned)]) {
      expect(p.length).toBe(10);
      for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
    }
  });
});
