import { InvalidInputError } from '../errors.js';
import { checkFinite, checkLengths } from './validation.js';

/**
 * Coefficient of determination R² = 1 − SS_res / SS_tot, as scikit-learn's `r2_score` (uniform
 * weights, `force_finite=True`): SS_res = Σ (actual − predicted)², SS_tot = Σ (actual − mean)².
 * Can be negative. When `actual` is constant (SS_tot = 0) the result is 1 if the predictions are
 * perfect (SS_res = 0) and 0 otherwise, instead of NaN / −∞.
 *
 * @throws InvalidInputError on empty input, mismatched lengths, a non-finite value, or fewer than
 *   two samples (scikit-learn returns NaN with a warning there).
 */
export function r2Score(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkLengths('r2Score', actual, predicted, 'actual', 'predicted');
  if (n < 2) throw new InvalidInputError('r2Score: R² is undefined for fewer than two samples');
  checkFinite('r2Score', actual, 'actual');
  checkFinite('r2Score', predicted, 'predicted');
  let total = 0;
  for (let i = 0; i < n; i++) total += actual[i];
  const mean = total / n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = actual[i] - predicted[i];
    const c = actual[i] - mean;
    ssRes += r * r;
    ssTot += c * c;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
