import { InvalidInputError } from '../automl/errors.js';
import { wassersteinDistance } from './wassersteinDistance.js';

/** Floor of the reference standard deviation, so a constant reference gives a finite distance. */
export const WASSERSTEIN_STD_FLOOR = 0.001;

/** An exact power of two that brings values near ±1.8e308 down to ≤ 2^424, so squares and sums cannot overflow. */
const DOWNSCALE = 2 ** -600;

/**
 * Wasserstein distance scaled by the reference's spread: W1(reference, current) / max(σ, 0.001),
 * σ the population standard deviation of `reference` (divisor n, `np.std`). As
 * `scipy.stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)`, the
 * normalized Wasserstein of Evidently. With `referenceWeights` (e.g. the exact count of each
 * distinct reference value) the reference is the weighted distribution and σ its weighted
 * population standard deviation: the same as repeating each value its weight's times.
 * Empty or non-finite input, or bad weights (see `wassersteinDistance`), is an `InvalidInputError`.
 *
 * The ratio does not change when every value (and the floor) is multiplied by the same factor:
 * when values near ±1.8e308 overflow the distance, the mean or the squares, it is computed again
 * on values scaled by 2^−600 (exact). A ratio still past the largest double (a near-constant
 * reference against values ~1e305 away) is reported as `Number.MAX_VALUE`, never ∞ or NaN.
 */
export function normalizedWasserstein(reference: ArrayLike<number>, current: ArrayLike<number>, referenceWeights?: ArrayLike<number>): number {
  if (reference.length === 0) throw new InvalidInputError('normalizedWasserstein: reference is empty');
  const ratio = scaledRatio(reference, current, referenceWeights, 1);
  if (ratio !== undefined) return Number.isFinite(ratio) ? ratio : Number.MAX_VALUE;
  const scale = (values: ArrayLike<number>) => Float64Array.from(values, (x) => x * DOWNSCALE);
  const rescaled = scaledRatio(scale(reference), scale(current), referenceWeights, DOWNSCALE) as number;
  return Number.isFinite(rescaled) ? rescaled : Number.MAX_VALUE;
}

/** W1 / max(σ, floor × `scale`), or undefined when the distance, the mean or the squares overflow. */
function scaledRatio(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  scale: number,
): number | undefined {
  const distance = wassersteinDistance(reference, current, weights);
  const weight = (i: number) => (weights === undefined ? 1 : weights[i]);
  const n = reference.length;
  let total = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    total += weight(i);
    sum += weight(i) * reference[i];
  }
  const mean = sum / total;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += weight(i) * (reference[i] - mean) ** 2;
  if (!Number.isFinite(distance) || !Number.isFinite(sum) || !Number.isFinite(squares)) return undefined;
  return distance / Math.max(Math.sqrt(squares / total), WASSERSTEIN_STD_FLOOR * scale);
}
