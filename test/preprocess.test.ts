import { describe, expect, it } from 'vitest';
import type { Frame } from '../shared/automl/data/frame.js';
import { encodeBinned } from '../shared/automl/preprocess/encodeBinned.js';
import { encodeDense } from '../shared/automl/preprocess/encodeDense.js';
import { fitPreprocessor } from '../shared/automl/preprocess/fitPreprocessor.js';
import { numericBin } from '../shared/automl/preprocess/numericCoding.js';
import { quantileBinEdges } from '../shared/automl/preprocess/quantileBinEdges.js';
import type { FeatureSpec } from '../shared/automl/schema/datasetSchema.js';

const features: FeatureSpec[] = [
  { name: 'x', type: 'numeric', missing: 1, range: { min: 1, max: 4 } },
  { name: 'color', type: 'categorical', missing: 1, categories: ['red', 'blue', 'green'] },
  { name: 'flag', type: 'binary', missing: 0, categories: ['n', 'y'] },
];

/** Five rows, each repeated five times so every category reaches the one-hot minimum frequency. */
const base = {
  x: [1, 2, Number.NaN, 4, 3],
  color: ['red', 'red', 'blue', null, 'green'],
  flag: ['n', 'y', 'y', 'y', 'n'],
};
const repeat = <T>(values: T[]): T[] => Array.from({ length: 25 }, (_, i) => values[i % 5]);
const training: Frame = {
  nRows: 25,
  columns: [
    { kind: 'numeric', values: Float64Array.from(repeat(base.x)) },
    { kind: 'categorical', values: repeat(base.color) },
    { kind: 'categorical', values: repeat(base.flag) },
  ],
};

describe('preprocessing', () => {
  const prep = fitPreprocessor(training, features);

  it('learns imputation and scaling from the rows it is given', () => {
    const x = prep.features[0];
    expect(x.kind).toBe('numeric');
    if (x.kind !== 'numeric') return;
    expect(x.median).toBe(2.5); // median of 1, 2, 3, 4 (×5)
    expect(x.mean).toBeCloseTo((1 + 2 + 2.5 + 4 + 3) / 5, 12);
    expect(x.missing_indicator).toBe(true);
    expect(prep.features[1]).toMatchObject({ kind: 'categorical', categories: ['red', 'blue', 'green'], binary: false, missing_level: true });
    expect(prep.features[2]).toMatchObject({ categories: ['y', 'n'], binary: true });
    expect(prep.features[2]).not.toHaveProperty('missing_level');
  });

  it('one-hot encodes categories (an unseen one as all zeros when none was rare), a binary as one column', () => {
    const frame: Frame = {
      nRows: 3,
      columns: [
        { kind: 'numeric', values: Float64Array.of(2.5, Number.NaN, 4) },
        { kind: 'categorical', values: ['blue', 'purple', null] },
        { kind: 'categorical', values: ['n', 'y', 'y'] },
      ],
    };
    const X = encodeDense(prep, frame);
    expect(X.cols).toBe(2 + 4 + 1); // x, its missing indicator; red, blue, green, missing; flag = n
    const x = prep.features[0];
    if (x.kind !== 'numeric') throw new Error('numeric expected');
    const z = (v: number) => (v - x.mean) / x.std;
    expect(Array.from(X.data.subarray(0, 7))).toEqual([z(2.5), 0, 0, 1, 0, 0, 1]);
    expect(Array.from(X.data.subarray(7, 14))).toEqual([z(2.5), 1, 0, 0, 0, 0, 0]);
    expect(Array.from(X.data.subarray(14, 21))).toEqual([z(4), 0, 0, 0, 0, 1, 0]);
  });

  it('bins numerics by edges (missing last) and codes text categories most frequent first, then "other", then missing', () => {
    const X = encodeBinned(prep, training);
    expect(Array.from(X.codes[0].subarray(0, 5))).toEqual([0, 1, 4, 3, 2]);
    expect(Array.from(X.codes[1].subarray(0, 5))).toEqual([0, 0, 1, 4, 2]);
    expect(X.nBins).toEqual([5, 5, 2]);
    expect(X.missingBin).toEqual([4, 4, -1]);
    expect(X.categorical).toEqual([false, true, false]);
  });

  it('caps bins at 255 with about equal counts, never splitting a value', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => Math.floor(i / 3)).sort();
    const edges = quantileBinEdges(values, 255);
    expect(edges.length).toBeLessThanOrEqual(254);
    expect(edges.length).toBeGreaterThan(240);
    const encoding = { kind: 'numeric' as const, name: 'v', median: 0, mean: 0, std: 1, edges };
    const counts = new Array(edges.length + 1).fill(0);
    for (const v of values) counts[numericBin(encoding, v)]++;
    expect(Math.max(...counts)).toBeLessThanOrEqual(Math.ceil(10_000 / 255) + 3);
    expect(quantileBinEdges(Float64Array.of(1, 1, 2, 5), 255)).toEqual([1.5, 3.5]);
  });
});
