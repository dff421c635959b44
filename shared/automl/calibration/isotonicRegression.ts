/**
 * Isotonic regression of targets `y` on scores `x`, as scikit-learn's
 * `IsotonicRegression(increasing=True, out_of_bounds='clip')` fits it (no sample weights):
 *
 * 1. rows ordered by x (scikit-learn: then by y, `np.lexsort((y, x))`, which only changes the
 *    order of the sums below);
 * 2. ties in x averaged (`_make_unique`): a row joins the current group while its x is less
 *    than `np.finfo(float64).resolution` (1e-15) above the group's first x; the group keeps that
 *    first x, the mean of its y and its row count as weight;
 * 3. the weighted non-decreasing least-squares fit of the group means by pool-adjacent-violators
 *    (scipy's `optimize.isotonic_regression`, which scikit-learn calls);
 * 4. duplicates trimmed: an inner point whose value equals both neighbours' is dropped (it lies
 *    on the line between them, so prediction is unchanged).
 *
 * The result is scikit-learn's `X_thresholds_` and `y_thresholds_`; `calibrate` (applyCalibration.ts)
 * predicts from them by clipping to [X_min_, X_max_] and linear interpolation, as its `predict`.
 * With y in [0, 1] every value is in [0, 1] (a block mean of such y), so no y_min/y_max clip is needed.
 */
import { InvalidInputError } from '../errors.js';

/** The fitted map: strictly increasing thresholds and non-decreasing values of equal length ≥ 1. */
export interface IsotonicFit {
  readonly thresholds: number[];
  readonly values: number[];
}

/** numpy's `np.finfo(np.float64).resolution`, scikit-learn's tie tolerance in `_make_unique`. */
export const TIE_RESOLUTION = 1e-15;

export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>): IsotonicFit {
  const n = x.length;
  if (n === 0) throw new InvalidInputError('fitIsotonic: no rows');
  if (y.length !== n) throw new InvalidInputError(`fitIsotonic: x and y differ in length (${n} vs ${y.length})`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new InvalidInputError(`fitIsotonic: row ${i} is not finite (x ${x[i]}, y ${y[i]})`);
  }
  const order = argsort(x);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    xs[k] = x[order[k]];
    ys[k] = y[order[k]];
  }
  return fitIsotonicSorted(xs, ys);
}

/** Row indices ordered by value, ties by index (deterministic). */
export function argsort(values: ArrayLike<number>): Uint32Array {
  const v = Float64Array.from(values);
  const order = new Uint32Array(v.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => v[a] - v[b] || a - b);
}

/** `fitIsotonic` of rows already ordered by x (non-decreasing, finite): steps 2–4. */
export function fitIsotonicSorted(x: ArrayLike<number>, y: ArrayLike<number>): IsotonicFit {
  const { xs, means, weights } = uniqueGroups(x, y);
  return trimDuplicates(xs, poolAdjacentViolators(means, weights));
}

/** `_make_unique` over sorted x: groups of x closer than TIE_RESOLUTION to the group's first x. */
function uniqueGroups(x: ArrayLike<number>, y: ArrayLike<number>): { xs: Float64Array; means: Float64Array; weights: Float64Array } {
  const xs = new Float64Array(x.length);
  const means = new Float64Array(x.length);
  const weights = new Float64Array(x.length);
  let groups = 0;
  let currentX = x[0];
  let sum = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] - currentX >= TIE_RESOLUTION) {
      xs[groups] = currentX;
      means[groups] = sum / count;
      weights[groups++] = count;
      currentX = x[i];
      sum = 0;
      count = 0;
    }
    sum += y[i];
    count++;
  }
  xs[groups] = currentX;
  means[groups] = sum / count;
  weights[groups++] = count;
  return { xs: xs.subarray(0, groups), means: means.subarray(0, groups), weights: weights.subarray(0, groups) };
}

/**
 * Weighted pool-adjacent-violators: the non-decreasing sequence minimising Σ wᵢ (fᵢ − yᵢ)².
 * Blocks on a stack; a new point merges with the block before it while that block's mean is
 * above its own (each block's value is its weighted mean).
 */
export function poolAdjacentViolators(y: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const n = y.length;
  const sums = new Float64Array(n);
  const totals = new Float64Array(n);
  const sizes = new Int32Array(n);
  let top = 0; // blocks on the stack
  for (let i = 0; i < n; i++) {
    let sum = y[i] * w[i];
    let total = w[i];
    let size = 1;
    while (top > 0 && sums[top - 1] / totals[top - 1] >= sum / total) {
      top--;
      sum += sums[top];
      total += totals[top];
      size += sizes[top];
    }
    sums[top] = sum;
    totals[top] = total;
    sizes[top++] = size;
  }
  const out = new Float64Array(n);
  let k = 0;
  for (let b = 0; b < top; b++) out.fill(sums[b] / totals[b], k, (k += sizes[b]));
  return out;
}

/** scikit-learn's `trim_duplicates`: keep the ends and every point whose value differs from a neighbour's. */
function trimDuplicates(xs: ArrayLike<number>, ys: ArrayLike<number>): IsotonicFit {
  const thresholds: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const inner = i > 0 && i < xs.length - 1;
    if (!inner || ys[i] !== ys[i - 1] || ys[i] !== ys[i + 1]) {
      thresholds.push(xs[i]);
      values.push(ys[i]);
    }
  }
  return { thresholds, values };
}
