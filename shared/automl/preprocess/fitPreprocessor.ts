/**
 * Fits the preprocessing on the given (training) rows only, as a scikit-learn ColumnTransformer
 * is fitted: numeric imputation, standardization, missing indicators and bins here; categorical
 * encodings in `fitCategorical.ts`.
 */
import type { Frame } from '../data/frame.js';
import type { FeatureSpec } from '../schema/datasetSchema.js';
import { fitCategorical } from './fitCategorical.js';
import { MAX_BINS, type FeatureEncoding, type NumericEncoding, type Preprocessor } from './preprocessor.js';
import { countDistinct } from './distinctValues.js';
import { quantileBinEdgesOfRuns } from './quantileBinEdges.js';
import { sortPresentValues } from './sortPresentValues.js';

export function fitPreprocessor(frame: Frame, features: readonly FeatureSpec[]): Preprocessor {
  return {
    features: frame.columns.map((column, f): FeatureEncoding => {
      const name = features[f].name;
      return column.kind === 'numeric' ? fitNumeric(name, column.values) : fitCategorical(name, column.values, features[f]);
    }),
  };
}

/**
 * Median, mean and population std of the median-imputed values. With missing values the bin
 * edges are fitted on the present values only, one bin fewer, keeping the last code for missing
 * (LightGBM reserves one of its max_bin for NaN the same way).
 */
function fitNumeric(name: string, values: Float64Array): NumericEncoding {
  const runs = presentRuns(values);
  const median = runs.present === 0 ? 0 : medianOfRuns(runs.values, runs.counts, runs.present);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Number.isNaN(values[i]) ? median : values[i];
  const mean = values.length === 0 ? 0 : sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (Number.isNaN(values[i]) ? median : values[i]) - mean;
    squares += d * d;
  }
  const std = values.length === 0 ? 0 : Math.sqrt(squares / values.length);
  const encoding: NumericEncoding = { kind: 'numeric', name, median, mean, std: std > 0 ? std : 1, edges: [] };
  if (runs.present === values.length) {
    encoding.edges = quantileBinEdgesOfRuns(runs.values, runs.counts, MAX_BINS);
  } else {
    encoding.edges = quantileBinEdgesOfRuns(runs.values, runs.counts, MAX_BINS - 1);
    encoding.missing_indicator = true;
  }
  return encoding;
}

/**
 * The present values, ascending, as runs (value, count): hashed when the column has at most
 * DISTINCT_CAP distinct values (no sort of every row), else the sorted values one by one.
 */
function presentRuns(values: Float64Array): { values: Float64Array; counts: Int32Array; present: number } {
  const distinct = countDistinct(values, Math.min(DISTINCT_CAP, values.length >> 3));
  if (distinct) return distinct;
  const sorted = sortPresentValues(values);
  return { values: sorted, counts: new Int32Array(sorted.length).fill(1), present: sorted.length };
}

/** Columns with more distinct values than this (or than 1/8 of their rows) are sorted instead. */
const DISTINCT_CAP = 8192;

/** The value at 0-based position `k` of the column the runs describe. */
function valueAt(values: Float64Array, counts: Int32Array, k: number): number {
  let i = 0;
  for (let seen = counts[0]; seen <= k; seen += counts[++i]);
  return values[i];
}

/** Median of the column the runs describe: the mean of the two middle values for an even count. */
function medianOfRuns(values: Float64Array, counts: Int32Array, present: number): number {
  const mid = present >> 1;
  return present % 2 === 1 ? valueAt(values, counts, mid) : (valueAt(values, counts, mid - 1) + valueAt(values, counts, mid)) / 2;
}
