import type { Candidate, CandidateName, TrainingSet } from '../candidate.js';
import { flattenCartTree } from './flatTree.js';
import { sampleRows } from './sampleRows.js';
import { TreeEnsembleModel, binnedToRows } from './treeEnsembleModel.js';

/** One tree a library grew: ml-cart's `toJSON().root`, and the matrix columns it saw (all when absent). */
export interface GrownTree {
  readonly root: unknown;
  readonly columns?: readonly number[];
}

/**
 * Trains the library's trees on the sample: `X` its row-major bin codes (the input ml-cart and
 * ml-random-forest take), `y` its targets; `train` is the whole training set (task, shape).
 */
export type GrowTrees<P> = (X: number[][], y: number[], train: TrainingSet<'binned'>, params: P, seed: number) => GrownTree[];

/**
 * A tree candidate on bin codes backed by ml-cart or ml-random-forest: every task, one param set
 * (`defaults`). Its fit trains `grow` on a seeded, stratified sample of at most `params.max_rows`
 * training rows (see `sampleRows`), flattens the trees and returns a TreeEnsembleModel that records
 * the rows used.
 */
export function sampledTreeCandidate<P extends Record<string, unknown> & { max_rows: number }>(
  name: CandidateName,
  defaults: P,
  grow: GrowTrees<P>,
): Candidate<'binned', P> {
  return {
    name,
    encoding: 'binned',
    supports: () => true,
    paramSets: () => [defaults],
    fit(train, params, context) {
      const rows = sampleRows(train.y, train.task, params.max_rows, context.seed);
      const X = binnedToRows(train.X, rows);
      const y = Array.from(rows, (i) => train.y[i]);
      const width = TreeEnsembleModel.leafWidth(train.task, train.nClasses);
      const trees = grow(X, y, train, params, context.seed).map((tree) => flattenCartTree(tree.root, width, tree.columns));
      return new TreeEnsembleModel(train.task, train.nClasses, trees, rows.length, params);
    },
    fromJSON: (json) => TreeEnsembleModel.fromJSON(json),
  };
}
