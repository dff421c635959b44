import { DecisionTreeClassifier, DecisionTreeRegression } from 'ml-cart';
import { z } from 'zod';
import { sampledTreeCandidate } from './sampledTreeCandidate.js';

/**
 * `max_rows` caps the training rows: ml-cart rescans every row for every candidate split
 * (O(n²) per node), so it trains on a seeded, stratified sample of at most that many rows.
 */
export const DecisionTreeParamsSchema = z.object({
  max_depth: z.number().int().positive(),
  min_samples: z.number().int().positive(),
  max_rows: z.number().int().positive(),
});
export type DecisionTreeParams = z.infer<typeof DecisionTreeParamsSchema>;

export const DEFAULT_DECISION_TREE_PARAMS: DecisionTreeParams = { max_depth: 8, min_samples: 10, max_rows: 3000 };

/** A single CART tree (ml-cart: Gini for classification, variance for regression) on bin codes. */
export const decisionTreeCandidate = sampledTreeCandidate('decision_tree', DEFAULT_DECISION_TREE_PARAMS, (X, y, train, params) => {
  const options = { maxDepth: params.max_depth, minNumSamples: params.min_samples };
  const tree = train.task === 'regression' ? new DecisionTreeRegression(options) : new DecisionTreeClassifier(options);
  tree.train(X, y);
  return [{ root: tree.toJSON().root }];
});
