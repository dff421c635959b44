/**
 * The project's own histogram gradient boosting candidate (LightGBM-style: pre-binned features,
 * gradient/hessian histograms with the subtraction trick, leaf-wise growth, shrinkage, L2 leaf
 * regularization, early stopping on a seeded stratified holdout, a learned direction for missing
 * values and category-set splits of categorical features).
 *
 * `gradientBoostingCandidate.fit` and `.fromJSON` return a {@link GradientBoostingModel}, which
 * adds the allocation-free `predictRow` used by the serving path.
 */
import type { Task } from '../../task.js';
import type { Candidate, FitContext, TrainingSet } from '../candidate.js';
import { boost } from './booster.js';
import { GradientBoostingModel } from './model.js';
import {
  DEFAULT_GRADIENT_BOOSTING_PARAMS,
  parseGradientBoostingParams,
  type GradientBoostingParams,
  type GradientBoostingParamsInput,
} from './params.js';
import { modelFromJSON } from './serialization.js';

export { GradientBoostingModel, type GradientBoostingState } from './model.js';
export {
  DEFAULT_GRADIENT_BOOSTING_PARAMS,
  EARLY_STOPPING_MIN_ROWS,
  GradientBoostingParamsSchema,
  parseGradientBoostingParams,
  type GradientBoostingParams,
  type GradientBoostingParamsInput,
} from './params.js';
export { GradientBoostingJsonSchema, modelFromJSON, type GradientBoostingJson } from './serialization.js';

/** The candidate interface with the concrete model type on fit / fromJSON. */
export interface GradientBoostingCandidate extends Candidate<'binned', GradientBoostingParams> {
  fit(train: TrainingSet<'binned'>, params: GradientBoostingParams, context: FitContext): GradientBoostingModel;
  fromJSON(json: Record<string, unknown>): GradientBoostingModel;
}

/** Fits a model; `params` is validated (InvalidOptionsError) and defaults are filled. */
export function fitGradientBoosting(
  train: TrainingSet<'binned'>,
  params: GradientBoostingParamsInput,
  context: FitContext,
): GradientBoostingModel {
  const p = parseGradientBoostingParams(params);
  const result = boost(train.X, train.y, train.task, train.nClasses, p, context.seed);
  return new GradientBoostingModel({
    task: train.task,
    nClasses: train.task === 'regression' ? 0 : train.nClasses,
    nFeatures: train.X.cols,
    baseScores: result.baseScores,
    params: p,
    nIterations: result.nIterations,
    trees: result.trees,
    ...(train.X.missingBin?.some((m) => m >= 0) ? { missingBin: [...train.X.missingBin] } : {}),
  });
}

export const gradientBoostingCandidate: GradientBoostingCandidate = {
  name: 'gradient_boosting',
  encoding: 'binned',
  supports(_task: Task): boolean {
    return true;
  },
  /** Two tree sizes: the defaults (15 leaves) and LightGBM's 31 leaves; everything else default. */
  paramSets(_task: Task): GradientBoostingParams[] {
    return [{ ...DEFAULT_GRADIENT_BOOSTING_PARAMS }, { ...DEFAULT_GRADIENT_BOOSTING_PARAMS, maxLeaves: 31 }];
  },
  fit(train, params, context) {
    return fitGradientBoosting(train, params, context);
  },
  fromJSON(json) {
    return modelFromJSON(json);
  },
};
