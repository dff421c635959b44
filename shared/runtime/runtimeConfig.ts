import { z } from 'zod';
import { RESOURCES } from '../config/resources.js';
import { DriftCheckSettingsSchema, type DriftCheckSettingsInput } from '../lifecycle/driftCheckSettings.js';
import type { PromotionSettingsInput } from '../lifecycle/promotionSettings.js';

/**
 * The handlers' settings, from their environment (serverless.yml sets them; the defaults are the
 * names in `config/resources.json`). The admin routes' key is `ALM_API_KEY`, else the SSM parameter
 * `ALM_API_KEY_PARAMETER` (read at run time); without either they refuse every request.
 */
export const RuntimeConfigSchema = z.object({
  ALM_BUCKET: z.string().default(RESOURCES.bucket),
  ALM_TRAIN_QUEUE: z.string().default(RESOURCES.queues.train.name),
  ALM_PROMOTE_QUEUE: z.string().default(RESOURCES.queues.promote.name),
  ALM_PREDICTIONS_QUEUE: z.string().default(RESOURCES.queues.predictions.name),
  /** `POST /predict` and `POST /feedback`: the largest body in bytes and the most records per request (413 past either). */
  ALM_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  ALM_MAX_RECORDS: z.coerce.number().int().positive().default(1000),
  /**
   * `POST /ingest`: the largest CSV body in bytes (413 past it): 5 MiB, so the body and the event
   * envelope around it stay under AWS Lambda's 6 MB invocation payload limit.
   */
  ALM_MAX_INGEST_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  /** Every other route (admin JSON bodies, GETs): the largest body in bytes (413 past it). */
  ALM_MAX_CONTROL_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** The admin key itself: wins when set (in-process use and tests); never set on AWS, where the parameter below holds it. */
  ALM_API_KEY: z.string().optional(),
  /** The SSM SecureString holding the admin key (serverless.yml sets its name), read at run time and cached. */
  ALM_API_KEY_PARAMETER: z.string().regex(/^[A-Za-z0-9_.\-/]{1,2048}$/).optional(),
  /** Re-read the parameter after this many seconds (a rotated key takes over); unset: once per container. */
  ALM_API_KEY_CACHE_SECONDS: z.coerce.number().positive().optional(),
  /** How often predict checks the production pointer's ETag, in seconds. */
  ALM_MODEL_CHECK_SECONDS: z.coerce.number().nonnegative().default(5),
  /** The metrics sidecar's base URL (`npm start` sets it); unset: metrics stay in the container. */
  ALM_METRICS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How long one push to the sidecar may take before it is abandoned, in milliseconds. */
  ALM_METRICS_PUSH_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  /** The least time between two pushes of one container, in milliseconds (0: after every event). */
  ALM_METRICS_PUSH_INTERVAL_MS: z.coerce.number().int().nonnegative().default(1000),
  /** A training run started longer ago than this is taken over by a redelivered message. */
  ALM_STALE_RUN_SECONDS: z.coerce.number().positive().default(RESOURCES.trainTimeoutSeconds),
  /** The drift check's window, rows and decision settings; unset ones take the defaults of `DriftCheckSettingsSchema`. */
  ALM_DRIFT_WINDOW_MINUTES: z.coerce.number().positive().optional(),
  ALM_DRIFT_MAX_ROWS: z.coerce.number().int().positive().optional(),
  ALM_DRIFT_MIN_ROWS: z.coerce.number().int().positive().optional(),
  ALM_DRIFT_TOP_K: z.coerce.number().int().positive().optional(),
  ALM_DRIFT_COOLDOWN_MINUTES: z.coerce.number().nonnegative().optional(),
  ALM_DRIFT_CONSECUTIVE_WINDOWS: z.coerce.number().int().positive().optional(),
  /** JSON `{drift_share?, stattest?, threshold?, columns?: {<name>: {stattest?, threshold?}}}`: tests chosen instead of the defaults. */
  ALM_DRIFT_TESTS: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'ALM_DRIFT_TESTS is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(DriftCheckSettingsSchema.shape.tests)
    .optional(),
  /** What a drift retrain trains on: the window of labeled production rows, their share of the training rows, the share kept out as holdout. */
  ALM_RETRAIN_WINDOW_MINUTES: z.coerce.number().positive().optional(),
  ALM_RETRAIN_RECENT_SHARE: z.coerce.number().gt(0).max(1).optional(),
  ALM_RETRAIN_HOLDOUT_SHARE: z.coerce.number().gt(0).lt(0.9).optional(),
  /** Concept drift (live quality drop, share of the recorded figure) and the post-promotion guard (rows, margin, retrain hold after a promotion). */
  ALM_QUALITY_MAX_DROP: z.coerce.number().positive().optional(),
  ALM_QUALITY_MIN_ROWS: z.coerce.number().int().positive().optional(),
  ALM_GUARD_MIN_ROWS: z.coerce.number().int().positive().optional(),
  ALM_GUARD_MARGIN: z.coerce.number().nonnegative().optional(),
  ALM_GUARD_HOLD_MINUTES: z.coerce.number().nonnegative().optional(),
  /** Champion vs challenger: the gain a candidate needs, and the paired bootstrap's resamples, confidence and seed. */
  ALM_PROMOTION_MARGIN: z.coerce.number().nonnegative().optional(),
  ALM_BOOTSTRAP_SAMPLES: z.coerce.number().int().min(100).optional(),
  ALM_BOOTSTRAP_CONFIDENCE: z.coerce.number().gt(0.5).lt(1).optional(),
  ALM_BOOTSTRAP_SEED: z.coerce.number().int().min(0).optional(),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

/** The settings from the environment; an empty variable (serverless.yml's `${env:X, ''}`) takes the default. */
export function runtimeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return RuntimeConfigSchema.parse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
}

/** The promotion settings from the config (unset fields take their defaults). */
export function promotionSettingsOf(config: RuntimeConfig): PromotionSettingsInput {
  return {
    policy: definedFields({ margin: config.ALM_PROMOTION_MARGIN }),
    bootstrap: definedFields({ samples: config.ALM_BOOTSTRAP_SAMPLES, confidence: config.ALM_BOOTSTRAP_CONFIDENCE, seed: config.ALM_BOOTSTRAP_SEED }),
  };
}

/** `value` without its undefined fields, so that they take their schema defaults. */
function definedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The drift check's settings from the config (unset fields left out, so they take their defaults). */
export function driftCheckSettingsOf(config: RuntimeConfig): DriftCheckSettingsInput {
  return definedFields({
    windowMinutes: config.ALM_DRIFT_WINDOW_MINUTES,
    maxRows: config.ALM_DRIFT_MAX_ROWS,
    minRows: config.ALM_DRIFT_MIN_ROWS,
    tests: config.ALM_DRIFT_TESTS,
    retraining: definedFields({
      windowMinutes: config.ALM_RETRAIN_WINDOW_MINUTES,
      recentShare: config.ALM_RETRAIN_RECENT_SHARE,
      holdoutShare: config.ALM_RETRAIN_HOLDOUT_SHARE,
    }),
    quality: definedFields({ maxDrop: config.ALM_QUALITY_MAX_DROP, minRows: config.ALM_QUALITY_MIN_ROWS }),
    guard: definedFields({ minRows: config.ALM_GUARD_MIN_ROWS, margin: config.ALM_GUARD_MARGIN, holdMinutes: config.ALM_GUARD_HOLD_MINUTES }),
    decision: definedFields({
      topK: config.ALM_DRIFT_TOP_K,
      cooldownMinutes: config.ALM_DRIFT_COOLDOWN_MINUTES,
      consecutiveWindows: config.ALM_DRIFT_CONSECUTIVE_WINDOWS,
    }),
  });
}

