import { countTotals } from './countTotals.js';
import { chiSquareSf } from './special/chiSquareSf.js';
import type { StatisticalTestResult } from './statisticalTestResult.js';

/**
 * Pearson's chi-square goodness-of-fit test of the current counts against the reference
 * distribution, over the same k bins: expected_i = share_i × Σ current, statistic
 * Σ (current_i − expected_i)² / expected_i, p = chi2.sf(statistic, k − 1) — as
 * `scipy.stats.chisquare(current, f_exp=expected)`.
 *
 * share_i = reference_i / n_ref, except that a bin the reference never saw (reference_i = 0, a
 * category absent from the reference) gets the share 1/(n_ref + 1), as if one reference row had
 * fallen in it; the shares are then renormalized to sum to 1. So the statistic stays finite and
 * grows with the number of unseen rows. One bin (k = 1) gives statistic 0, p 1.
 * Counts must be finite and ≥ 0, of equal non-zero length, each side with a positive total.
 */
export function chiSquareGoodnessOfFit(referenceCounts: readonly number[], currentCounts: readonly number[]): StatisticalTestResult {
  const k = referenceCounts.length;
  const [referenceTotal, currentTotal] = countTotals('chiSquareGoodnessOfFit', referenceCounts, currentCounts);
  if (k === 1) return { statistic: 0, p_value: 1 };
  const shares = referenceCounts.map((r) => (r > 0 ? r / referenceTotal : 1 / (referenceTotal + 1)));
  const shareTotal = shares.reduce((a, b) => a + b, 0);
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const expected = (shares[i] / shareTotal) * currentTotal;
    const difference = currentCounts[i] - expected;
    statistic += (difference * difference) / expected;
  }
  return { statistic, p_value: chiSquareSf(statistic, k - 1) };
}
