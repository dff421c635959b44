import type { ObjectStore } from '../ports/objectStore.js';
import { predictionBatchKey } from './keys.js';
import { PartitionedBatches } from './partitionedBatches.js';
import { PredictionLogRecordSchema } from './schemas.js';

/**
 * The prediction log, key family `predictions/date=YYYY-MM-DD/hour=HH/<sha256>.ndjson`: one
 * `PredictionLogRecord` per line, partitioned (UTC hour) by the time in its `prediction_id`
 * (see `PartitionedBatches` for the write and read conventions).
 *
 * Writes are content-addressed, so a replayed batch is a no-op; a prediction that reaches two
 * different batches (a resend grouped differently) is stored twice and read once: `read`
 * keeps the first line seen of each prediction_id and counts the others as `duplicates`.
 */
export class PredictionLogStore extends PartitionedBatches<typeof PredictionLogRecordSchema> {
  constructor(store: ObjectStore) {
    super(store, { family: 'predictions', schema: PredictionLogRecordSchema, batchKey: predictionBatchKey, replaces: () => false });
  }
}
