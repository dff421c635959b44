import { z } from 'zod';
import { TrainOptionsSchema } from '../automl/training/trainOptions.js';
import { VersionIdSchema } from '../registry/ids.js';
import { DriftTriggerSchema, RetrainingDataSchema, TimestampSchema } from '../registry/schemas.js';
import { Sha256HexSchema } from '../util/sha256.js';


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
  /** Which data went in, for a retraining assembled from production rows (see `assembleRetrainingData`). */
  data: RetrainingDataSchema.optional(),
});
export type TrainMessage = z.infer<typeof TrainMessageSchema>;

/** Body of a message on the promote queue: judge candidate `version` against production. */
export const PromoteMessageSchema = z.object({ version: VersionIdSchema });
export type PromoteMessage = z.infer<typeof PromoteMessageSchema>;
