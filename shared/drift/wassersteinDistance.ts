import { InvalidInputError } from '../automl/errors.js';
import { sortedFinite } from './sortedFinite.js';

/** An ascending sample and, when weighted, the share of the total weight at or below each position. */
interface SortedSample {
  readonly values: Float64Array;
  /** `below[i]`: the weight of `values[0..i)` over the total (length n + 1); null when every weight is 1. */
  readonly below: Float64Array | null;
}

/**
 * First Wasserstein distance between the empirical distributions of two samples:
 * W1 = ∫ |F_u(t) − F_v(t)| dt, F the empirical CDFs (the L1 distance of the CDFs, which for one
 * dimension equals the optimal-transport cost), summed exactly over the intervals between
 * consecutive pooled values — as `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)`.
 * Without weights every value weighs the same; with them, value i weighs `weights[i]` (e.g. exact
 * counts of distinct values). O((n + m) log(n + m)).
 * Empty or non-finite input, weights of another length, a negative or non-finite weight, or
 * weights summing to 0 are an `InvalidInputError` (drop NaN and ±∞ first). Samples spanning
 * more than the largest double (values near ±1.8e308) are measured on halved values and the
 * distance doubled, so the result is never NaN; it is +∞ only when the distance itself is past
 * the largest double.
 */
export function wassersteinDistance(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  uWeights?: ArrayLike<number>,
  vWeights?: ArrayLike<number>,
): number {
  const a = sortedSample(u, uWeights, 'wassersteinDistance: u');
  const b = sortedSample(v, vWeights, 'wassersteinDistance: v');
  const span = Math.max(a.values[a.values.length - 1], b.values[b.values.length - 1]) - Math.min(a.values[0], b.values[0]);
  if (Number.isFinite(span)) return sortedDistance(a, b);
  const halved = (s: SortedSample) => ({ values: s.values.map((x) => x / 2), below: s.below });
  return 2 * sortedDistance(halved(a), halved(b));
}

function sortedSample(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, what: string): SortedSample {
  if (weights === undefined) return { values: sortedFinite(values, what), below: null };
  if (weights.length !== values.length) throw new InvalidInputError(`${what}: ${weights.length} weights for ${values.length} values`);
  sortedFinite(values, what); // the checks on the values
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!(Number.isFinite(weights[i]) && weights[i] >= 0)) throw new InvalidInputError(`${what} weight [${i}] is ${weights[i]}: weights must be finite and non-negative`);
    total += weights[i];
  }
  if (!(total > 0 && Number.isFinite(total))) throw new InvalidInputError(`${what}: the weights sum to ${total}; it must be positive and finite`);
  const order = Array.from({ length: values.length }, (_, i) => i).sort((x, y) => values[x] - values[y]);
  const below = new Float64Array(order.length + 1);
  let cumulative = 0;
  order.forEach((index, i) => {
    cumulative += weights[index];
    below[i + 1] = cumulative / total;
  });
  below[order.length] = 1;
  return { values: Float64Array.from(order, (index) => values[index]), below };
}

/** W1 of two ascending non-empty samples whose span is finite. */
function sortedDistance(u: SortedSample, v: SortedSample): number {
  const a = u.values;
  const b = v.values;
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
    const fu = u.below === null ? i / n : u.below[i];
    const fv = v.below === null ? j / m : v.below[j];
    distance += Math.abs(fu - fv) * (next - t);
    t = next;
  }
  return distance;
}
