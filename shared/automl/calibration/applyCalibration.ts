/**
 * A calibration map applied to raw positive-class scores, as scikit-learn's
 * `IsotonicRegression(out_of_bounds='clip').predict`: each score is clipped to
 * [X_min_, X_max_] (the first and last threshold), then interpolated linearly between the
 * thresholds around it as `np.interp` does (scipy's `interp1d(kind='linear')` delegates to it):
 * at a threshold its value; between thresholds xⱼ < s < xⱼ₊₁,
 * `slope·(s − xⱼ) + yⱼ` with `slope = (yⱼ₊₁ − yⱼ)/(xⱼ₊₁ − xⱼ)`. A single threshold is a constant
 * map. Method `none` is the identity. Non-finite scores stay as they are (NaN in, NaN out).
 */
import type { CalibrationMap } from './calibrationSchema.js';

export function calibrate(map: CalibrationMap, scores: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(scores);
  if (map.method === 'none') return out;
  const { thresholds: xs, values: ys } = map;
  const last = xs.length - 1;
  for (let i = 0; i < out.length; i++) {
    const s = out[i];
    if (Number.isNaN(s)) continue;
    if (s <= xs[0]) out[i] = ys[0];
    else if (s >= xs[last]) out[i] = ys[last];
    else {
      const j = upperIndex(xs, s) - 1; // xs[j] <= s < xs[j + 1]
      const slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j]);
      out[i] = slope * (s - xs[j]) + ys[j];
    }
  }
  return out;
}

/** The first index whose threshold is above `s` (binary search; xs[0] <= s < xs[last]). */
function upperIndex(xs: readonly number[], s: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= s) lo = mid;
    else hi = mid;
  }
  return hi;
}
