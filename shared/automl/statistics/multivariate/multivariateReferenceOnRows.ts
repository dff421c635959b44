import { frameFromTable } from '../../data/frame.js';
import type { Table } from '../../data/table.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import { fitMultivariateReference } from './fitMultivariateReference.js';
import type { MultivariateReference } from './multivariateReference.js';

/**
 * The multivariate reference of a pipeline's features on rows it did not train on (`source`
 * `recent_holdout`, as `driftReferenceOnRows`), with the sample seed and band multiplier of the
 * training reference. `table` has the pipeline's features as columns (others are ignored).
 */
export function multivariateReferenceOnRows(pipeline: Pipeline, table: Table, training: MultivariateReference): MultivariateReference {
  return fitMultivariateReference(frameFromTable(table, pipeline.features), {
    features: pipeline.features,
    seed: training.errors.sample_seed,
    source: 'recent_holdout',
    std_multiplier: training.threshold.std_multiplier,
  });
}
