import { createRandom } from '../util/random.js';
import {
  REFERENCE_SAMPLE_SIZE,
  VALUE_COUNTS_MAX,
  type CategoricalReference,
  type NumericReference,
} from './driftReference.js';
import { HISTOGRAM_BINS, histogramCounts, quantileOfSorted } from './featureStatistics.js';

/**
 * The numeric reference of `values` (NaN and ±∞ count as missing): see `NumericReferenceSchema`.
 * The sample is all finite values when there are at most `sampleSize`, else `sampleSize` of them
 * drawn uniformly without replacement with a partial Fisher–Yates shuffle seeded by `seed`
 * (mulberry32), then sorted. Bin edges are the deciles of ALL finite values.
 */
export function numericReference(values: ArrayLike<number>, seed: number, sampleSize = REFERENCE_SAMPLE_SIZE): NumericReference {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  const edges = n === 0 ? [] : [...new Set(Array.from({ length: HISTOGRAM_BINS - 1 }, (_, j) => quantileOfSorted(sorted, (j + 1) / HISTOGRAM_BINS)))];
  return {
    type: 'numeric',
    rows: n,
    missing: values.length - n,
    sample: boundedSample(finite, seed, sampleSize),
    value_counts: exactValueCounts(sorted),
    bin_edges: edges,
    bin_counts: histogramCounts(sorted, edges),
  };
}

/** The categorical reference of `values` (null is missing): exact counts per category. */
export function categoricalReference(values: readonly (string | null)[]): CategoricalReference {
  const counts: Record<string, number> = {};
  let missing = 0;
  for (const value of values) {
    if (value === null) missing++;
    else counts[value] = (counts[value] ?? 0) + 1;
  }
  return { type: 'categorical', rows: values.length - missing, missing, counts };
}

/** Ascending: every value when there are at most `size`, else a seeded uniform sample of `size`. */
function boundedSample(values: number[], seed: number, size: number): number[] {
  if (values.length <= size) return [...values].sort((a, b) => a - b);
  const pool = [...values];
  const random = createRandom(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size).sort((a, b) => a - b);
}

/** Counts per distinct value (keys `String(value)`) of ascending values, or null past `VALUE_COUNTS_MAX` distinct. */
function exactValueCounts(sorted: Float64Array): Record<string, number> | null {
  const counts: Record<string, number> = {};
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    const key = String(sorted[i]);
    if (counts[key] === undefined) {
      if (++distinct > VALUE_COUNTS_MAX) return null;
      counts[key] = 0;
    }
    counts[key]++;
  }
  return counts;
}
