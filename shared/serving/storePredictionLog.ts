import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { BatchWriteResult } from '../registry/partitionedBatches.js';
import type { PredictionLogMessage } from './predictionLogRecord.js';

/**
 * The consumer use case of one predictions-queue message: its records written to the
 * prediction log, one NDJSON object per hourly partition (`PredictionLogStore.writeBatch`).
 * Idempotent: a redelivered message has the same content, hence the same keys, and writes
 * nothing new (`alreadyPresent`); a prediction that reaches S3 twice in different batches is
 * read once (the log deduplicates by prediction_id on read).
 */
export function storePredictionLog(registry: Pick<ModelRegistry, 'predictions'>, message: PredictionLogMessage): Promise<BatchWriteResult> {
  return registry.predictions.writeBatch(message.records);
}
