import { sortedFinite } from './sortedFinite.js';

/**
 * First Wasserstein distance between the empirical distributions of two samples with equal
 * weights: W1 = ∫ |F_u(t) − F_v(t)| dt, F the empirical CDFs (the L1 distance of the CDFs, which
 * for one dimension equals the optimal-transport cost), summed exactly over the intervals between
 * consecutive pooled values — as `scipy.stats.wasserstein_distance(u, v)`. O((n + m) log(n + m)).
 * Empty or non-finite input is an `InvalidInputError` (drop NaN and ±∞ first). Samples spanning
 * more than the largest double (values near ±1.8e308) are measured on halved values and the
 * distance doubled, so the result is never NaN; it is +∞ only when the distance itself is past
 * the largest double.
 */
export function wassersteinDistance(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const a = sortedFinite(u, 'wassersteinDistance: u');
  const b = sortedFinite(v, 'wassersteinDistance: v');
  const span = Math.max(a[a.length - 1], b[b.length - 1]) - Math.min(a[0], b[0]);
  if (Number.isFinite(span)) return sortedDistance(a, b);
  return 2 * sortedDistance(a.map((x) => x / 2), b.map((x) => x / 2));
}

/** W1 of two ascending non-empty samples whose span is finite. */
function sortedDistance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let distance = 0;
  // At each pooled value t, take every sample value ≤ t, then add |F_u − F_v| over [t, next value).
  let t = Math.min(a[0], b[0]);
  while (i < n || j < m) {
    while (i < n && a[i] <= t) i++;
    while (j < m && b[j] <= t) j++;
    if (i === n && j === m) break;
    const next = Math.min(i < n ? a[i] : Infinity, j < m ? b[j] : Infinity);
    distance += Math.abs(i / n - j / m) * (next - t);
    t = next;
  }
  return distance;
}
