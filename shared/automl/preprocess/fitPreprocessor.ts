/**
 * Fits the preprocessing on the given (training) rows only, as a scikit-learn ColumnTransformer
 * is fitted: numeric imputation, standardization, missing indicators and bins here; categorical
 * encodings in `fitCategorical.ts`.
 */
import type { Frame } from '../data/frame.js';
import type { FeatureSpec } from '../schema/datasetSchema.js';
import { fitCategorical } from './fitCategorical.js';
import { MAX_BINS, type FeatureEncoding, type NumericEncoding, type Preprocessor } from './preprocessor.js';
import { quantileBinEdges } from './quantileBinEdges.js';

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
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const median = present.length === 0 ? 0 : medianOfSorted(present);
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
  if (present.length === values.length) {
    encoding.edges = quantileBinEdges(present, MAX_BINS);
  } else {
    encoding.edges = quantileBinEdges(present, MAX_BINS - 1);
    encoding.missing_indicator = true;
  }
  return encoding;
}

/** Median of ascending values: the mean of the two middle ones for an even count. */
function medianOfSorted(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
