import { RandomForestClassifier, RandomForestRegression } from 'ml-random-forest';
import { z } from 'zod';
import { sampledTreeCandidate } from './sampledTreeCandidate.js';
import { DEFAULT_WORK_BUDGET, forestPlan } from './treePlan.js';

/**
 * The forest trains on a seeded, stratified sample of the rows its `work_budget` allows (see
 * decision_tree and treePlan.ts: under the budget each tree may see fewer than `max_features` ×
 * d features, never fewer than ⌈√d⌉); `max_rows`, when not null, is the row cap instead and the
 * params are used as given. Each tree bootstraps the sample and sees its own feature subset.
 * Out-of-bag scoring is off (`noOOB`).
 */
export const RandomForestParamsSchema = z.object({
  n_estimators: z.number().int().positive(),
  max_depth: z.number().int().positive(),
  min_samples: z.number().int().positive(),
  max_features: z.number().positive().max(1),
  max_rows: z.number().int().positive().nullable(),
  work_budget: z.number().positive(),
});
export type RandomForestParams = z.infer<typeof RandomForestParamsSchema>;

export const DEFAULT_RANDOM_FOREST_PARAMS: RandomForestParams = {
  n_estimators: 30,
  max_depth: 10,
  min_samples: 3,
  max_features: 0.7,
  max_rows: null,
  work_budget: DEFAULT_WORK_BUDGET,
};

/** ml-random-forest on bin codes; probabilities are the mean of the trees' leaf proportions. */
export const randomForestCandidate = sampledTreeCandidate('random_forest', DEFAULT_RANDOM_FOREST_PARAMS, forestPlan, (X, y, train, params, plan, seed) => {
  const options = {
    nEstimators: plan.trees,
    maxFeatures: libraryMaxFeatures(plan.features, train.X.cols),
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

/**
 * ml-random-forest reads a maxFeatures in (0, 1] as a share of the columns, so an integer 1 would
 * mean every column: one feature of several is passed as the share 1.5 / d (⌊d × share⌋ = 1).
 */
function libraryMaxFeatures(features: number, cols: number): number {
  return features === 1 && cols > 1 ? 1.5 / cols : features;
}
