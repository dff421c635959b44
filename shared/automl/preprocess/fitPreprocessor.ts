import type { Frame } from '../data/frame.js';
import type { FeatureSpec } from '../schema/datasetSchema.js';
import { categoriesByFrequency } from '../profile/summarizeColumn.js';
import { MAX_BINS, type FeatureEncoding, type Preprocessor } from './preprocessor.js';
import { quantileBinEdges } from './quantileBinEdges.js';

/** Fits imputation, standardization, one-hot layout and bins on the given (training) rows only. */
export function fitPreprocessor(frame: Frame, features: readonly FeatureSpec[]): Preprocessor {
  return {
    features: frame.columns.map((column, f): FeatureEncoding => {
      const name = features[f].name;
      if (column.kind === 'numeric') return fitNumeric(name, column.values);
      const counts = new Map<string, number>();
      for (const value of column.values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
      let categories = categoriesByFrequency(counts);
      // A fold may lack a category; keep the schema's so a binary feature stays one column.
      if (categories.length === 0) categories = (features[f].categories ?? ['']).slice(0, 1);
      return { kind: 'categorical', name, binary: features[f].type === 'binary', categories };
    }),
  };
}

function fitNumeric(name: string, values: Float64Array): FeatureEncoding {
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
  const imputed = present.length === values.length ? present : withImputed(present, values.length - present.length, median);
  return { kind: 'numeric', name, median, mean, std: std > 0 ? std : 1, edges: quantileBinEdges(imputed, MAX_BINS) };
}

/** Median of ascending values: the mean of the two middle ones for an even count. */
function medianOfSorted(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function withImputed(sortedPresent: Float64Array, missing: number, median: number): Float64Array {
  const out = new Float64Array(sortedPresent.length + missing);
  out.set(sortedPresent);
  out.fill(median, sortedPresent.length);
  return out.sort();
}
