import type { CandidateName, FittedModel, Encoding } from '../candidates/candidate.js';
import { GradientBoostingModel } from '../candidates/gradientBoosting/model.js';
import { EARLY_STOPPING_MIN_ROWS } from '../candidates/gradientBoosting/params.js';

/**
 * One procedure per parameter set, the same in cross-validation, on the train split and in the
 * refit: choices a candidate would otherwise make per fit from the rows it is given are made
 * once, here, from the outer training split.
 *
 * - gradient_boosting `earlyStopping: 'auto'` becomes `true` or `false` from the training
 *   split's size (on at ≥ EARLY_STOPPING_MIN_ROWS rows), so a 4/5 fold never early-stops while
 *   the shipped fit does.
 */
export function fixProcedure(name: CandidateName, params: Record<string, unknown>, trainRows: number): Record<string, unknown> {
  if (name === 'gradient_boosting' && params.earlyStopping === 'auto') {
    return { ...params, earlyStopping: trainRows >= EARLY_STOPPING_MIN_ROWS };
  }
  return params;
}

/**
 * The parameters of the refit on all labeled rows: the chosen set, with gradient boosting's
 * iteration count fixed to the one early stopping found on the train split (AutoGluon's
 * `refit_full` keeps the iterations the same way) and early stopping off, so every row trains.
 */
export function refitParams(name: CandidateName, params: Record<string, unknown>, model: FittedModel<Encoding>): Record<string, unknown> {
  if (name === 'gradient_boosting' && model instanceof GradientBoostingModel && params.earlyStopping === true) {
    return { ...params, maxIterations: Math.max(1, model.nIterations), earlyStopping: false };
  }
  return params;
}
