import { countTotals } from './countTotals.js';

/**
 * Jensen–Shannon distance of two histograms over the same bins, natural log:
 * √((KL(p‖m) + KL(q‖m)) / 2), p and q the counts normalized to sum 1, m = (p + q)/2,
 * KL(p‖m) = Σ p_i ln(p_i / m_i) with 0 · ln 0 = 0 — as `scipy.spatial.distance.jensenshannon(p, q)`.
 * Between 0 and √(ln 2); a rounding-negative sum is clamped to 0. Counts must be finite and ≥ 0,
 * of equal non-zero length, each side with a positive total.
 */
export function jensenShannonDistance(referenceCounts: readonly number[], currentCounts: readonly number[]): number {
  const k = referenceCounts.length;
  const [totalP, totalQ] = countTotals('jensenShannonDistance', referenceCounts, currentCounts);
  let left = 0;
  let right = 0;
  for (let i = 0; i < k; i++) {
    const p = referenceCounts[i] / totalP;
    const q = currentCounts[i] / totalQ;
    // p / m written as 2p / (p + q): the same double when m = (p + q)/2 is exact, and no division
    // by an m that underflowed to 0 (p the smallest subnormal, q = 0).
    const sum = p + q;
    if (p > 0) left += p * Math.log((2 * p) / sum);
    if (q > 0) right += q * Math.log((2 * q) / sum);
  }
  return Math.sqrt(Math.max(0, (left + right) / 2));
}
