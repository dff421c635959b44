/** One cumulative bucket: the count of observations ≤ `le` (`Infinity` for `+Inf`). */
export interface CumulativeBucket {
  readonly le: number;
  readonly count: number;
}

/**
 * The `q`-quantile of a histogram from its cumulative buckets, as Prometheus's
 * `histogram_quantile`: linear interpolation inside the bucket where the rank falls (the first
 * bucket's lower bound is 0); a rank in the `+Inf` bucket gives the largest finite bound.
 * Null when the histogram is empty. Throws RangeError for q outside [0, 1] or no buckets.
 */
export function histogramQuantile(q: number, buckets: readonly CumulativeBucket[]): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  if (buckets.length === 0) throw new RangeError('histogramQuantile needs at least one bucket');
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted[sorted.length - 1].count;
  if (!(total > 0)) return null;
  const rank = q * total;
  const index = sorted.findIndex((bucket) => bucket.count >= rank);
  const bucket = sorted[index];
  if (bucket.le === Infinity) return sorted.length > 1 ? sorted[sorted.length - 2].le : null;
  const lower = index === 0 ? 0 : sorted[index - 1].le;
  const below = index === 0 ? 0 : sorted[index - 1].count;
  const inBucket = bucket.count - below;
  return inBucket === 0 ? bucket.le : lower + (bucket.le - lower) * ((rank - below) / inBucket);
}
