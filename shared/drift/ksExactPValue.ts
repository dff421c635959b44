import { InvalidInputError } from '../automl/errors.js';

/** Greatest common divisor of two positive integers. */
function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The exact two-sided p-value of the two-sample KS test, P(D ≥ d) for samples of sizes m and n
 * under the null hypothesis that every interleaving of the pooled (distinct) values is equally
 * likely, with `d` first rounded to the lattice of attainable values (a multiple of 1/lcm(m, n)),
 * as `scipy.stats.ks_2samp(method='exact')` reports it. Returns `{statistic, p_value}`:
 * the rounded d and the p-value.
 *
 * Method (from the definition): an interleaving is a lattice path from (0, 0) to (m, n); at (i, j)
 * the ECDF difference is (i·n′ − j·m′)/lcm with m′ = m/g, n′ = n/g, g = gcd(m, n). D < h/lcm
 * means the path keeps |i·n′ − j·m′| < h everywhere. The path of a random interleaving is the
 * sequence of draws without replacement: from (i, j) the next value is a reference one with
 * probability (m − i)/(m + n − i − j). Dynamic programming over i, carrying the probability of
 * reaching each (i, j) inside the band, gives P(D < d) with every number in [0, 1] (no counts,
 * so no overflow); P(D ≥ d) = 1 − P(D < d). O(m · band) time, O(n) memory.
 */
export function ksExactPValue(m: number, n: number, d: number): { statistic: number; p_value: number } {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || n < 1) {
    throw new InvalidInputError(`ksExactPValue: sample sizes must be positive integers, got ${m} and ${n}`);
  }
  if (!(d >= 0 && d <= 1)) throw new InvalidInputError(`ksExactPValue: d must be in [0, 1], got ${d}`);
  const g = gcd(m, n);
  const mPrime = m / g;
  const nPrime = n / g;
  const lcm = mPrime * n;
  const h = Math.round(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { statistic, p_value: 1 };

  // inside[j]: probability of reaching (i, j) with the band kept so far, for the current row i.
  let inside = new Float64Array(n + 1);
  let next = new Float64Array(n + 1);
  const within = (i: number, j: number) => Math.abs(i * nPrime - j * mPrime) < h;
  inside[0] = 1;
  for (let j = 1; j <= n; j++) inside[j] = within(0, j) ? (inside[j - 1] * (n - j + 1)) / (m + n - j + 1) : 0;
  for (let i = 1; i <= m; i++) {
    next.fill(0);
    // j where |i·n′ − j·m′| < h: strictly between (i·n′ − h)/m′ and (i·n′ + h)/m′.
    const low = Math.max(0, Math.floor((i * nPrime - h) / mPrime) + 1);
    const high = Math.min(n, Math.ceil((i * nPrime + h) / mPrime) - 1);
    for (let j = low; j <= high; j++) {
      if (!within(i, j)) continue;
      const remaining = m + n - i - j + 1; // values left before the step into (i, j)
      const fromReference = (inside[j] * (m - i + 1)) / remaining;
      const fromCurrent = j > 0 ? (next[j - 1] * (n - j + 1)) / remaining : 0;
      next[j] = fromReference + fromCurrent;
    }
    [inside, next] = [next, inside];
  }
  return { statistic, p_value: Math.min(1, Math.max(0, 1 - inside[n])) };
}
