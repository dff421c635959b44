/**
 * The shapes of confidence-based performance estimation (CBPE, as NannyML defines it): the
 * metrics estimated, the options, and the result of `estimatePerformance`.
 *
 * Per metric: `estimated` (from calibrated probabilities, no labels), the band's `lower` and
 * `upper` thresholds (NannyML's `StandardDeviationThreshold`: mean ± 3σ of the realized metric
 * over reference chunks of the window's size, clipped to the metric's limits [0, 1]),
 * `realized_reference_mean` (that mean) and `drop` (the estimate is below `lower`). A figure that
 * cannot be computed (one class in every chunk, no predicted positive) is null, and never a drop.
 */
import { z } from 'zod';

export const PERFORMANCE_METRICS = ['roc_auc', 'f1', 'precision', 'recall', 'accuracy'] as const;
export const PerformanceMetricSchema = z.enum(PERFORMANCE_METRICS);
export type PerformanceMetric = z.infer<typeof PerformanceMetricSchema>;

export const PerformanceOptionsSchema = z.object({
  /** NannyML's `std_lower_multiplier` / `std_upper_multiplier` (3). */
  std_multiplier: z.number().nonnegative().default(3),
  /**
   * Fewest complete reference chunks of the window's size the band is computed from directly.
   * With fewer (a window larger than reference rows / this), chunks of ⌊reference rows / this⌋
   * rows are used and their σ scaled by √(chunk rows / window rows), the 1/√n of a sampling error.
   */
  min_reference_chunks: z.number().int().min(2).default(10),
});
export type PerformanceOptionsInput = z.input<typeof PerformanceOptionsSchema>;
export type PerformanceOptions = z.output<typeof PerformanceOptionsSchema>;

export const MetricEstimateSchema = z.object({
  estimated: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  realized_reference_mean: z.number().nullable(),
  drop: z.boolean(),
});
export type MetricEstimate = z.infer<typeof MetricEstimateSchema>;

/** How the band was drawn from the reference. */
export const ReferenceBandInfoSchema = z.object({
  rows: z.number().int().nonnegative(),
  chunk_rows: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  /** σ was scaled from smaller chunks (see `min_reference_chunks`). */
  scaled: z.boolean(),
});
export type ReferenceBandInfo = z.infer<typeof ReferenceBandInfoSchema>;

export const PerformanceEstimateSchema = z.object({
  /** Window rows estimated on (non-finite scores dropped, as NannyML drops NaN rows). */
  rows: z.number().int().nonnegative(),
  calibration: z.enum(['isotonic', 'none']),
  threshold: z.number(),
  reference: ReferenceBandInfoSchema,
  metrics: z.object({
    roc_auc: MetricEstimateSchema,
    f1: MetricEstimateSchema,
    precision: MetricEstimateSchema,
    recall: MetricEstimateSchema,
    accuracy: MetricEstimateSchema,
  }),
});
export type PerformanceEstimate = z.infer<typeof PerformanceEstimateSchema>;
