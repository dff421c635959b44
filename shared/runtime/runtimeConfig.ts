import { z } from 'zod';
import { RESOURCES } from '../config/resources.js';

/**
 * The handlers' settings, from their environment (serverless.yml sets them; the defaults are the
 * names in `config/resources.json`). `ALM_API_KEY` guards the admin routes; without it they refuse
 * every request.
 */
export const RuntimeConfigSchema = z.object({
  ALM_BUCKET: z.string().default(RESOURCES.bucket),
  ALM_TRAIN_QUEUE: z.string().default(RESOURCES.queues.train.name),
  ALM_PROMOTE_QUEUE: z.string().default(RESOURCES.queues.promote.name),
  ALM_PREDICTIONS_QUEUE: z.string().default(RESOURCES.queues.predictions.name),
  /** `POST /predict` and `POST /feedback`: the largest body in bytes and the most records per request (413 past either). */
  ALM_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  ALM_MAX_RECORDS: z.coerce.number().int().positive().default(1000),
  ALM_API_KEY: z.string().optional(),
  /** How often predict checks the production pointer's ETag, in seconds. */
  ALM_MODEL_CHECK_SECONDS: z.coerce.number().nonnegative().default(5),
  /** A training run started longer ago than this is taken over by a redelivered message. */
  ALM_STALE_RUN_SECONDS: z.coerce.number().positive().default(RESOURCES.queues.train.visibilityTimeoutSeconds),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

/** The settings from the environment; an empty variable (serverless.yml's `${env:X, ''}`) takes the default. */
export function runtimeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return RuntimeConfigSchema.parse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
}
