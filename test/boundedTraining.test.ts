import { describe, expect, it } from 'vitest';
import type { AnyCandidate } from '../shared/automl/candidates/catalog.js';
import { asProbabilities } from '../shared/automl/candidates/probabilityOutputs.js';
import { labelImpurity, rowsWithin, type TreeShape } from '../shared/automl/candidates/trees/cartCost.js';
import { DEFAULT_DECISION_TREE_PARAMS, decisionTreeCandidate } from '../shared/automl/candidates/trees/decisionTree.js';
import { DEFAULT_RANDOM_FOREST_PARAMS, randomForestCandidate } from '../shared/automl/candidates/trees/randomForest.js';
import type { TreeEnsembleJson } from '../shared/automl/candidates/trees/treeEnsembleModel.js';
import { DEFAULT_WORK_BUDGET } from '../shared/automl/candidates/trees/treePlan.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { PreparedSplit } from '../shared/automl/evaluation/preparedSplit.js';
import { kFolds, trainTestSplit } from '../shared/automl/evaluation/splits.js';
import { multiclassAccuracy } from '../shared/automl/metrics/index.js';
import { prepareDataset } from '../shared/automl/training/prepareDataset.js';
import { digitsLikeCsv } from './support/digitsLike.js';

/** Fold 1 of 5 of the digits-like training split, as `trainModel` builds it with its default options (seed 42). */
function digitsFold() {
  const { schema, frame, y } = prepareDataset(parseCsv(digitsLikeCsv()), {});
  const outer = new PreparedSplit(frame, y, schema.features, trainTestSplit(y, 'multiclass', 0.2, 42));
  const fold = new PreparedSplit(outer.trainFrame, outer.yTrain, schema.features, kFolds(outer.yTrain, 'multiclass', 5, 43)[0]);
  return { train: { X: fold.train('binned'), y: fold.yTrain, task: 'multiclass' as const, nClasses: 10 }, test: fold.test('binned'), yTest: fold.yTest };
}

describe('ml-cart candidates within a work budget, on digits-like data (1,347 rows, 64 pixels, 10 classes)', () => {
  const { train, test, yTest } = digitsFold();
  const impurity = labelImpurity(train.y, 'multiclass', 10);
  const shape = (features: number, maxDepth: number): TreeShape => ({ task: 'multiclass', nClasses: 10, impurity, features, maxDepth });

  it('has the shape of scikit-learn digits and a learnable class structure', () => {
    const { schema, y } = prepareDataset(parseCsv(digitsLikeCsv()), {});
    expect(y.length).toBe(1347);
    expect(schema.target.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(train.X.cols).toBe(64);
    expect(Math.max(...train.X.nBins)).toBeLessThanOrEqual(17);
    expect(digitsLikeCsv()).toBe(digitsLikeCsv());
    expect(digitsLikeCsv({ seed: 9 })).not.toBe(digitsLikeCsv());
  });

  const fitTimed = (candidate: AnyCandidate, params: Record<string, unknown>, seed = 1) => {
    const started = performance.now();
    const model = candidate.fit(train, params, { seed });
    return { model, seconds: (performance.now() - started) / 1000, json: model.toJSON() as TreeEnsembleJson };
  };
  const accuracy = (model: { predict: (X: typeof test) => Float64Array }) =>
    multiclassAccuracy(yTest, asProbabilities(model.predict(test), 'multiclass', 10), 10);

  it('decision_tree fits a fold in seconds, on the rows the cost model allows, above chance', () => {
    const { model, seconds, json } = fitTimed(decisionTreeCandidate as unknown as AnyCandidate, DEFAULT_DECISION_TREE_PARAMS);
    expect(seconds).toBeLessThan(10);
    const planned = rowsWithin(DEFAULT_WORK_BUDGET, shape(64, DEFAULT_DECISION_TREE_PARAMS.max_depth));
    expect(planned).toBeLessThan(train.y.length);
    expect(json.plan).toMatchObject({ rows: planned, trees: 1, features: 64 });
    expect(json.plan!.work_units).toBeLessThanOrEqual(DEFAULT_WORK_BUDGET);
    // A stratified sample: each class rounds its share, so the count is within a row per class.
    expect(Math.abs(json.rows_used - planned)).toBeLessThanOrEqual(10);
    expect(accuracy(model)).toBeGreaterThan(0.3);
  });

  it('random_forest keeps its trees, cuts the features per tree to ⌈√64⌉ and the rows to the budget, above chance', () => {
    const { model, seconds, json } = fitTimed(randomForestCandidate as unknown as AnyCandidate, DEFAULT_RANDOM_FOREST_PARAMS);
    expect(seconds).toBeLessThan(10);
    expect(json.plan).toMatchObject({ trees: 30, features: 8 });
    expect(json.trees).toHaveLength(30);
    const planned = rowsWithin(DEFAULT_WORK_BUDGET, shape(8, DEFAULT_RANDOM_FOREST_PARAMS.max_depth), 30);
    expect(json.plan!.rows).toBe(planned);
    expect(json.plan!.work_units).toBeLessThanOrEqual(DEFAULT_WORK_BUDGET);
    expect(Math.abs(json.rows_used - planned)).toBeLessThanOrEqual(10);
    expect(new Set(json.trees.flatMap((t) => t.feature.filter((f) => f >= 0))).size).toBeGreaterThan(8);
    expect(accuracy(model)).toBeGreaterThan(0.3);
  });

  it('is deterministic for a seed (same rows, same trees) and differs with the seed', () => {
    const small = { ...DEFAULT_RANDOM_FOREST_PARAMS, n_estimators: 8, work_budget: 2e7 };
    const a = fitTimed(randomForestCandidate as unknown as AnyCandidate, small, 5).json;
    const b = fitTimed(randomForestCandidate as unknown as AnyCandidate, small, 5).json;
    const other = fitTimed(randomForestCandidate as unknown as AnyCandidate, small, 6).json;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(other.trees)).not.toBe(JSON.stringify(a.trees));
    const tree = { ...DEFAULT_DECISION_TREE_PARAMS, work_budget: 2e7 };
    const t1 = fitTimed(decisionTreeCandidate as unknown as AnyCandidate, tree, 5).json;
    const t2 = fitTimed(decisionTreeCandidate as unknown as AnyCandidate, tree, 5).json;
    expect(JSON.stringify(t2)).toBe(JSON.stringify(t1));
  });

  it('takes an explicit max_rows over the budget (the engine option max_tree_rows)', () => {
    const { json } = fitTimed(decisionTreeCandidate as unknown as AnyCandidate, { ...DEFAULT_DECISION_TREE_PARAMS, max_rows: 60 });
    expect(json.plan!.rows).toBe(60);
    expect(Math.abs(json.rows_used - 60)).toBeLessThanOrEqual(10);
  });
});
