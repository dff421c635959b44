import type { Candidate } from '../candidate.js';
import { fitLinear } from './fitLinear.js';
import { linearModelFromJSON } from './model.js';
import { defaultParamSets } from './params.js';
import type { LinearParams } from './params.js';

/**
 * The `linear` candidate on the dense (one-hot + standardized) matrix: OLS and Ridge(α = 1) for
 * regression, L2 logistic regression (C = 1, binary or multinomial) for classification, with
 * scikit-learn's conventions. All tasks supported; fits are deterministic.
 */
export const linearCandidate: Candidate<'dense', LinearParams> = {
  name: 'linear',
  encoding: 'dense',
  supports: () => true,
  paramSets: defaultParamSets,
  fit: fitLinear,
  fromJSON: linearModelFromJSON,
};

export { fitLinear } from './fitLinear.js';
export { fitLeastSquares } from './leastSquares.js';
export type { LinearFit } from './leastSquares.js';
export { fitBinaryLogistic } from './binaryLogistic.js';
export type { BinaryLogisticFit } from './binaryLogistic.js';
export { fitMultinomialLogistic } from './multinomialLogistic.js';
export type { MultinomialLogisticFit } from './multinomialLogistic.js';
export type { LogisticSolver } from './solverChoice.js';
export { LinearModel, LinearModelJsonSchema, linearModelFromJSON } from './model.js';
export type { LinearModelJson } from './model.js';
export { LinearParamsSchema, defaultParamSets, kindSupportsTask } from './params.js';
export type { LinearKind, LinearParams } from './params.js';
