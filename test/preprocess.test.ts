import { describe, expect, it } from 'vitest';
import type { Frame } from '../shared/automl/data/frame.js';
import { encodeBinned, encodeDense, numericBin } from '../shared/automl/preprocess/encode.js';
import { fitPreprocessor } from '../shared/automl/preprocess/fitPreprocessor.js';
import { quantileBinEdges } from '../shared/automl/preprocess/quantileBinEdges.js';
import type { FeatureSpec } from '../shared/automl/schema/datasetSchema.js';

const features: FeatureSpec[] = [
  { name: 'x', type: 'numeric', missing: 1, range: { min: 1, max: 4 } },
  { name: 'color', type: 'categorical', missing: 1, categories: ['red', 'blue', 'green'] },
  { name: 'flag', type: 'binary', missing: 0, categories: ['n', 'y'] },
];

const training: Frame = {
  nRows: 5,
  columns: [
    { kind: 'numeric', values: Float64Array.of(1, 2, Number.NaN, 4, 3) },
    { kind: 'categorical', values: ['red', 'red', 'blue', null, 'green'] },
    { kind: 'categorical', values: ['n', 'y', 'y', 'y', 'n'] },
  ],
};

describe('preprocessing', () => {
  const prep = fitPreprocessor(training, features);

  it('learns imputation and scaling from the rows it is given', () => {
    const x = prep.features[0];
    expect(x.kind).toBe('numeric');
    if (x.kind !== 'numeric') return;
    expect(x.median).toBe(2.5); // median of 1, 2, 3, 4
    expect(x.mean).toBeCloseTo((1 + 2 + 2.5 + 4 + 3) / 5, 12);
    expect(prep.features[1]).toMatchObject({ kind: 'categorical', categories: ['red', 'blue', 'green'], binary: false });
    expect(prep.features[2]).toMatchObject({ categories: ['y', 'n'], binary: true });
  });

  it('one-hot encodes categories, an unseen one as all zeros, a binary as one column', () => {
    const frame: Frame = {
      nRows: 2,
      columns: [
        { kind: 'numeric', values: Float64Array.of(2.5, Number.NaN) },
        { kind: 'categorical', values: ['blue', 'purple'] },
        { kind: 'categorical', values: ['n', 'y'] },
      ],
    };
    const X = encodeDense(prep, frame);
    expect(X.cols).toBe(1 + 3 + 1);
    const x = prep.features[0];
    if (x.kind !== 'numeric') throw new Error('numeric expected');
    expect(X.data[0]).toBeCloseTo((2.5 - x.mean) / x.std, 12);
    expect(Array.from(X.data.subarray(1, 5))).toEqual([0, 1, 0, 1]);
    expect(Array.from(X.data.subarray(6, 10))).toEqual([0, 0, 0, 0]);
  });

  it('bins numerics by edges and codes categories most frequent first', () => {
    const X = encodeBinned(prep, training);
    expect(Array.from(X.codes[0])).toEqual([0, 1, 2, 4, 3]);
    expect(Array.from(X.codes[1])).toEqual([0, 0, 1, 0, 2]);
    expect(X.nBins).toEqual([5, 3, 2]);
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
