import { checkFinite, checkLengths } from './validation.js';

/**
 * Root mean squared error: √(mean (actualᵢ − predictedᵢ)²), as scikit-learn's
 * `root_mean_squared_error` (uniform weights).
 *
 * @throws InvalidInputError on empty input, mismatched lengths, or a non-finite value.
 */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkLengths('rmse', actual, predicted, 'actual', 'predicted');
  checkFinite('rmse', actual, 'actual');
  checkFinite('rmse', predicted, 'predicted');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = actual[i] - predicted[i];
    sum += d * d;
  }
  return Math.sqrt(sum / n);
}
