import { sortedFinite } from './sortedFinite.js';

/**
 * The two-sample Kolmogorov–Smirnov statistic D = sup_t |F_ref(t) − F_cur(t)|, F the empirical
 * CDFs, evaluated after every pooled value (all ties taken together), as `scipy.stats.ks_2samp`'s
 * statistic before its lattice rounding. O((n + m) log(n + m)). Empty or non-finite input is an
 * InvalidInputError.
 */
export function ksStatistic(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const a = sortedFinite(reference, 'ksStatistic: reference');
  const b = sortedFinite(current, 'ksStatistic: current');
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const t = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === t) i++;
    while (j < b.length && b[j] === t) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}
