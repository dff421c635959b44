/**
 * The two encoded shapes the candidates train on.
 *
 * - `DenseMatrix`: row-major float64, the input of linear models (one-hot + standardized).
 * - `BinnedMatrix`: column-major bin codes, the input of tree models. `codes[f][i]` is the bin of
 *   row i for feature f, in `[0, nBins[f])`, at most 255 bins per feature. Bin order follows the
 *   feature's order (numeric: quantile bins ascending; categorical: codes fitted on training data).
 */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export interface BinnedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly codes: readonly Uint8Array[];
  readonly nBins: readonly number[];
  /**
   * Per feature: the code that holds missing values, always `nBins[f] − 1`, or −1 when the
   * feature had no missing values in training (a missing value then takes an imputed code).
   * Absent means −1 for every feature. Trees learn per split which side this bin goes to.
   */
  readonly missingBin?: readonly number[];
  /**
   * Per feature: true when the codes are unordered categories (trees split them by category
   * sets), false when they are ordered (numeric bins, integer or binary levels). Absent: all ordered.
   */
  readonly categorical?: readonly boolean[];
}

/** Targets as float64: 0/1 for binary, class index 0..k-1 for multiclass, the value for regression. */
export type Targets = Float64Array;

/** Rows `indices` of a dense matrix, in that order. */
export function takeDenseRows(X: DenseMatrix, indices: ArrayLike<number>): DenseMatrix {
  const data = new Float64Array(indices.length * X.cols);
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r] * X.cols;
    data.set(X.data.subarray(from, from + X.cols), r * X.cols);
  }
  return { rows: indices.length, cols: X.cols, data };
}

/** Rows `indices` of a binned matrix, in that order. */
export function takeBinnedRows(X: BinnedMatrix, indices: ArrayLike<number>): BinnedMatrix {
  const codes = X.codes.map((column) => {
    const out = new Uint8Array(indices.length);
    for (let r = 0; r < indices.length; r++) out[r] = column[indices[r]];
    return out;
  });
  return { ...X, rows: indices.length, codes };
}

/** Entries `indices` of a float64 vector, in that order. */
export function takeValues(values: Float64Array, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let r = 0; r < indices.length; r++) out[r] = values[indices[r]];
  return out;
}
