import { z } from 'zod';
import { TrainOptionsSchema } from '../automl/training/trainOptions.js';
import { VersionIdSchema } from '../registry/ids.js';

/** Hex SHA-256, the content address of an ingested dataset. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256');

/**
 * Body of a message on the train queue: train on the dataset stored under `dataset_digest`
 * with `options` (resolved, defaults filled, so equal requests have equal run keys).
 */
export const TrainMessageSchema = z.object({
  dataset_digest: Sha256Schema,
  options: TrainOptionsSchema,
  requested_at: z.string(),
});
export type TrainMessage = z.infer<typeof TrainMessageSchema>;

/** Body of a message on the promote queue: judge candidate `version` against production. */
export const PromoteMessageSchema = z.object({
  version: VersionIdSchema,
});
export type PromoteMessage = z.infer<typeof PromoteMessageSchema>;
