import { InvalidInputError, InvalidOptionsError } from '../../errors.js';
import type { FitContext, TrainingSet } from '../candidate.js';
import { fitBinaryLogistic } from './binaryLogistic.js';
import { fitLeastSquares } from './leastSquares.js';
import { LinearModel } from './model.js';
import { fitMultinomialLogistic } from './multinomialLogistic.js';
import { LinearParamsSchema, kindSupportsTask } from './params.js';
import type { LinearParams } from './params.js';
import { checkTrainingSet } from './validate.js';

/**
 * Fits the linear model `params` names on a preprocessed dense matrix (no scaling inside):
 * OLS / Ridge for regression, binary or multinomial L2 logistic regression for classification.
 * Deterministic; the seed is not used. InvalidOptionsError for params that do not fit the task,
 * InvalidInputError for malformed data.
 */
export function fitLinear(train: TrainingSet<'dense'>, params: LinearParams, _context?: FitContext): LinearModel {
  const parsed = LinearParamsSchema.safeParse(params);
  if (!parsed.success) throw new InvalidOptionsError(`invalid linear params: ${parsed.error.message}`);
  const p = parsed.data;
  const { X, y, task, nClasses } = train;
  if (!kindSupportsTask(p.kind, task)) {
    throw new InvalidOptionsError(`linear kind '${p.kind}' does not fit a ${task} task`);
  }
  checkTrainingSet(X, y, task, nClasses);

  let model: LinearModel;
  if (p.kind === 'logistic' && task === 'multiclass') {
    const fit = fitMultinomialLogistic(X, y, nClasses, p.C);
    model = new LinearModel(task, p, X.cols, fit.coef, fit.intercept);
  } else if (p.kind === 'logistic') {
    const fit = fitBinaryLogistic(X, y, p.C);
    model = new LinearModel('binary', p, X.cols, fit.coef, Float64Array.of(fit.intercept));
  } else {
    const fit = fitLeastSquares(X, y, p.kind === 'ridge' ? p.alpha : 0);
    model = new LinearModel('regression', p, X.cols, fit.coef, Float64Array.of(fit.intercept));
  }
  if (!model.coef.every(Number.isFinite) || !model.intercept.every(Number.isFinite)) {
    throw new InvalidInputError(`linear ${p.kind} fit produced non-finite coefficients`);
  }
  return model;
}
