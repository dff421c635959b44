import { InvalidInputError } from '../../automl/errors.js';
import { upperRegularizedGamma } from './upperRegularizedGamma.js';

/**
 * Survival function of the chi-square distribution with `df` > 0 degrees of freedom:
 * P(X > x) = Q(df/2, x/2): the density is t^{df/2−1} e^{−t/2} / (2^{df/2} Γ(df/2)), and u = t/2 turns
 * its tail integral into Γ(df/2, x/2) / Γ(df/2) (DLMF 8.2.2, 8.2.4). As `scipy.stats.chi2.sf(x, df)`.
 * x ≤ 0 gives 1; NaN or a non-positive df is an `InvalidInputError`.
 */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x)) throw new InvalidInputError('chiSquareSf: x is NaN');
  if (!(df > 0) || !Number.isFinite(df)) throw new InvalidInputError(`chiSquareSf: needs a finite df > 0, got ${df}`);
  if (x <= 0) return 1;
  return upperRegularizedGamma(df / 2, x / 2);
}
