/**
 * The encodings of one numeric value (NaN = missing), as scikit-learn's
 * SimpleImputer(strategy='median', add_indicator=True) + StandardScaler for linear models and
 * LightGBM's bins for trees: with `missing_indicator`, a missing value gets a 0/1 indicator column
 * (dense) and the last bin (binned); without it, it takes the median.
 */
import type { NumericEncoding } from './preprocessor.js';

/** Dense columns of a numeric feature: the standardized value, then the missing indicator if any. */
export function numericDenseWidth(encoding: NumericEncoding): number {
  return encoding.missing_indicator ? 2 : 1;
}

/** Tree bins of a numeric feature: one per edge interval, plus the missing bin if any. */
export function numericBinCount(encoding: NumericEncoding): number {
  return encoding.edges.length + (encoding.missing_indicator ? 2 : 1);
}

/** `(x − mean) / std` after median imputation. */
export function standardize(encoding: NumericEncoding, value: number): number {
  return ((Number.isNaN(value) ? encoding.median : value) - encoding.mean) / encoding.std;
}

/**
 * The bin of a numeric value: binary search over the edges. A missing value takes the missing
 * bin (the last) when training had missing values, else the median's bin.
 */
export function numericBin(encoding: NumericEncoding, value: number): number {
  if (Number.isNaN(value)) {
    if (encoding.missing_indicator) return encoding.edges.length + 1;
    value = encoding.median;
  }
  return binOf(encoding.edges, value);
}

/** `#{e ∈ edges : e < x}` for ascending edges: bin b holds `edges[b−1] < x ≤ edges[b]`. */
export function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
