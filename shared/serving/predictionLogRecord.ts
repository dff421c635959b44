import { z } from 'zod';
import { VersionIdSchema } from '../registry/ids.js';
import { TimestampSchema } from '../registry/schemas.js';

/** A prediction id: a lowercase UUIDv7 (RFC 9562), whose first 48 bits are its Unix time in ms. */
export const PredictionIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'expected a UUIDv7 prediction id');
export type PredictionId = z.infer<typeof PredictionIdSchema>;

/** A feature value as a request may send it (validated against the served schema before use). */
export const FeatureValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One accepted prediction, as logged: the record as received (extra fields removed), what was
 * answered, which version answered, and when (`timestamp` = the time in `prediction_id`).
 */
export const PredictionLogRecordSchema = z.object({
  prediction_id: PredictionIdSchema,
  model_version: VersionIdSchema,
  timestamp: TimestampSchema,
  record: z.record(z.string(), FeatureValueSchema),
  prediction: z.union([z.string(), z.number()]),
  probability: z.number().optional(),
  probabilities: z.record(z.string(), z.number()).optional(),
});
export type PredictionLogRecord = z.infer<typeof PredictionLogRecordSchema>;

/** Body of a message on the predictions queue: a batch of logged predictions. */
export const PredictionLogMessageSchema = z.object({ records: z.array(PredictionLogRecordSchema).min(1) });
export type PredictionLogMessage = z.infer<typeof PredictionLogMessageSchema>;
