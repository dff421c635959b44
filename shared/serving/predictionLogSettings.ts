import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const millis = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/**
 * How `BufferedPredictionLog` buffers, packs, retries and drains. Numbers are coerced, so the
 * values may come straight from the environment (`predictionLogSettingsFromEnv`, names in
 * `PREDICTION_LOG_ENV`).
 */
export const PredictionLogSettingsSchema = z
  .object({
    /**
     * `background`: a timer (and a full buffer) starts the sends; for long-lived processes
     * (serverless-offline, a container). `sync`: nothing is sent until the caller awaits
     * `flush()`, at the end of each invocation; for runtimes that freeze between invocations
     * (AWS Lambda), where a background timer would not run.
     */
    mode: z.enum(['background', 'sync']).default('background'),
    /** Background mode: buffered records are sent once the oldest is this old. */
    maxAgeMs: millis(1000),
    /** Background mode: a send starts as soon as this many records are buffered. */
    maxBatchRecords: count(1000),
    /** At most this many records in one SQS message. */
    recordsPerMessage: count(500),
    /** Bytes of one SendMessageBatch call, all bodies together (so also of one message); SQS's 256 KiB by default. */
    maxBatchBytes: count(262_144),
    /** Records held in memory at most: buffered, awaiting a retry and in flight. Past it the oldest unsent are dropped. */
    maxBufferedRecords: count(50_000),
    /** SendMessageBatch calls in flight at once. */
    maxConcurrentSends: count(4),
    /**
     * Attempts per message, the first included; a message failing them all is dropped (counted).
     * 20 with the backoff below rides out an SQS outage of about half a minute (the retries span
     * 36 s on average, 71 s at most) with nothing lost; 5 gave up after 0.75 s on average.
     */
    retryAttempts: count(20),
    /** Full-jitter backoff before attempt n + 1: random below min(max, base · 2^(n − 1)). */
    retryBaseDelayMs: millis(100),
    retryMaxDelayMs: millis(5000),
    /** `drain()` gives up after this long; what is still unsent is then dropped (counted). */
    drainTimeoutMs: millis(5000),
  })
  .refine((s) => s.maxBatchRecords <= s.maxBufferedRecords, {
    message: 'maxBatchRecords must not exceed maxBufferedRecords',
    path: ['maxBatchRecords'],
  });
export type PredictionLogSettings = z.infer<typeof PredictionLogSettingsSchema>;

/** The environment variable of each setting. */
export const PREDICTION_LOG_ENV = {
  mode: 'ALM_LOG_FLUSH',
  maxAgeMs: 'ALM_LOG_MAX_AGE_MS',
  maxBatchRecords: 'ALM_LOG_BATCH_RECORDS',
  recordsPerMessage: 'ALM_LOG_RECORDS_PER_MESSAGE',
  maxBatchBytes: 'ALM_LOG_MAX_BATCH_BYTES',
  maxBufferedRecords: 'ALM_LOG_MAX_BUFFER',
  maxConcurrentSends: 'ALM_LOG_MAX_CONCURRENT_SENDS',
  retryAttempts: 'ALM_LOG_RETRY_ATTEMPTS',
  retryBaseDelayMs: 'ALM_LOG_RETRY_BASE_MS',
  retryMaxDelayMs: 'ALM_LOG_RETRY_MAX_MS',
  drainTimeoutMs: 'ALM_LOG_DRAIN_TIMEOUT_MS',
} as const satisfies Record<keyof PredictionLogSettings, string>;

/** The settings from the environment: each variable of `PREDICTION_LOG_ENV` that is set and not empty, defaults for the rest. */
export function predictionLogSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PredictionLogSettings {
  const given = Object.entries(PREDICTION_LOG_ENV).flatMap(([key, name]) => (env[name] ? [[key, env[name]]] : []));
  return PredictionLogSettingsSchema.parse(Object.fromEntries(given));
}
