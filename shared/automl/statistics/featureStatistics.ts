import { z } from 'zod';
import type { Frame } from '../data/frame.js';
import type { FeatureSpec } from '../schema/datasetSchema.js';

/** Quantile levels reported for numeric features. */
export const QUANTILE_LEVELS = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;
/** Histogram bins: deciles of the training values (fewer when values repeat). */
export const HISTOGRAM_BINS = 10;

export const NumericStatisticsSchema = z.object({
  type: z.literal('numeric'),
  count: z.number().int(),
  missing: z.number().int(),
  mean: z.number(),
  std: z.number(),
  min: z.number(),
  max: z.number(),
  quantiles: z.record(z.string(), z.number()),
  /** Inner edges e₁ < … < e_{m−1}: bin 0 is (−∞, e₁], bin j is (e_j, e_{j+1}], the last (e_{m−1}, ∞). */
  histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number().int()) }),
});

export const CategoricalStatisticsSchema = z.object({
  type: z.enum(['binary', 'categorical']),
  count: z.number().int(),
  missing: z.number().int(),
  frequencies: z.record(z.string(), z.number().int()),
});

/**
 * `feature_statistics.json`: the training distribution of every feature, the reference the
 * drift checks compare production data with. Quantiles are type 7 (linear interpolation, as
 * numpy's default); std is the population std.
 */
export const FeatureStatisticsSchema = z.object({
  rows: z.number().int(),
  features: z.record(z.string(), z.discriminatedUnion('type', [NumericStatisticsSchema, CategoricalStatisticsSchema])),
});
export type FeatureStatistics = z.infer<typeof FeatureStatisticsSchema>;

export function featureStatistics(frame: Frame, features: readonly FeatureSpec[]): FeatureStatistics {
  const out: FeatureStatistics = { rows: frame.nRows, features: {} };
  frame.columns.forEach((column, f) => {
    const spec = features[f];
    if (column.kind === 'categorical') {
      const frequencies: Record<string, number> = {};
      let missing = 0;
      for (const value of column.values) {
        if (value === null) missing++;
        else frequencies[value] = (frequencies[value] ?? 0) + 1;
      }
      out.features[spec.name] = { type: spec.type === 'binary' ? 'binary' : 'categorical', count: frame.nRows - missing, missing, frequencies };
      return;
    }
    const sorted = column.values.filter((v) => !Number.isNaN(v)).sort();
    const n = sorted.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i];
    const mean = n === 0 ? 0 : sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (sorted[i] - mean) ** 2;
    const quantiles: Record<string, number> = {};
    for (const q of QUANTILE_LEVELS) quantiles[`p${Math.round(q * 100)}`] = n === 0 ? 0 : quantileOfSorted(sorted, q);
    const edges = [...new Set(Array.from({ length: HISTOGRAM_BINS - 1 }, (_, j) => quantileOfSorted(sorted, (j + 1) / HISTOGRAM_BINS)))];
    out.features[spec.name] = {
      type: 'numeric',
      count: n,
      missing: frame.nRows - n,
      mean,
      std: n === 0 ? 0 : Math.sqrt(squares / n),
      min: n === 0 ? 0 : sorted[0],
      max: n === 0 ? 0 : sorted[n - 1],
      quantiles,
      histogram: { edges: n === 0 ? [] : edges, counts: histogramCounts(sorted, n === 0 ? [] : edges) },
    };
  });
  return out;
}

/** Quantile of ascending values, type 7 (numpy's default linear interpolation). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Counts per bin for the edge convention of `NumericStatisticsSchema`. */
export function histogramCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}
