import type { TrainOptions } from '../automl/training/trainOptions.js';
import type { RunKey } from '../registry/ids.js';
import { sha256Hex } from '../util/sha256.js';

/**
 * The idempotency key of a training run: SHA-256 of the dataset digest and the resolved options
 * (`JSON.stringify` of the zod output, whose key order is the schema's). A replayed train message
 * has the same key, so it cannot create a second version. A retrain asked for by a drift check
 * adds its report id, so each such request is a run of its own. (Its record's S3 key is
 * `trainingRunRecordKey(runKey)` in registry/keys.ts.)
 */
export function runKeyOf(datasetDigest: string, options: TrainOptions, triggerReportId?: string): RunKey {
  const trigger = triggerReportId === undefined ? '' : `\ndrift ${triggerReportId}`;
  return sha256Hex(`${datasetDigest}\n${JSON.stringify(options)}${trigger}`);
}
