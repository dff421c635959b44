import type { Task } from '../../task.js';

/**
 * The work of growing ml-cart trees (ml-cart 2.1, also inside ml-random-forest 2.1): a pure
 * cost model, no clock. Unit: one label visited while ml-cart rescores a candidate split.
 *
 * ml-cart searches a node of m rows feature by feature: it sorts the feature (m·log₂m) and takes
 * every adjacent pair of rows whose targets differ as a candidate threshold, tied values not
 * deduplicated: ≈ m·g candidates, g = 1 − Σ p_c² the Gini impurity of the labels (1 for
 * regression, where all targets differ). Each candidate rescans the node's m labels: the split,
 * then the impurity of both sides and of the parent, whose class count (`getNumberOfClasses`, an
 * `indexOf` filter) costs about k per label. So a node costs d·m²·g·(1 + γ·k) plus the sorts,
 * and each level below the root adds a geometric share ρ^l of the root's quadratic work (every
 * level is searched, the one at max_depth too). One tree of depth D on n rows, d features:
 *
 *   work = d · n² · g · (1 + γ·k) · Σ_{l=0..D} ρ^l + σ · d · n · log₂n · (D + 1)   (classification)
 *   work = d · n² · γ_reg · Σ_{l=0..D} ρ^l + σ · d · n · log₂n · (D + 1)           (regression)
 *
 * A forest of T trees, each on f features of a bootstrap sample of n rows, is T times one tree
 * with d = f. The work is quadratic in n, so a budget caps the rows (`rowsWithin`).
 *
 * Constants: fitted by test/support/treeCostCalibration.ts, least squares on the log of the CPU
 * time of decision_tree and random_forest fits (k ∈ {2, 5, 10} and regression, d from 8 to 64,
 * n from 150 to 5,000, D from 0 to 14) on digits-like data (well separated classes) and pima
 * (noisy, continuous). On the calibration machine (Node 20, one core of a shared 2-core VM) one
 * unit took `SECONDS_PER_UNIT`; predicted / measured time was 0.44 … 1.7 over the fitted and the
 * held-out runs (low: fits under 0.2 s, whose fixed overhead the model leaves out, and forests
 * with min_samples 3, about 0.7). The model is a budget, not a promise: the depth share ρ is
 * data dependent (splits that separate classes shrink the nodes faster).
 */
export interface CartCostConstants {
  /** Per-label cost of counting the classes, per class, relative to the split pass. */
  readonly gamma: number;
  /** Per-label cost of a regression candidate (the split and two squared errors). */
  readonly gammaRegression: number;
  /** Share of the root's quadratic work that each deeper level adds. */
  readonly rho: number;
  /** Cost of one comparison of the per-node sort, per row and feature. */
  readonly sigma: number;
}

export const CART_COST: CartCostConstants = { gamma: 0.788, gammaRegression: 1.42, rho: 0.75, sigma: 3.08 };

/** CPU seconds per work unit on the calibration machine (to state budgets in seconds only). */
export const SECONDS_PER_UNIT = 1.2e-8;

/** Gini impurity 1 − Σ p² of class indices `y` (k classes); 1 for regression. */
export function labelImpurity(y: ArrayLike<number>, task: Task, nClasses: number): number {
  if (task === 'regression' || y.length === 0) return 1;
  const counts = new Float64Array(Math.max(2, nClasses));
  for (let i = 0; i < y.length; i++) counts[y[i]] += 1;
  let sum = 0;
  for (const c of counts) sum += (c / y.length) ** 2;
  return 1 - sum;
}

/** What drives one tree's work, besides its rows. */
export interface TreeShape {
  readonly task: Task;
  readonly nClasses: number;
  /** Gini impurity of the training labels (`labelImpurity`). */
  readonly impurity: number;
  /** Features the tree searches. */
  readonly features: number;
  readonly maxDepth: number;
}

/** Work of `trees` trees of `shape`, each on `rows` rows. */
export function treeWork(shape: TreeShape, rows: number, trees = 1, constants: CartCostConstants = CART_COST): number {
  const { gamma, gammaRegression, rho, sigma } = constants;
  const depth = Math.min(shape.maxDepth, 64);
  const levels = (1 - rho ** (depth + 1)) / (1 - rho);
  const perLabel = shape.task === 'regression' ? gammaRegression : shape.impurity * (1 + gamma * shape.nClasses);
  const quadratic = shape.features * rows * rows * perLabel * levels;
  const sorts = sigma * shape.features * rows * Math.log2(Math.max(2, rows)) * (depth + 1);
  return trees * (quadratic + sorts);
}

/** The most rows (at least 1) whose `trees` trees of `shape` fit within `budget` work units. */
export function rowsWithin(budget: number, shape: TreeShape, trees = 1): number {
  let low = 1;
  let high = 2;
  while (high < 2 ** 30 && treeWork(shape, high, trees) <= budget) high *= 2;
  // Invariant: low fits (or is the floor of 1), high does not.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (treeWork(shape, mid, trees) <= budget) low = mid;
    else high = mid;
  }
  return low;
}
