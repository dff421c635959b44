import { InvalidInputError } from '../../automl/errors.js';
import { complementaryErrorFunction } from './complementaryErrorFunction.js';

/**
 * Survival function of the standard normal distribution, P(Z > z) = erfc(z / √2) / 2 (DLMF 7.2.2
 * with t = u/√2), as `scipy.stats.norm.sf(z)`. Accurate in both tails; NaN is an `InvalidInputError`.
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) throw new InvalidInputError('normalSf: z is NaN');
  return complementaryErrorFunction(z * Math.SQRT1_2) / 2;
}
