import { z } from 'zod';
import { Sha256HexSchema } from '../util/sha256.js';
import { DriftWindowSchema } from './driftSchemas.js';
import { ReportIdSchema, TimestampSchema, VersionIdSchema } from './ids.js';

/**
 * Why a drift check asked for a retrain: its report (the decision's id), the version it judged,
 * the window it saw and the decision's reasons.
 */
export const DriftTriggerSchema = z.object({
  kind: z.literal('drift'),
  report_id: ReportIdSchema,
  model_version: VersionIdSchema,
  window: DriftWindowSchema,
  reasons: z.array(z.string()).default([]),
});
export type DriftTrigger = z.infer<typeof DriftTriggerSchema>;

/** Which data a retraining went in with (see `assembleRetrainingData`): digests, row counts, the window, the weighting. */
export const RetrainingDataSchema = z.object({
  reference_digest: Sha256HexSchema,
  reference_rows: z.number().int().nonnegative(),
  recent_rows: z.number().int().nonnegative(),
  holdout_digest: Sha256HexSchema.nullable(),
  holdout_rows: z.number().int().nonnegative(),
  window: DriftWindowSchema,
  recent_share: z.number(),
});
export type RetrainingData = z.infer<typeof RetrainingDataSchema>;

/**
 * `registry/lineage/vNNNN.json`: where a version comes from — the dataset it trained on, the data
 * that went into it (a retraining), what triggered it (a manual ingest, or a drift decision with
 * its report id and reasons) and its parent (the production version when it was trained).
 */
export const VersionLineageSchema = z.object({
  version: VersionIdSchema,
  parent_version: VersionIdSchema.nullable(),
  dataset_digest: Sha256HexSchema,
  trigger: z.discriminatedUnion('kind', [z.object({ kind: z.literal('ingest'), requested_at: TimestampSchema }), DriftTriggerSchema]),
  data: RetrainingDataSchema.nullable(),
  recorded_at: TimestampSchema,
});
export type VersionLineage = z.infer<typeof VersionLineageSchema>;
