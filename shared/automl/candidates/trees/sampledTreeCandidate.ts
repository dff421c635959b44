import type { Candidate, CandidateName, TrainingSet } from '../candidate.js';
import { flattenCartTree } from './flatTree.js';
import { sampleRows } from './sampleRows.js';
import { TreeEnsembleModel, binnedToRows } from './treeEnsembleModel.js';
import type { TreePlan } from './treePlan.js';

/** One tree a library grew: ml-cart's `toJSON().root`, and the matrix columns it saw (all when absent). */
export interface GrownTree {
  readonly root: unknown;
  readonly columns?: readonly number[];
}

/** How much a fit trains on (rows, trees, features per tree), from the cost model: see treePlan.ts. */
export type PlanTrees<P> = (train: TrainingSet<'binned'>, params: P) => TreePlan;

/**
 * Trains the library's trees on the sample: `X` its row-major bin codes (the input ml-cart and
 * ml-random-forest take), `y` its targets; `train` is the whole training set (task, shape).
 */
export type GrowTrees<P> = (X: number[][], y: number[], train: TrainingSet<'binned'>, params: P, plan: TreePlan, seed: number) => GrownTree[];

/**
 * A tree candidate on bin codes backed by ml-cart or ml-random-forest: every task, one param set
 * (`defaults`). Its fit asks `plan` how many rows the work budget allows (or `max_rows`), trains
 * `grow` on a seeded, stratified sample of that many training rows (see `sampleRows`), flattens
 * the trees and returns a TreeEnsembleModel that records the rows used and the plan.
 */
export function sampledTreeCandidate<P extends Record<string, unknown>>(
  name: CandidateName,
  defaults: P,
  plan: PlanTrees<P>,
  grow: GrowTrees<P>,
): Candidate<'binned', P> {
  return {
    name,
    encoding: 'binned',
    supports: () => true,
    paramSets: () => [defaults],
    fit(train, params, context) {
      const planned = plan(train, params);
      const rows = sampleRows(train.y, train.task, planned.rows, context.seed);
      const X = binnedToRows(train.X, rows);
      const y = Array.from(rows, (i) => train.y[i]);
      const width = TreeEnsembleModel.leafWidth(train.task, train.nClasses);
      const trees = grow(X, y, train, params, planned, context.seed).map((tree) => flattenCartTree(tree.root, width, tree.columns));
      return new TreeEnsembleModel({
        task: train.task,
        n_classes: train.nClasses,
        n_features: train.X.cols,
        rows_used: rows.length,
        params,
        plan: planned,
        trees,
      });
    },
    fromJSON: (json) => TreeEnsembleModel.fromJSON(json),
  };
}
