import { describe, expect, it } from 'vitest';
import type { Frame } from '../shared/automl/data/frame.js';
import { encodeBinned } from '../shared/automl/preprocess/encodeBinned.js';
import { encodeDense } from '../shared/automl/preprocess/encodeDense.js';
import { ONE_HOT_MAX_CATEGORIES, ONE_HOT_MIN_FREQUENCY } from '../shared/automl/preprocess/fitCategorical.js';
import { fitPreprocessor } from '../shared/automl/preprocess/fitPreprocessor.js';
import { MAX_BINS, type Preprocessor } from '../shared/automl/preprocess/preprocessor.js';
import type { FeatureSpec } from '../shared/automl/schema/datasetSchema.js';

const spec = (name: string): FeatureSpec => ({ name, type: 'categorical', missing: 0 });
const column = (values: (string | null)[]): Frame => ({ nRows: values.length, columns: [{ kind: 'categorical', values }] });
/** `counts[i]` rows of category `name(i)`, then `missing` nulls. */
const rowsOf = (counts: number[], name: (i: number) => string, missing = 0): (string | null)[] => [
  ...counts.flatMap((c, i) => new Array<string>(c).fill(name(i))),
  ...new Array<null>(missing).fill(null),
];
const codesOf = (prep: Preprocessor, values: (string | null)[]) => Array.from(encodeBinned(prep, column(values)).codes[0]);
const slotsOf = (prep: Preprocessor, values: (string | null)[]) => {
  const X = encodeDense(prep, column(values));
  return Array.from({ length: X.rows }, (_, r) => X.data.subarray(r * X.cols, (r + 1) * X.cols).indexOf(1));
};

describe('numeric categories keep their order for the trees', () => {
  // Frequency order 3, 1, 10, 2; numeric order 1, 2, 3, 10.
  const prep = fitPreprocessor(column(rowsOf([9, 7, 6, 5], (i) => ['3', '1', '10', '2'][i], 2)), [spec('rating')]);

  it('codes them ascending by value, ordered (not categorical), missing last', () => {
    expect(prep.features[0]).toMatchObject({ tree_codes: 'ascending', categories: ['3', '1', '10', '2'] });
    expect(codesOf(prep, ['1', '2', '3', '10', null])).toEqual([0, 1, 2, 3, 4]);
    const X = encodeBinned(prep, column(['1']));
    expect(X.nBins).toEqual([5]);
    expect(X.categorical).toEqual([false]);
    expect(X.missingBin).toEqual([4]);
  });

  it('codes an unseen number as the nearest category by value (ties to the lower), text as missing', () => {
    expect(codesOf(prep, ['-5', '1.4', '1.5', '1.6', '6.5', '7', '1e6', 'abc'])).toEqual([0, 0, 0, 1, 2, 3, 3, 4]);
  });

  it('still one-hot encodes them by frequency for linear models', () => {
    expect(slotsOf(prep, ['3', '1', '10', '2', null, '4'])).toEqual([0, 1, 2, 3, 4, -1]);
  });

  it('shares the last code among the largest values past the cap', () => {
    const many = fitPreprocessor(column(rowsOf(new Array(300).fill(1), (i) => String(299 - i))), [spec('n')]);
    expect(encodeBinned(many, column(['0'])).nBins).toEqual([MAX_BINS]);
    expect(codesOf(many, ['0', '1', '253', '254', '299', '1000'])).toEqual([0, 1, 253, 254, 254, 254]);
  });
});

describe('text categories for the trees', () => {
  it('are unordered, most frequent first, then an "other" code that unseen categories take', () => {
    const prep = fitPreprocessor(column(rowsOf([3, 2, 1], (i) => ['b', 'a', 'c'][i])), [spec('t')]);
    const X = encodeBinned(prep, column(['b', 'a', 'c', 'zzz']));
    expect(Array.from(X.codes[0])).toEqual([0, 1, 2, 3]);
    expect(X).toMatchObject({ nBins: [4], categorical: [true], missingBin: [-1] });
  });

  it('share the "other" code past the cap, missing keeping the last code', () => {
    const counts = Array.from({ length: 300 }, (_, i) => 400 - i);
    const name = (i: number) => `c${i}`;
    const plain = fitPreprocessor(column(rowsOf(counts, name)), [spec('t')]);
    expect(encodeBinned(plain, column(['c0'])).nBins).toEqual([MAX_BINS]);
    expect(codesOf(plain, ['c0', 'c253', 'c254', 'c299', 'unseen'])).toEqual([0, 253, 254, 254, 254]);
    const withMissing = fitPreprocessor(column(rowsOf(counts, name, 3)), [spec('t')]);
    expect(encodeBinned(withMissing, column(['c0'])).nBins).toEqual([MAX_BINS]);
    expect(codesOf(withMissing, ['c252', 'c253', 'unseen', null])).toEqual([252, 253, 253, 254]);
  });

  it('binary features are ordered levels', () => {
    const prep = fitPreprocessor(column(['y', 'n', 'n']), [{ name: 'f', type: 'binary', missing: 0 }]);
    expect(encodeBinned(prep, column(['n', 'y', 'other']))).toMatchObject({ nBins: [2], categorical: [false], missingBin: [-1] });
    expect(codesOf(prep, ['n', 'y', 'other'])).toEqual([0, 1, 0]);
  });
});

describe('one-hot top-K for linear models', () => {
  it('keeps at most K − 1 frequent categories plus one "other" slot, which unseen ones take', () => {
    const counts = Array.from({ length: 100 }, (_, i) => 1000 - i);
    const prep = fitPreprocessor(column(rowsOf(counts, (i) => `c${i}`)), [spec('t')]);
    const K = ONE_HOT_MAX_CATEGORIES;
    expect(encodeDense(prep, column(['c0'])).cols).toBe(K);
    expect(slotsOf(prep, ['c0', `c${K - 2}`, `c${K - 1}`, 'c99', 'unseen'])).toEqual([0, K - 2, K - 1, K - 1, K - 1]);
  });

  it(`pools categories seen fewer than ${ONE_HOT_MIN_FREQUENCY} times into "other"`, () => {
    const m = ONE_HOT_MIN_FREQUENCY;
    const prep = fitPreprocessor(column(rowsOf([m + 3, m, m - 1, 1], (i) => 'abcd'[i], 1)), [spec('t')]);
    expect(prep.features[0]).toMatchObject({ one_hot_top: 2, categories: ['a', 'b', 'c', 'd'] });
    // a, b, "other", missing
    expect(encodeDense(prep, column(['a'])).cols).toBe(4);
    expect(slotsOf(prep, ['a', 'b', 'c', 'd', 'e', null])).toEqual([0, 1, 2, 2, 2, 3]);
  });

  it('bounds the dense width of a 5,000-category column', () => {
    const counts = Array.from({ length: 5000 }, (_, i) => 1 + (i % 7));
    const prep = fitPreprocessor(column(rowsOf(counts, (i) => `v${i}`)), [spec('t')]);
    expect(encodeDense(prep, column(['v1'])).cols).toBe(ONE_HOT_MAX_CATEGORIES);
  });
});
