/**
 * `calibration.json`, a binary version's calibration map and the reference CBPE estimates
 * performance against (shared/performance/), and the summary `metrics.json` carries.
 *
 * - `method`: `isotonic` (scikit-learn's `X_thresholds_`/`y_thresholds_`: clip to the first and
 *   last threshold, interpolate linearly) or `none` (the raw probability is kept: NannyML's rule
 *   found that calibrating would not lower the expected calibration error).
 * - `ece_before`/`ece_after`: NannyML's `needs_calibration` figures (expectedCalibrationError.ts);
 *   null when they could not be computed (a single class, fewer than 4 rows).
 * - `performance_reference`: out-of-fold rows of the chosen model (seeded sample of at most
 *   `PERFORMANCE_REFERENCE_ROWS`, stored in that shuffled order so consecutive chunks are random
 *   subsets): the raw positive-class score and the true label of each, with the decision
 *   threshold (score ≥ threshold is predicted positive, as the pipeline decides).
 *
 * Older versions have no `calibration.json`: readers treat it as optional.
 */
import { z } from 'zod';

export const CALIBRATION_FORMAT = 'alm-calibration';
export const CALIBRATION_FORMAT_VERSION = 1;
/** Most out-of-fold rows kept as the performance reference. */
export const PERFORMANCE_REFERENCE_ROWS = 20_000;

/** A calibration map: isotonic thresholds and values, or the identity. */
export const CalibrationMapSchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('isotonic'),
    thresholds: z.array(z.number()).min(1),
    values: z.array(z.number().min(0).max(1)).min(1),
  }),
  z.object({ method: z.literal('none') }),
]).superRefine((map, ctx) => {
  if (map.method !== 'isotonic') return;
  if (map.thresholds.length !== map.values.length) {
    ctx.addIssue({ code: 'custom', message: `thresholds (${map.thresholds.length}) and values (${map.values.length}) differ in length` });
  }
  for (let i = 1; i < map.thresholds.length; i++) {
    if (!(map.thresholds[i] > map.thresholds[i - 1])) ctx.addIssue({ code: 'custom', path: ['thresholds', i], message: 'thresholds must increase strictly' });
    if (!(map.values[i] >= map.values[i - 1])) ctx.addIssue({ code: 'custom', path: ['values', i], message: 'values must not decrease' });
  }
});
export type CalibrationMap = z.infer<typeof CalibrationMapSchema>;

/** NannyML's decision and its figures. */
export const CalibrationDecisionSchema = z.object({
  applied: z.boolean(),
  ece_before: z.number().nonnegative().nullable(),
  ece_after: z.number().nonnegative().nullable(),
  /** Why calibration was not applied, when it was not. */
  reason: z.string().optional(),
});
export type CalibrationDecision = z.infer<typeof CalibrationDecisionSchema>;

/** The reference rows CBPE's thresholds come from. */
export const PerformanceReferenceSchema = z
  .object({
    source: z.literal('out_of_fold'),
    /** Out-of-fold rows the sample was drawn from. */
    rows_available: z.number().int().positive(),
    seed: z.number().int(),
    threshold: z.number(),
    scores: z.array(z.number()).min(1),
    labels: z.array(z.union([z.literal(0), z.literal(1)])).min(1),
  })
  .refine((r) => r.scores.length === r.labels.length, { message: 'scores and labels differ in length' });
export type PerformanceReference = z.infer<typeof PerformanceReferenceSchema>;

/** `calibration.json`. */
export const CalibrationSchema = z.object({
  format: z.literal(CALIBRATION_FORMAT),
  format_version: z.literal(CALIBRATION_FORMAT_VERSION),
  map: CalibrationMapSchema,
  decision: CalibrationDecisionSchema,
  performance_reference: PerformanceReferenceSchema,
});
export type Calibration = z.infer<typeof CalibrationSchema>;

/** What `metrics.json` says of the calibration (`calibration`, optional: absent before, and for non-binary tasks). */
export const CalibrationSummarySchema = CalibrationDecisionSchema.extend({ method: z.enum(['isotonic', 'none']) });
export type CalibrationSummary = z.infer<typeof CalibrationSummarySchema>;
