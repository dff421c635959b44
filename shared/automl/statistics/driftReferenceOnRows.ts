import { frameFromTable } from '../data/frame.js';
import type { Table } from '../data/table.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { createPredictor } from '../pipeline/predictor.js';
import { buildDriftReference } from './buildDriftReference.js';
import type { DriftReference } from './driftReference.js';

/**
 * The drift reference of a fitted pipeline on rows it did not train on (`source`
 * `recent_holdout`): their feature columns and the pipeline's outputs on them, with the
 * importances and sample seed of the training reference. `table` has the pipeline's features
 * as columns (others, the target included, are ignored).
 */
export function driftReferenceOnRows(pipeline: Pipeline, table: Table, training: DriftReference): DriftReference {
  return buildDriftReference({
    source: 'recent_holdout',
    frame: frameFromTable(table, pipeline.features),
    features: pipeline.features,
    target: pipeline.target,
    outputs: createPredictor(pipeline).predictTable(table).values,
    importances: training.importances,
    seed: training.sample_seed,
  });
}
