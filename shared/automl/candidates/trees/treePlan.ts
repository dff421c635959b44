import { z } from 'zod';
import type { TrainingSet } from '../candidate.js';
import { SECONDS_PER_UNIT, labelImpurity, rowsWithin, treeWork, type TreeShape } from './cartCost.js';

/**
 * How much an ml-cart based fit trains on, decided before it starts from the cost model
 * (cartCost.ts) and a work budget: deterministic, no clock. `rows` training rows (a seeded,
 * stratified sample when fewer than the training set), `trees` trees of `features` features
 * each, `work_units` the model's estimate of the fit's work. Recorded in the model JSON.
 */
export const TreePlanSchema = z.object({
  rows: z.number().int().positive(),
  trees: z.number().int().positive(),
  features: z.number().int().positive(),
  work_units: z.number().nonnegative(),
});
export type TreePlan = z.infer<typeof TreePlanSchema>;

/**
 * The default work budget of one fit: 1.5 CPU seconds of the calibration machine. A training run
 * fits each candidate folds + 1 times (6 with the default 5 folds), so a tree candidate takes
 * about 9 s there, and both about 18 s.
 */
export const DEFAULT_WORK_BUDGET = Math.round(1.5 / SECONDS_PER_UNIT);

/** Forest rows the feature share is cut for: below this many rows (or all), fewer features per tree. */
export const FOREST_ROW_FLOOR = 500;

interface PlanParams {
  readonly max_depth: number;
  /** An explicit row cap (the engine's `max_tree_rows`) instead of the budget's. */
  readonly max_rows: number | null;
  readonly work_budget: number;
}

function shapeOf(train: TrainingSet<'binned'>, features: number, maxDepth: number): TreeShape {
  return { task: train.task, nClasses: train.nClasses, impurity: labelImpurity(train.y, train.task, train.nClasses), features, maxDepth };
}

/** One tree on every feature: the rows the budget allows, or `max_rows` when given. */
export function decisionTreePlan(train: TrainingSet<'binned'>, params: PlanParams): TreePlan {
  const shape = shapeOf(train, train.X.cols, params.max_depth);
  const cap = params.max_rows ?? rowsWithin(params.work_budget, shape);
  const rows = Math.min(train.y.length, cap);
  return { rows, trees: 1, features: shape.features, work_units: treeWork(shape, rows) };
}

/**
 * `n_estimators` trees of `max_features` × d features each. Under the budget the trees keep
 * their number (more trees average the leaf proportions into better probabilities) and, when the
 * rows would fall below min(n, FOREST_ROW_FLOOR), each tree gets fewer features, down to ⌈√d⌉
 * (scikit-learn's max_features = 'sqrt'), so the rows can grow back; then the rows take what the
 * budget leaves. With `max_rows` the params are used as given.
 */
export function forestPlan(train: TrainingSet<'binned'>, params: PlanParams & { n_estimators: number; max_features: number }): TreePlan {
  const n = train.y.length;
  const d = train.X.cols;
  const trees = params.n_estimators;
  const given = Math.min(d, Math.max(1, Math.round(params.max_features * d)));
  const plan = (features: number, rows: number): TreePlan => {
    const shape = shapeOf(train, features, params.max_depth);
    const used = Math.min(n, rows);
    return { rows: used, trees, features, work_units: treeWork(shape, used, trees) };
  };
  if (params.max_rows !== null) return plan(given, params.max_rows);
  const rowsFor = (features: number) => rowsWithin(params.work_budget, shapeOf(train, features, params.max_depth), trees);
  const target = Math.min(n, FOREST_ROW_FLOOR);
  let features = given;
  const fewest = Math.min(given, Math.ceil(Math.sqrt(d)));
  while (features > fewest && rowsFor(features) < target) features--;
  return plan(features, rowsFor(features));
}
