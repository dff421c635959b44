import { z } from 'zod';
import { TrainOptionsSchema } from '../automl/training/trainOptions.js';
import { DriftWindowSchema } from '../registry/driftSchemas.js';
import { ReportIdSchema, VersionIdSchema } from '../registry/ids.js';
import { TimestampSchema } from '../registry/schemas.js';
import { Sha256HexSchema } from '../util/sha256.js';

/**
 * Why a drift check asked for a retrain: its report, the version it judged and the window of
 * prediction times it saw. (What the retraining then trains on is the self-healing issue's.)
 */
export const DriftTriggerSchema = z.object({
  kind: z.literal('drift'),
  report_id: ReportIdSchema,
  model_version: VersionIdSchema,
  window: DriftWindowSchema,
});
export type DriftTrigger = z.infer<typeof DriftTriggerSchema>;

/**
 * Body of a message on the train queue: train on the dataset stored under `dataset_digest`
 * with `options` (resolved, defaults filled, so equal requests have equal run keys). A retrain a
 * drift check asked for carries its `trigger`, which is part of the run key.
 */
export const TrainMessageSchema = z.object({
  dataset_digest: Sha256HexSchema,
  options: TrainOptionsSchema,
  requested_at: TimestampSchema,
  trigger: DriftTriggerSchema.optional(),
});
export type TrainMessage = z.infer<typeof TrainMessageSchema>;

/** Body of a message on the promote queue: judge candidate `version` against production. */
export const PromoteMessageSchema = z.object({ version: VersionIdSchema });
export type PromoteMessage = z.infer<typeof PromoteMessageSchema>;
