import { parseCsv } from '../automl/data/parseCsv.js';
import { takeTableRows } from '../automl/data/table.js';
import { trainTestSplit } from '../automl/evaluation/splits.js';
import { takeValues } from '../automl/matrix.js';
import type { Pipeline } from '../automl/pipeline/pipeline.js';
import { createPredictor } from '../automl/pipeline/predictor.js';
import { prepareDataset } from '../automl/training/prepareDataset.js';
import type { TrainOptions } from '../automl/training/trainOptions.js';

/** Both models' outputs on the same holdout rows, and their labels (the challenger's encoding). */
export interface SharedHoldout {
  readonly source: 'test_split';
  readonly dataset_digest: string;
  readonly y: Float64Array;
  readonly champion: Float64Array;
  readonly challenger: Float64Array;
}

/**
 * The holdout both models are scored on: the challenger's own test split (the rows it did not
 * train on: its dataset, options and seed give the same split again), as a table that each
 * pipeline reads with its own features. Not comparable — a reason, never an exception — when the
 * targets differ, the champion lacks a column, or a binary holdout has a single class.
 */
export function sharedHoldout(
  csv: string,
  digest: string,
  options: TrainOptions,
  challenger: Pipeline,
  champion: Pipeline,
): SharedHoldout | { readonly notComparable: string } {
  const { target } = challenger;
  if (champion.target.name !== target.name || champion.target.task !== target.task) {
    return { notComparable: `the models predict different targets (${champion.target.name}/${champion.target.task} vs ${target.name}/${target.task})` };
  }
  if (JSON.stringify(champion.target.classes ?? []) !== JSON.stringify(target.classes ?? [])) {
    return { notComparable: `the models have different classes (${(champion.target.classes ?? []).join(', ')} vs ${(target.classes ?? []).join(', ')})` };
  }
  const table = parseCsv(csv);
  const prepared = prepareDataset(table, options);
  const split = trainTestSplit(prepared.y, target.task, options.test_fraction, options.seed);
  const holdout = takeTableRows(table, Array.from(split.test, (i) => prepared.rows[i]));
  const y = takeValues(prepared.y, split.test);
  if (target.task === 'binary' && (y.every((v) => v === 0) || y.every((v) => v === 1))) {
    return { notComparable: 'the holdout holds a single class' };
  }
  const missing = champion.features.find((feature) => !table.columns.includes(feature.name));
  if (missing) return { notComparable: `production's feature '${missing.name}' is not in the candidate's data` };
  return {
    source: 'test_split',
    dataset_digest: digest,
    y,
    champion: createPredictor(champion).predictTable(holdout).values,
    challenger: createPredictor(challenger).predictTable(holdout).values,
  };
}
