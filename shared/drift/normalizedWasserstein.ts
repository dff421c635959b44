import { InvalidInputError } from '../automl/errors.js';
import { wassersteinDistance } from './wassersteinDistance.js';

/** Floor of the reference standard deviation, so a constant reference gives a finite distance. */
export const WASSERSTEIN_STD_FLOOR = 0.001;

/**
 * Wasserstein distance scaled by the reference's spread: W1(reference, current) / max(σ, 0.001),
 * σ the population standard deviation of `reference` (divisor n, `np.std`). As
 * `scipy.stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)`, the
 * normalized Wasserstein of Evidently. Empty or non-finite input is an `InvalidInputError`.
 */
export function normalizedWasserstein(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const distance = wassersteinDistance(reference, current);
  const n = reference.length;
  if (n === 0) throw new InvalidInputError('normalizedWasserstein: reference is empty');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += reference[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (reference[i] - mean) ** 2;
  return distance / Math.max(Math.sqrt(squares / n), WASSERSTEIN_STD_FLOOR);
}
