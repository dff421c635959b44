import { z } from 'zod';
import { PredictionLogRecordSchema } from '../registry/schemas.js';

/**
 * The prediction log's shapes as the serving side uses them. The logged record and its id are
 * stored documents, so their schemas live in `shared/registry/schemas.ts` (the registry must not
 * import serving: folders depend one way) and are re-exported here.
 */
export {
  FeatureValueSchema,
  PredictionIdSchema,
  PredictionLogRecordSchema,
  type PredictionId,
  type PredictionLogRecord,
} from '../registry/schemas.js';

/** Body of a message on the predictions queue: a batch of logged predictions. */
export const PredictionLogMessageSchema = z.object({ records: z.array(PredictionLogRecordSchema).min(1) });
export type PredictionLogMessage = z.infer<typeof PredictionLogMessageSchema>;
