import { z } from 'zod';
import { PerformanceEstimateSchema } from '../performance/performanceSchemas.js';
import { MultivariateDriftSchema } from './multivariate/multivariateResult.js';

/**
 * The result of a drift check as the JSON gives it (`alm drift --json`, `reports/<id>.json`):
 * per column the test used, its statistic, its p-value (null for distances), the threshold and
 * whether it flags drift; plus what the report draws (each column's reference and current
 * histograms over the same bins) and the missing shares. A column whose window is too small is
 * `insufficient_data` (statistic and p-value null, never drift).
 */
export const ColumnDriftSchema = z.object({
  type: z.enum(['numeric', 'categorical']),
  status: z.enum(['checked', 'insufficient_data']),
  stattest: z.string(),
  statistic: z.number().nullable(),
  p_value: z.number().nullable(),
  threshold: z.number(),
  drift: z.boolean(),
  /** Shares of missing values (null, NaN, ±∞); `drift`: the share itself drifted (see `missingShareDrift`), which makes the column drift. */
  missing_share: z.object({ reference: z.number().min(0).max(1), current: z.number().min(0).max(1), drift: z.boolean().optional() }),
  /** Bin labels (numeric: edge ranges; categorical: categories, unseen ones included) and the counts of each side. */
  histogram: z.object({ bins: z.array(z.string()), reference: z.array(z.number().nonnegative()), current: z.array(z.number().nonnegative()) }),
});
export type ColumnDrift = z.infer<typeof ColumnDriftSchema>;

export const DriftResultSchema = z.object({
  dataset_drift: z.boolean(),
  drift_share: z.number().min(0).max(1),
  number_of_columns: z.number().int().nonnegative(),
  number_of_drifted_columns: z.number().int().nonnegative(),
  columns: z.record(z.string(), ColumnDriftSchema),
  /** Drift of the model's output (probability or value), when the check has a model. */
  prediction_drift: ColumnDriftSchema.optional(),
  /** Multivariate drift by data reconstruction, when the version has its reference and the window enough rows. */
  multivariate_drift: MultivariateDriftSchema.optional(),
  /** The performance estimated without labels (CBPE), for a binary model with a calibration and enough scored rows. */
  estimated_performance: PerformanceEstimateSchema.optional(),
});
export type DriftResult = z.infer<typeof DriftResultSchema>;
