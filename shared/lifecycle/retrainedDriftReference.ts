import { parseCsv } from '../automl/data/parseCsv.js';
import { driftReferenceOnRows } from '../automl/statistics/driftReferenceOnRows.js';
import type { DriftReference } from '../automl/statistics/driftReference.js';
import type { TrainingResult } from '../automl/training/trainModel.js';
import type { DatasetStore } from '../registry/datasetStore.js';
import type { RetrainingData } from '../registry/schemas.js';
import { DatasetNotFoundError } from './errors.js';

/** Fewer recent holdout rows than this, and a retrained version keeps its training-split reference. */
export const MIN_RECENT_REFERENCE_ROWS = 200;

/**
 * The drift reference a version is registered with: for a retraining on production rows whose
 * holdout has at least `MIN_RECENT_REFERENCE_ROWS` rows, the new model on that holdout
 * (`driftReferenceOnRows`, source `recent_holdout`): the next checks then compare production with
 * what it looked like when the version was trained, instead of with a mix of old and recent rows
 * that differs from today's traffic for as long as the shift lasts. Otherwise the training reference.
 */
export async function retrainedDriftReference(datasets: DatasetStore, data: RetrainingData | null | undefined, result: TrainingResult): Promise<DriftReference> {
  if (!data?.holdout_digest || data.holdout_rows < MIN_RECENT_REFERENCE_ROWS) return result.driftReference;
  const csv = await datasets.get(data.holdout_digest);
  if (csv === undefined) throw new DatasetNotFoundError(`holdout dataset ${data.holdout_digest} is not in the store`);
  return driftReferenceOnRows(result.pipeline, parseCsv(csv), result.driftReference);
}
