import { z } from 'zod';
import { DriftDecisionSchema } from '../decision/driftDecisionSchemas.js';
import { DriftResultSchema } from '../drift/driftResult.js';
import { LiveQualitySchema } from '../decision/liveQuality.js';
import { ReportIdSchema, TimestampSchema, VersionIdSchema } from './ids.js';

/** A window of prediction times, `[from, to)`. */
export const DriftWindowSchema = z.object({ from: TimestampSchema, to: TimestampSchema });
export type DriftWindow = z.infer<typeof DriftWindowSchema>;

/**
 * `registry/drift-decisions/<reportId>.json`: the decision taken on one drift check, with the
 * report it was taken on, the version it judged, the window it saw, and whether it asked for a
 * retrain (a message on the train queue).
 */
export const DriftDecisionRecordSchema = DriftDecisionSchema.extend({
  report_id: ReportIdSchema,
  decided_at: TimestampSchema,
  model_version: VersionIdSchema,
  window: DriftWindowSchema,
  train_requested: z.boolean(),
  /** The live quality measured in the same check (absent in decisions recorded before it was kept). */
  quality: LiveQualitySchema.nullable().optional(),
});
export type DriftDecisionRecord = z.infer<typeof DriftDecisionRecordSchema>;

/**
 * `reports/<reportId>.json`: one drift check — the production version and its reference size,
 * the window and its rows (`current_rows`: logged predictions read; `model_rows`: those served by
 * that version, the prediction drift's sample), the result and the decision.
 */
export const DriftReportDocumentSchema = z.object({
  id: ReportIdSchema,
  generated_at: TimestampSchema,
  model_version: VersionIdSchema,
  window: DriftWindowSchema,
  reference_rows: z.number().int().nonnegative(),
  current_rows: z.number().int().nonnegative(),
  model_rows: z.number().int().nonnegative(),
  result: DriftResultSchema,
  decision: DriftDecisionRecordSchema,
  /** The production version's live quality in the window (null: no labeled predictions to measure it on). */
  quality: LiveQualitySchema.nullable().default(null),
});
export type DriftReportDocument = z.input<typeof DriftReportDocumentSchema>;

/**
 * `registry/drift-state.json`: what the next decision needs — the version judged, the count of
 * consecutive large-drift windows (hysteresis; it restarts at 0 when production changes), when
 * a retrain was last asked for (cooldown) and the latest report.
 */
export const DriftStateSchema = z.object({
  model_version: VersionIdSchema,
  consecutive_drifted_windows: z.number().int().nonnegative(),
  last_retrain_at: TimestampSchema.nullable(),
  last_report_id: ReportIdSchema,
  updated_at: TimestampSchema,
});
export type DriftState = z.infer<typeof DriftStateSchema>;

/** One entry of `GET /reports`. */
export const ReportEntrySchema = z.object({ id: ReportIdSchema, html: z.string(), json: z.string() });
export const ReportListSchema = z.object({ latest: ReportIdSchema.nullable(), reports: z.array(ReportEntrySchema) });
export type ReportList = z.infer<typeof ReportListSchema>;
