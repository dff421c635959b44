import { parseCsv } from '../automl/data/parseCsv.js';
import { isMissing, takeTableRows, type Table } from '../automl/data/table.js';
import { takeValues } from '../automl/matrix.js';
import type { Pipeline } from '../automl/pipeline/pipeline.js';
import { createPredictor } from '../automl/pipeline/predictor.js';
import { targetMismatch } from '../automl/pipeline/targetMismatch.js';
import { prepareDataset } from '../automl/training/prepareDataset.js';
import type { TrainOptions } from '../automl/training/trainOptions.js';
import { classIndexer } from '../automl/schema/classIndex.js';
import type { TargetSpec } from '../automl/schema/datasetSchema.js';

/** Where the holdout comes from: the candidate's own test split, or recent labeled production rows it did not train on. */
export type HoldoutSource =
  | {
      readonly kind: 'test_split';
      readonly csv: string;
      readonly digest: string;
      readonly options: TrainOptions;
      /**
       * The candidate's evaluated outputs on its test split (`test_predictions.json`), when its
       * shipped model was refitted on every row, the test rows included: it is then scored by
       * them, the honest estimate, never by a model that trained on the holdout.
       */
      readonly challengerOutputs?: readonly number[];
    }
  | { readonly kind: 'recent_labeled'; readonly csv: string; readonly digest: string };

/** Both models' outputs on the same holdout rows, and their labels (the challenger's encoding). */
export interface SharedHoldout {
  readonly source: HoldoutSource['kind'];
  readonly dataset_digest: string;
  readonly y: Float64Array;
  readonly champion: Float64Array;
  readonly challenger: Float64Array;
}

/**
 * The holdout both models are scored on, as a table each pipeline reads with its own features:
 * recent labeled production rows kept out of the candidate's training (all their labeled rows,
 * labels encoded by the candidate's classes), or else the candidate's own test split (its dataset,
 * options and seed give the same split again). Not comparable — a reason, never an exception —
 * when the targets differ, the champion lacks a column, or a binary holdout has a single class.
 */
export function sharedHoldout(source: HoldoutSource, challenger: Pipeline, champion: Pipeline): SharedHoldout | { readonly notComparable: string } {
  const { target } = challenger;
  const mismatch = targetMismatch(champion, challenger);
  if (mismatch) return { notComparable: mismatch };
  const table = parseCsv(source.csv);
  const { holdout, y } = source.kind === 'test_split' ? testSplit(table, source.options, target) : labeledRows(table, target);
  if (y.length === 0) return { notComparable: 'the holdout has no labeled rows' };
  if (target.task === 'binary' && (y.every((v) => v === 0) || y.every((v) => v === 1))) {
    return { notComparable: 'the holdout holds a single class' };
  }
  const missing = champion.features.find((feature) => !table.columns.includes(feature.name));
  if (missing) return { notComparable: `production's feature '${missing.name}' is not in the candidate's data` };
  const stored = source.kind === 'test_split' ? source.challengerOutputs : undefined;
  const outputs = createPredictor(champion).predictTable(holdout).values;
  if (stored && stored.length !== outputs.length) {
    return { notComparable: `the candidate's test_predictions.json has ${stored.length} values for ${outputs.length} outputs of its test split` };
  }
  return {
    source: source.kind,
    dataset_digest: source.digest,
    y,
    champion: outputs,
    challenger: stored ? Float64Array.from(stored) : createPredictor(challenger).predictTable(holdout).values,
  };
}

function testSplit(table: Table, options: TrainOptions, target: TargetSpec): { holdout: Table; y: Float64Array } {
  const { split, rows, y } = prepareDataset(table, options);
  return { holdout: takeTableRows(table, Array.from(split.test, (i) => rows[i])), y: takeValues(y, split.test) };
}

/** The rows whose target cell is a value of `target` (a listed class, compared canonically; a number for regression). */
function labeledRows(table: Table, target: TargetSpec): { holdout: Table; y: Float64Array } {
  const column = table.cells[table.columns.indexOf(target.name)] ?? [];
  const classOf = classIndexer(target);
  const rows: number[] = [];
  const y: number[] = [];
  column.forEach((cell, r) => {
    const value = target.task === 'regression' ? (isMissing(cell) ? Number.NaN : Number(cell)) : (classOf(cell) ?? Number.NaN);
    if (Number.isNaN(value)) return;
    rows.push(r);
    y.push(value);
  });
  return { holdout: takeTableRows(table, rows), y: Float64Array.from(y) };
}
