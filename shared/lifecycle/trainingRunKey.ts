import type { TrainOptions } from '../automl/training/trainOptions.js';
import { sha256Hex } from './datasetStore.js';

/**
 * The idempotency key of a training run: SHA-256 of the dataset digest and the resolved options
 * (`JSON.stringify` of the zod output, whose key order is the schema's). A replayed train message
 * has the same key, so it cannot create a second version.
 */
export function trainingRunKey(datasetDigest: string, options: TrainOptions): string {
  return sha256Hex(`${datasetDigest}\n${JSON.stringify(options)}`);
}
