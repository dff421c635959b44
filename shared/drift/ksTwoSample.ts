import { kolmogorovSf } from './kolmogorov/kolmogorovSf.js';
import { ksExactPValue } from './ksExactPValue.js';
import { ksStatistic } from './ksStatistic.js';
import type { StatisticalTestResult } from './statisticalTestResult.js';

/** Largest sample size for which the exact p-value is used, as scipy's `method='auto'`. */
export const KS_EXACT_MAX_SIZE = 10000;

/**
 * The sample size of the one-sample statistic the asymptotic branch uses: m·n/(m + n) rounded to
 * the nearest integer, ties to even (as numpy's `round`, which scipy applies).
 */
export function ksAsymptoticSize(m: number, n: number): number {
  const x = (m * n) / (m + n);
  const floor = Math.floor(x);
  if (x - floor !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The two-sample two-sided Kolmogorov–Smirnov test, as
 * `scipy.stats.ks_2samp(reference, current, alternative='two-sided', method='auto')`:
 * D = sup |F_ref − F_cur| (`ksStatistic`); when max(m, n) ≤ 10000 the exact p-value
 * (`ksExactPValue`, which also reports D rounded to its lattice), otherwise the asymptotic one,
 * p = P(D_N ≥ D) for the one-sample statistic of N = round(m·n/(m + n)) observations
 * (`kolmogorovSf`, scipy's `kstwo.sf(D, N)`), with D as computed.
 * Empty or non-finite samples are an InvalidInputError.
 */
export function ksTwoSample(reference: ArrayLike<number>, current: ArrayLike<number>): StatisticalTestResult {
  const d = ksStatistic(reference, current);
  const m = reference.length;
  const n = current.length;
  if (Math.max(m, n) <= KS_EXACT_MAX_SIZE) return ksExactPValue(m, n, d);
  return { statistic: d, p_value: kolmogorovSf(d, ksAsymptoticSize(m, n)) };
}
