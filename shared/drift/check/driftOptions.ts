import { z } from 'zod';
import { StattestNameSchema } from './stattests.js';

/** A test and/or threshold chosen instead of the default. */
export const StattestOverrideSchema = z.object({
  stattest: StattestNameSchema.optional(),
  threshold: z.number().finite().nonnegative().optional(),
});

/**
 * How a drift check runs.
 * - `min_rows` (default 100): a column whose current window has fewer rows is `insufficient_data`.
 * - `drift_share` (default 0.5): dataset drift when the share of drifted columns is at least this.
 * - `stattest`/`threshold`: for every column the test fits (a column it does not fit keeps its
 *   default test); `columns`: per column, which wins over both. A column override that does not
 *   fit its column, or names no column, is an `InvalidDriftOptionsError`.
 */
export const DriftOptionsSchema = StattestOverrideSchema.extend({
  min_rows: z.number().int().positive().default(100),
  drift_share: z.number().gt(0).max(1).default(0.5),
  columns: z.record(z.string(), StattestOverrideSchema).default({}),
});
export type DriftOptions = z.infer<typeof DriftOptionsSchema>;
export type DriftOptionsInput = z.input<typeof DriftOptionsSchema>;
export type StattestOverride = z.infer<typeof StattestOverrideSchema>;
