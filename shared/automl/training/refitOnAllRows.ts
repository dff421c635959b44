import type { Frame } from '../data/frame.js';
import { PreparedSplit } from '../evaluation/preparedSplit.js';
import type { Preprocessor } from '../preprocess/preprocessor.js';
import type { FeatureSpec } from '../schema/datasetSchema.js';
import type { Task } from '../task.js';
import { refitParams } from './candidateProcedure.js';
import type { EvaluatedCandidate } from './evaluateCandidate.js';

export interface RefitData {
  /** Every labeled row's features, and their targets. */
  readonly frame: Frame;
  readonly y: Float64Array;
  readonly features: readonly FeatureSpec[];
  readonly task: Task;
  readonly nClasses: number;
  readonly seed: number;
}

export interface Refitted {
  /** Fitted on every labeled row. */
  readonly preprocessor: Preprocessor;
  /** Per candidate, in order: the refit's parameters and its model's JSON. */
  readonly fits: { readonly params: Record<string, unknown>; readonly model: Record<string, unknown> }[];
}

/**
 * Refits candidates on every labeled row, their preprocessing fitted on those rows too, each
 * with its chosen parameters (gradient boosting: the iteration count early stopping found,
 * fixed; see candidateProcedure.ts), as GridSearchCV's `refit` and AutoGluon's `refit_full`.
 * The schema, the threshold and the test figures stay those of the evaluation: the refit is
 * the same procedure on more rows, so they remain its honest estimate.
 */
export function refitOnAllRows(candidates: readonly EvaluatedCandidate[], data: RefitData): Refitted {
  const all = new PreparedSplit(data.frame, data.y, data.features, { train: Int32Array.from(data.y.keys()), test: new Int32Array(0) });
  const fits = candidates.map((chosen) => {
    const params = refitParams(chosen.candidate.name, chosen.params, chosen.model);
    const train = { X: all.train(chosen.candidate.encoding), y: all.yTrain, task: data.task, nClasses: data.nClasses };
    return { params, model: chosen.candidate.fit(train, params, { seed: data.seed }).toJSON() };
  });
  return { preprocessor: all.preprocessor, fits };
}
