import { RandomForestClassifier, RandomForestRegression } from 'ml-random-forest';
import { z } from 'zod';
import { sampledTreeCandidate } from './sampledTreeCandidate.js';

/**
 * `max_rows` caps the training rows (see decision_tree): the forest trains on a seeded,
 * stratified sample, shuffled before sampling; each tree bootstraps that sample and sees a
 * `max_features` share of the features. Out-of-bag scoring is off (`noOOB`).
 */
export const RandomForestParamsSchema = z.object({
  n_estimators: z.number().int().positive(),
  max_depth: z.number().int().positive(),
  min_samples: z.number().int().positive(),
  max_features: z.number().positive().max(1),
  max_rows: z.number().int().positive(),
});
export type RandomForestParams = z.infer<typeof RandomForestParamsSchema>;

export const DEFAULT_RANDOM_FOREST_PARAMS: RandomForestParams = {
  n_estimators: 30,
  max_depth: 10,
  min_samples: 3,
  max_features: 0.7,
  max_rows: 1500,
};

/** ml-random-forest on bin codes; probabilities are the mean of the trees' leaf proportions. */
export const randomForestCandidate = sampledTreeCandidate('random_forest', DEFAULT_RANDOM_FOREST_PARAMS, (X, y, train, params, seed) => {
  const options = {
    nEstimators: params.n_estimators,
    maxFeatures: Math.max(1, Math.round(params.max_features * train.X.cols)),
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    seed,
    treeOptions: { maxDepth: params.max_depth, minNumSamples: params.min_samples },
  };
  const forest = train.task === 'regression' ? new RandomForestRegression(options) : new RandomForestClassifier(options);
  forest.train(X, y);
  const { baseModel: json } = forest.toJSON() as unknown as { baseModel: { indexes: number[][]; estimators: { root: unknown }[] } };
  return json.estimators.map((estimator, i) => ({ root: estimator.root, columns: json.indexes[i] }));
});
