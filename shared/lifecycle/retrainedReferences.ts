import { parseCsv } from '../automl/data/parseCsv.js';
import { driftReferenceOnRows } from '../automl/statistics/driftReferenceOnRows.js';
import type { DriftReference } from '../automl/statistics/driftReference.js';
import type { MultivariateReference } from '../automl/statistics/multivariate/multivariateReference.js';
import { multivariateReferenceOnRows } from '../automl/statistics/multivariate/multivariateReferenceOnRows.js';
import type { TrainingResult } from '../automl/training/trainModel.js';
import type { DatasetStore } from '../registry/datasetStore.js';
import type { RetrainingData } from '../registry/schemas.js';
import { DatasetNotFoundError } from './errors.js';

/** Fewer recent holdout rows than this, and a retrained version keeps its training-split references. */
export const MIN_RECENT_REFERENCE_ROWS = 200;

/** The references a drift check compares production with: per column, and multivariate. */
export interface VersionReferences {
  readonly driftReference: DriftReference;
  readonly multivariateReference: MultivariateReference;
}

/**
 * The references a version is registered with: for a retraining on production rows whose holdout
 * has at least `MIN_RECENT_REFERENCE_ROWS` rows, both fitted on that holdout
 * (`driftReferenceOnRows`, `multivariateReferenceOnRows`, source `recent_holdout`): the next
 * checks then compare production with what it looked like when the version was trained, instead
 * of with a mix of old and recent rows that differs from today's traffic for as long as the shift
 * lasts. Otherwise the training references.
 */
export async function retrainedReferences(datasets: DatasetStore, data: RetrainingData | null | undefined, result: TrainingResult): Promise<VersionReferences> {
  const training = { driftReference: result.driftReference, multivariateReference: result.multivariateReference };
  if (!data?.holdout_digest || data.holdout_rows < MIN_RECENT_REFERENCE_ROWS) return training;
  const csv = await datasets.get(data.holdout_digest);
  if (csv === undefined) throw new DatasetNotFoundError(`holdout dataset ${data.holdout_digest} is not in the store`);
  const holdout = parseCsv(csv);
  return {
    driftReference: driftReferenceOnRows(result.pipeline, holdout, result.driftReference),
    multivariateReference: multivariateReferenceOnRows(result.pipeline, holdout, result.multivariateReference),
  };
}
