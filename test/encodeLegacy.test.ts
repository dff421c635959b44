import { describe, expect, it } from 'vitest';
import type { Frame } from '../shared/automl/data/frame.js';
import { encodeBinned } from '../shared/automl/preprocess/encodeBinned.js';
import { encodeDense } from '../shared/automl/preprocess/encodeDense.js';
import { PreprocessorSchema } from '../shared/automl/preprocess/preprocessor.js';

/** A preprocessor as artifacts wrote it before missing levels, top-K one-hot and ordered codes. */
const legacyJson = JSON.stringify({
  features: [
    { kind: 'numeric', name: 'x', median: 2, mean: 2.2, std: 1.1, edges: [1.5, 2.5] },
    { kind: 'categorical', name: 'rating', binary: false, categories: ['3', '1', '2'] },
    { kind: 'categorical', name: 'flag', binary: true, categories: ['y', 'n'] },
    { kind: 'categorical', name: 'city', binary: false, categories: Array.from({ length: 300 }, (_, i) => `c${i}`) },
  ],
});

const probe: Frame = {
  nRows: 4,
  columns: [
    { kind: 'numeric', values: Float64Array.of(Number.NaN, 1, 3, 2.5) },
    { kind: 'categorical', values: ['1', null, '9', '2'] },
    { kind: 'categorical', values: ['n', null, 'y', 'maybe'] },
    { kind: 'categorical', values: ['c10', 'c299', null, 'unseen'] },
  ],
};

describe('a preprocessor written before the missing-value and category changes', () => {
  const legacy = PreprocessorSchema.parse(JSON.parse(legacyJson));

  it('loads unchanged', () => {
    expect(JSON.stringify(legacy)).toBe(legacyJson);
  });

  it('encodes for trees as it did: median imputation, frequency codes capped at 255, missing and unseen → 0', () => {
    const X = encodeBinned(legacy, probe);
    expect(X.codes.map((c) => Array.from(c))).toEqual([
      [1, 0, 2, 1], // NaN → the median 2's bin
      [1, 0, 0, 2], // rating by frequency (not by value); missing → '3', unseen '9' → 0
      [1, 0, 0, 0],
      [10, 254, 0, 0], // c299 shares the capped code 254
    ]);
    expect(X.nBins).toEqual([3, 3, 2, 255]);
    expect(X.missingBin).toEqual([-1, -1, -1, -1]);
    expect(X.categorical).toEqual([false, false, false, false]);
  });

  it('encodes for linear models as it did: one slot per category, unseen all zeros, missing → most frequent', () => {
    const X = encodeDense(legacy, probe);
    expect(X.cols).toBe(1 + 3 + 1 + 300);
    const z = (v: number) => (v - 2.2) / 1.1;
    const row = (r: number) => Array.from(X.data.subarray(r * X.cols, (r + 1) * X.cols));
    const hot = (r: number) => row(r).flatMap((v, j) => (j > 0 && v !== 0 ? [j] : []));
    expect([0, 1, 2, 3].map((r) => row(r)[0])).toEqual([z(2), z(1), z(3), z(2.5)]);
    expect(hot(0)).toEqual([1 + 1, 4, 5 + 10]); // rating '1' → slot 1; flag 'n'; city c10
    expect(hot(1)).toEqual([1 + 0, 5 + 299]); // missing rating → '3'; missing flag → 'y' (no column)
    expect(hot(2)).toEqual([5 + 0]); // unseen '9' → none; missing city → c0
    expect(hot(3)).toEqual([1 + 2]); // unseen flag and city → none
  });
});
