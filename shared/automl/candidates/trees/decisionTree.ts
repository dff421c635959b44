import { DecisionTreeClassifier, DecisionTreeRegression } from 'ml-cart';
import { z } from 'zod';
import { sampledTreeCandidate } from './sampledTreeCandidate.js';
import { DEFAULT_WORK_BUDGET, decisionTreePlan } from './treePlan.js';

/**
 * ml-cart rescans every row for every candidate split (O(n²·d) per tree, see cartCost.ts), so a
 * fit trains on a seeded, stratified sample of the rows its `work_budget` (cost-model work
 * units) allows; `max_rows` (the engine's `max_tree_rows`), when not null, is the cap instead.
 */
export const DecisionTreeParamsSchema = z.object({
  max_depth: z.number().int().positive(),
  min_samples: z.number().int().positive(),
  max_rows: z.number().int().positive().nullable(),
  work_budget: z.number().positive(),
});
export type DecisionTreeParams = z.infer<typeof DecisionTreeParamsSchema>;

export const DEFAULT_DECISION_TREE_PARAMS: DecisionTreeParams = { max_depth: 8, min_samples: 10, max_rows: null, work_budget: DEFAULT_WORK_BUDGET };

/** A single CART tree (ml-cart: Gini for classification, variance for regression) on bin codes. */
export const decisionTreeCandidate = sampledTreeCandidate('decision_tree', DEFAULT_DECISION_TREE_PARAMS, decisionTreePlan, (X, y, train, params) => {
  const options = { maxDepth: params.max_depth, minNumSamples: params.min_samples };
  const tree = train.task === 'regression' ? new DecisionTreeRegression(options) : new DecisionTreeClassifier(options);
  tree.train(X, y);
  return [{ root: tree.toJSON().root }];
});
