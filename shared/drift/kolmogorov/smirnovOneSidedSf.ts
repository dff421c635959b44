import { STIRLING_MIN_ARGUMENT, stirlingCorrection } from '../special/stirlingCorrection.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** δ(m) = ln m! − [(m + ½) ln m − m + ½ ln 2π] for m = 1…14, from ln m! as a sum of logs. */
const SMALL_DELTA: number[] = [];
for (let m = 1, logFactorial = 0; m < STIRLING_MIN_ARGUMENT; m++) {
  logFactorial += Math.log(m);
  SMALL_DELTA[m] = logFactorial - ((m + 0.5) * Math.log(m) - m + HALF_LOG_TWO_PI);
}

/** Stirling's remainder for m! (= that of Γ(m) at m, DLMF 5.11.1), m ≥ 1. */
function delta(m: number): number {
  return m < STIRLING_MIN_ARGUMENT ? SMALL_DELTA[m] : stirlingCorrection(m);
}

/**
 * The one-sided one-sample Kolmogorov–Smirnov survival function P(D_n⁺ ≥ x) by the exact sum of
 * Birnbaum & Tingey 1951 ("One-sided confidence contours for probability distribution functions",
 * Ann. Math. Statist. 22; as quoted by Simard & L'Ecuyer 2011, section 2):
 *
 *   P(D_n⁺ ≥ x) = x · Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) (1 − x − j/n)^(n−j) (x + j/n)^(j−1).
 *
 * Every term is positive and is formed in logs. With c = n x and Stirling's formula for the
 * factorials, ln m! = (m + ½) ln m − m + ½ ln 2π + δ(m), the large parts cancel by hand: for
 * 1 ≤ j < n the logarithm of the j-th term is
 *
 *   j ln(1 + c/j) + (n − j) ln(1 − c/(n − j)) + ½ ln(n / (2π j (n − j)))
 *     + δ(n) − δ(j) − δ(n − j) − ln(x + j/n),
 *
 * each piece O(c) at most, so the relative rounding error is about c·1e-16 (1e-14 at n = 100000,
 * n x² = 2.2), where a running sum of ln C(n, j) loses about √n ulps of n ln 2. The j = 0 term is
 * (1 − x)ⁿ / x. The sum is accumulated scaled by its largest term. O(n(1 − x)) time.
 * x ≤ 0 gives 1, x ≥ 1 gives 0.
 */
export function smirnovOneSidedSf(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const c = n * x;
  const last = Math.floor(n * (1 - x));
  const logN = HALF_LOG_TWO_PI - 0.5 * Math.log(n) - delta(n); // the j-independent part, negated
  let largest = n * Math.log1p(-x) - Math.log(x); // j = 0
  let sum = 1; // Σ exp(logTerm − largest)
  for (let j = 1; j <= last; j++) {
    const rest = n - j;
    if (rest - c <= 0) break; // (1 − x − j/n) ≤ 0: this and every later term vanish
    const logTerm =
      j * Math.log1p(c / j) +
      rest * Math.log1p(-c / rest) -
      Math.log((Math.sqrt(j * rest) * (j + c)) / n) - // ½ ln(j (n − j)) + ln(x + j/n)
      logN -
      delta(j) -
      delta(rest);
    if (logTerm > largest) {
      sum = sum * Math.exp(largest - logTerm) + 1;
      largest = logTerm;
    } else {
      sum += Math.exp(logTerm - largest);
    }
  }
  return Math.min(1, Math.exp(largest + Math.log(x * sum)));
}
