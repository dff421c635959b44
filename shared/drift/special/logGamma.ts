import { InvalidInputError } from '../../automl/errors.js';
import { STIRLING_MIN_ARGUMENT, stirlingCorrection } from './stirlingCorrection.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(a) for a finite a > 0. Below 15 the argument is shifted up with the recurrence
 * Γ(z + 1) = z Γ(z) (DLMF 5.5.1): ln Γ(a) = ln Γ(a + N) − ln(a (a + 1) ⋯ (a + N − 1)); then
 * Stirling's series (DLMF 5.11.1) gives ln Γ(z) = (z − ½) ln z − z + ½ ln 2π + `stirlingCorrection(z)`.
 * Absolute error about 1e-15 · max(1, |ln Γ(a)|).
 */
export function logGamma(a: number): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new InvalidInputError(`logGamma: needs a finite a > 0, got ${a}`);
  let z = a;
  let product = 1;
  while (z < STIRLING_MIN_ARGUMENT) {
    product *= z;
    z += 1;
  }
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + stirlingCorrection(z) - Math.log(product);
}
