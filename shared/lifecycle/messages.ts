import { z } from 'zod';
import { TrainOptionsSchema } from '../automl/training/trainOptions.js';
import { VersionIdSchema } from '../registry/ids.js';
import { TimestampSchema } from '../registry/schemas.js';
import { Sha256HexSchema } from '../util/sha256.js';

/**
 * Body of a message on the train queue: train on the dataset stored under `dataset_digest`
 * with `options` (resolved, defaults filled, so equal requests have equal run keys).
 */
export const TrainMessageSchema = z.object({
  dataset_digest: Sha256HexSchema,
  options: TrainOptionsSchema,
  requested_at: TimestampSchema,
});
export type TrainMessage = z.infer<typeof TrainMessageSchema>;

/** Body of a message on the promote queue: judge candidate `version` against production. */
export const PromoteMessageSchema = z.object({ version: VersionIdSchema });
export type PromoteMessage = z.infer<typeof PromoteMessageSchema>;
