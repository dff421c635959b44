import { InvalidInputError } from '../../automl/errors.js';
import { continuedFraction } from './continuedFraction.js';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
const EPSILON = Number.EPSILON;
const MAX_ITERATIONS = 10_000;
/** Below this, 1 − erf(x) from the Taylor series; from here on, the continued fraction. */
const SERIES_LIMIT = 1;
/** From here on erfc(x) < e^{−x²}/(x√π) is below half the smallest double: the result is 0 (and the continued fraction of a huge x would not converge). */
const UNDERFLOW_LIMIT = 27.3;

/** e^{−x²} with x² split as h² + (x − h)(x + h), h = x rounded to 1/16, so h² is exact. */
function expMinusSquare(x: number): number {
  const h = Math.round(x * 16) / 16;
  return Math.exp(-h * h) * Math.exp(-(x - h) * (x + h));
}

/**
 * Complementary error function erfc(x) = 1 − erf(x) = (2/√π) ∫_x^∞ e^{−t²} dt (DLMF 7.2.2), as
 * `scipy.special.erfc`; x ≥ 27.3 (+∞ included) gives 0, x ≤ −27.3 gives 2, NaN is an `InvalidInputError`.
 * - 0 ≤ x < 1: 1 − erf(x) with the Maclaurin series erf x = (2/√π) Σ_{n≥0} (−1)^n x^{2n+1} / (n! (2n + 1))
 *   (DLMF 7.6.1);
 * - x ≥ 1: erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ⋯))))) (DLMF 7.9.2),
 *   evaluated with the modified Lentz method, e^{−x²} computed without the rounding of x²;
 * - x < 0: erfc(x) = 2 − erfc(−x) (DLMF 7.4.2).
 * Relative error below 1e-13 on x ≥ 0 (until the result underflows near x = 26.5).
 */
export function complementaryErrorFunction(x: number): number {
  if (Number.isNaN(x)) throw new InvalidInputError('complementaryErrorFunction: x is NaN');
  if (x < 0) return 2 - complementaryErrorFunction(-x);
  if (x >= UNDERFLOW_LIMIT) return 0;
  if (x < SERIES_LIMIT) {
    const minusSquare = -x * x;
    let power = x; // (−1)^n x^{2n+1} / n!
    let sum = x;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      power *= minusSquare / n;
      const term = power / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - TWO_OVER_SQRT_PI * sum;
  }
  // a1 = 1, a_j = (j − 1)/2 for j ≥ 2, b_j = x.
  const fraction = continuedFraction((j) => (j === 1 ? 1 : (j - 1) / 2), () => x);
  return expMinusSquare(x) * ONE_OVER_SQRT_PI * fraction;
}
