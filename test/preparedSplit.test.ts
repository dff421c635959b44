import { describe, expect, it } from 'vitest';
import { takeFrameRows, type Frame } from '../shared/automl/data/frame.js';
import { PreparedSplit } from '../shared/automl/evaluation/preparedSplit.js';
import type { Split } from '../shared/automl/evaluation/splits.js';
import { fitPreprocessor } from '../shared/automl/preprocess/fitPreprocessor.js';
import type { FeatureSpec } from '../shared/automl/schema/datasetSchema.js';

const features: FeatureSpec[] = [
  { name: 'x', type: 'numeric', missing: 2, range: { min: -1e6, max: 1e6 } },
  { name: 'color', type: 'categorical', missing: 1, categories: ['red', 'blue', 'purple', 'green'] },
  { name: 'flag', type: 'binary', missing: 0, categories: ['y', 'n'] },
];

type Row = [x: number, color: string | null, flag: string];

/** Training rows are ordinary; the test rows (1, 4, 7) are extreme, unseen or would reorder categories. */
const rows: Row[] = [
  [1, 'red', 'n'],
  [1e6, 'purple', 'y'],
  [2, 'red', 'y'],
  [Number.NaN, 'blue', 'n'],
  [-1e6, 'green', 'y'],
  [4, 'red', 'y'],
  [3, 'blue', 'n'],
  [Number.NaN, 'purple', 'y'],
  [6, null, 'n'],
];
const y = Float64Array.of(0, 1, 1, 0, 1, 1, 0, 1, 0);
const split: Split = { train: Int32Array.of(0, 2, 3, 5, 6, 8), test: Int32Array.of(1, 4, 7) };

function frameOf(table: readonly Row[]): Frame {
  return {
    nRows: table.length,
    columns: [
      { kind: 'numeric', values: Float64Array.from(table, (r) => r[0]) },
      { kind: 'categorical', values: table.map((r) => r[1]) },
      { kind: 'categorical', values: table.map((r) => r[2]) },
    ],
  };
}

const frame = frameOf(rows);

/** Training x after median imputation: 1, 2, 3 (the median of 1, 2, 3, 4, 6), 4, 3, 6. */
const imputedTrainX = [1, 2, 3, 4, 3, 6];
const trainMean = imputedTrainX.reduce((a, b) => a + b, 0) / 6;
const trainStd = Math.sqrt(imputedTrainX.reduce((a, v) => a + (v - trainMean) ** 2, 0) / 6);

describe('PreparedSplit', () => {
  const prepared = new PreparedSplit(frame, y, features, split);

  it('fits the numeric median, mean, std and bin edges on the training rows only', () => {
    expect(prepared.preprocessor.features[0]).toEqual({
      kind: 'numeric',
      name: 'x',
      median: 3,
      mean: trainMean,
      std: trainStd,
      edges: [1.5, 2.5, 3.5, 5],
      missing_indicator: true,
    });
  });

  it('learns the categories and their frequency order from the training rows only', () => {
    // red (3 rows) and blue (2) are under the one-hot minimum frequency: they share the "other" slot.
    expect(prepared.preprocessor.features[1]).toEqual({
      kind: 'categorical',
      name: 'color',
      binary: false,
      categories: ['red', 'blue'],
      missing_level: true,
      one_hot_top: 0,
      tree_codes: 'frequency',
    });
    expect(prepared.preprocessor.features[2]).toEqual({ kind: 'categorical', name: 'flag', binary: true, categories: ['n', 'y'] });
    // Fitted on every row, the test rows would have added purple and green and put 'y' first.
    const everyRow = fitPreprocessor(frame, features);
    expect(everyRow.features[1]).toMatchObject({ categories: ['red', 'blue', 'purple', 'green'] });
    expect(everyRow.features[2]).toMatchObject({ categories: ['y', 'n'] });
  });

  it('is unaffected by the test rows: other test values give the same preprocessor and training encodings', () => {
    const altered = rows.map((row, i): Row => (split.test.includes(i) ? [-(i ** 9), `unseen-${i}`, 'y'] : row));
    const other = new PreparedSplit(frameOf(altered), y, features, split);
    expect(other.preprocessor).toEqual(prepared.preprocessor);
    expect(other.preprocessor).toEqual(fitPreprocessor(takeFrameRows(frame, split.train), features));
    expect(other.train('dense')).toEqual(prepared.train('dense'));
    expect(other.train('binned')).toEqual(prepared.train('binned'));
  });

  it('encodes the test rows with the training fit: outer bins, missing as its own bin and column, unseen categories as "other"', () => {
    const binned = prepared.test('binned');
    expect(Array.from(binned.codes[0])).toEqual([4, 0, 5]); // 1e6 → last value bin, −1e6 → first, NaN → missing bin
    expect(Array.from(binned.codes[1])).toEqual([2, 2, 2]); // purple, green unseen → the "other" code after red, blue
    expect(Array.from(binned.codes[2])).toEqual([1, 1, 1]);
    expect(binned.nBins).toEqual([6, 4, 2]);
    expect(binned.missingBin).toEqual([5, 3, -1]);
    expect(binned.categorical).toEqual([false, true, false]);
    const dense = prepared.test('dense');
    expect(dense.cols).toBe(2 + 2 + 1); // x and its missing indicator; color's "other" and missing slots; flag
    const [high, low, imputed] = [1e6, -1e6, 3].map((x) => (x - trainMean) / trainStd);
    const expected = [high, 0, 1, 0, 1, low, 0, 1, 0, 1, imputed, 1, 1, 0, 1];
    expect(Array.from(dense.data)).toEqual(expected);
  });

  it('takes each side in split order, and builds each encoding once', () => {
    expect(Array.from(prepared.yTrain)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(Array.from(prepared.yTest)).toEqual([1, 1, 1]);
    expect(prepared.trainFrame).toEqual(takeFrameRows(frame, split.train));
    expect(prepared.split).toBe(split);
    expect(prepared.train('dense')).toBe(prepared.train('dense'));
    expect(prepared.test('binned')).toBe(prepared.test('binned'));
    expect(prepared.train('binned').rows).toBe(6);
  });
});
