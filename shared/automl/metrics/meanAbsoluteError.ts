import { checkFinite, checkLengths } from './validation.js';

/**
 * Mean absolute error: mean |actualᵢ − predictedᵢ|, as scikit-learn's `mean_absolute_error`
 * (uniform weights).
 *
 * @throws InvalidInputError on empty input, mismatched lengths, or a non-finite value.
 */
export function meanAbsoluteError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkLengths('meanAbsoluteError', actual, predicted, 'actual', 'predicted');
  checkFinite('meanAbsoluteError', actual, 'actual');
  checkFinite('meanAbsoluteError', predicted, 'predicted');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(actual[i] - predicted[i]);
  return sum / n;
}
