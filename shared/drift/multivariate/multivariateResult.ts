import { z } from 'zod';

/**
 * The multivariate drift of one window (`multivariate_drift` in `alm drift --json` and a
 * report), as NannyML's data reconstruction result for one chunk:
 *
 * - `reconstruction_error`: the mean over the window's rows of each row's Euclidean
 *   reconstruction error in the scaled space.
 * - `threshold`: the band of a window of `rows` rows (`reconstructionThreshold`); `lower` is null
 *   when it would be ≤ 0 (NannyML drops a lower threshold at or below the metric's limit 0).
 * - `drift`: the error is outside the open band, `!(lower < error < upper)`, as NannyML's alert.
 * - `sampling_error`: NannyML's, the window's per-row errors' standard deviation (ddof 1) / √rows
 *   (0 for one row).
 * - `status`: `checked`, or `no_residual` when PCA kept every component (one column, or columns
 *   so little correlated that 65% of the variance needs them all): the reconstruction is then
 *   exact for any data, the error 0 by construction, and it never drifts.
 * - `components`, `features`, `explained_variance`: the kept components, the columns, the share
 *   of the reference variance the kept components explain.
 */
export const MultivariateDriftSchema = z.object({
  status: z.enum(['checked', 'no_residual']),
  reconstruction_error: z.number().finite().nonnegative(),
  threshold: z.object({ lower: z.number().finite().nullable(), upper: z.number().finite() }),
  drift: z.boolean(),
  rows: z.number().int().positive(),
  sampling_error: z.number().finite().nonnegative(),
  components: z.number().int().nonnegative(),
  features: z.number().int().positive(),
  explained_variance: z.number().min(0).max(1),
});
export type MultivariateDrift = z.infer<typeof MultivariateDriftSchema>;
