import type { ObjectStore } from '../ports/objectStore.js';
import { labelBatchKey } from './keys.js';
import { PartitionedBatches } from './partitionedBatches.js';
import { LabelRecordSchema } from './schemas.js';

/**
 * Ground truth, key family `labels/date=YYYY-MM-DD/hour=HH/<sha256>.ndjson`: one `LabelRecord`
 * per line, partitioned (UTC hour) by the time of the PREDICTION it labels (the time in its
 * `prediction_id`), not by when it arrived, so a prediction and its labels share a partition
 * and a window selects both. Writes are content-addressed (a replayed batch is a no-op); see
 * `PartitionedBatches` for the conventions.
 *
 * A prediction may be labeled again: `read` keeps the label with the latest `received_at`, on
 * equal times the later line in read order (partitions in time order, keys sorted, lines in
 * order), and counts the labels it replaced as `duplicates`.
 */
export class LabelStore extends PartitionedBatches<typeof LabelRecordSchema> {
  constructor(store: ObjectStore) {
    super(store, {
      family: 'labels',
      schema: LabelRecordSchema,
      batchKey: labelBatchKey,
      replaces: (current, next) => Date.parse(next.received_at) >= Date.parse(current.received_at),
    });
  }
}
