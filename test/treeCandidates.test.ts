import { describe, expect, it } from 'vitest';
import type { TrainingSet } from '../shared/automl/candidates/candidate.js';
import { labelImpurity, rowsWithin, treeWork, type TreeShape } from '../shared/automl/candidates/trees/cartCost.js';
import { decisionTreeCandidate } from '../shared/automl/candidates/trees/decisionTree.js';
import { randomForestCandidate } from '../shared/automl/candidates/trees/randomForest.js';
import { TreeEnsembleModel, type TreeEnsembleJson } from '../shared/automl/candidates/trees/treeEnsembleModel.js';
import { DEFAULT_WORK_BUDGET, FOREST_ROW_FLOOR, decisionTreePlan, forestPlan } from '../shared/automl/candidates/trees/treePlan.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { InvalidInputError, ModelArtifactError } from '../shared/automl/errors.js';
import { PreparedSplit } from '../shared/automl/evaluation/preparedSplit.js';
import { trainTestSplit } from '../shared/automl/evaluation/splits.js';
import type { BinnedMatrix } from '../shared/automl/matrix.js';
import { prepareDataset } from '../shared/automl/training/prepareDataset.js';
import { wineLikeCsv } from './support/datasets.js';

/** The training and test matrices of a CSV's stratified 80/20 split, binned as the engine bins them. */
function binnedSplit(csv: string): { train: TrainingSet<'binned'>; test: BinnedMatrix } {
  const { schema, frame, y } = prepareDataset(parseCsv(csv), {});
  const split = new PreparedSplit(frame, y, schema.features, trainTestSplit(y, schema.target.task, 0.2, 3));
  const train = { X: split.train('binned'), y: split.yTrain, task: schema.target.task, nClasses: schema.target.classes?.length ?? 0 };
  return { train, test: split.test('binned') };
}

const shape: TreeShape = { task: 'multiclass', nClasses: 10, impurity: 0.9, features: 64, maxDepth: 8 };

describe('the ml-cart cost model', () => {
  it('grows quadratically with the rows and linearly with the features', () => {
    const ratio = treeWork(shape, 2000) / treeWork(shape, 1000);
    expect(ratio).toBeGreaterThan(3.9);
    expect(ratio).toBeLessThan(4);
    expect(treeWork({ ...shape, features: 32 }, 1000)).toBeCloseTo(treeWork(shape, 1000) / 2, 0);
    expect(treeWork(shape, 1000, 30)).toBeCloseTo(30 * treeWork(shape, 1000), 0);
  });

  it('costs more with more classes and purer labels cost less', () => {
    expect(treeWork({ ...shape, nClasses: 2, impurity: 0.5 }, 1000)).toBeLessThan(treeWork(shape, 1000) / 5);
    expect(treeWork({ ...shape, impurity: 0.1 }, 1000)).toBeLessThan(treeWork(shape, 1000));
    expect(labelImpurity([0, 1, 0, 1], 'binary', 2)).toBeCloseTo(0.5, 12);
    expect(labelImpurity([0, 0, 0, 1], 'binary', 2)).toBeCloseTo(0.375, 12);
    expect(labelImpurity([1.5, 2.5], 'regression', 0)).toBe(1);
  });

  it('gives the most rows whose work fits the budget', () => {
    for (const budget of [1e6, 1e8, DEFAULT_WORK_BUDGET, 1e11]) {
      const rows = rowsWithin(budget, shape);
      expect(treeWork(shape, rows)).toBeLessThanOrEqual(budget);
      expect(treeWork(shape, rows + 1)).toBeGreaterThan(budget);
    }
    expect(rowsWithin(1, shape)).toBe(1);
    expect(rowsWithin(DEFAULT_WORK_BUDGET, shape, 30)).toBeLessThan(rowsWithin(DEFAULT_WORK_BUDGET, shape));
  });
});

describe('tree plans', () => {
  const { train } = binnedSplit(wineLikeCsv());
  const impurity = labelImpurity(train.y, train.task, train.nClasses);

  it('caps a decision tree by the budget, or by an explicit max_rows', () => {
    const small = decisionTreePlan(train, { max_depth: 8, max_rows: null, work_budget: 2e6 });
    expect(small.rows).toBe(rowsWithin(2e6, { task: 'multiclass', nClasses: 3, impurity, features: train.X.cols, maxDepth: 8 }));
    expect(small.rows).toBeLessThan(train.y.length);
    expect(small.work_units).toBeLessThanOrEqual(2e6);
    expect(decisionTreePlan(train, { max_depth: 8, max_rows: null, work_budget: DEFAULT_WORK_BUDGET }).rows).toBe(train.y.length);
    expect(decisionTreePlan(train, { max_depth: 8, max_rows: 40, work_budget: 2e6 }).rows).toBe(40);
  });

  it('gives a forest fewer features per tree, never below ⌈√d⌉, before it gives it fewer rows', () => {
    const params = { n_estimators: 30, max_depth: 10, max_features: 0.7, max_rows: null, work_budget: DEFAULT_WORK_BUDGET };
    const roomy = forestPlan(train, params);
    expect(roomy).toMatchObject({ rows: train.y.length, trees: 30, features: Math.round(0.7 * train.X.cols) });
    const tight = forestPlan(train, { ...params, work_budget: 3e6 });
    expect(tight.trees).toBe(30);
    expect(tight.features).toBe(Math.ceil(Math.sqrt(train.X.cols)));
    expect(tight.rows).toBeLessThan(Math.min(train.y.length, FOREST_ROW_FLOOR));
    expect(tight.work_units).toBeLessThanOrEqual(3e6);
    expect(forestPlan(train, { ...params, max_rows: 50, work_budget: 3e6 })).toMatchObject({ rows: 50, features: roomy.features });
  });
});

describe('tree model artifacts are checked structurally', () => {
  const { train, test } = binnedSplit(wineLikeCsv());
  const fitted = decisionTreeCandidate.fit(train, { max_depth: 4, min_samples: 5, max_rows: null, work_budget: DEFAULT_WORK_BUDGET }, { seed: 1 });
  const json = fitted.toJSON() as TreeEnsembleJson;
  const mutated = (change: (tree: TreeEnsembleJson['trees'][0], j: TreeEnsembleJson) => unknown): Record<string, unknown> => {
    const copy = structuredClone(json);
    change(copy.trees[0], copy);
    return copy;
  };
  const split = json.trees[0].feature.findIndex((f) => f >= 0);
  const leaf = json.trees[0].feature.findIndex((f) => f === -1);
  const inner = json.trees[0].feature.findIndex((f, i) => i > 0 && f >= 0);
  type Tree = TreeEnsembleJson['trees'][0];

  it('records the rows used, the feature count and the plan, and reloads to the same predictions', () => {
    expect(json).toMatchObject({ rows_used: train.y.length, n_features: train.X.cols, plan: { rows: train.y.length, trees: 1 } });
    expect(split).toBe(0);
    const reloaded = decisionTreeCandidate.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(Array.from(reloaded.predict(test))).toEqual(Array.from(fitted.predict(test)));
  });

  it('loads an artifact written before n_features and plan, predicting the same', () => {
    const { n_features: _n, plan: _p, ...old } = structuredClone(json);
    expect(Array.from(TreeEnsembleModel.fromJSON(old).predict(test))).toEqual(Array.from(fitted.predict(test)));
  });

  it('refuses a child that points back at its own node, at load, without looping', () => {
    const bad = mutated((t) => (t.left[0] = 0));
    expect(() => TreeEnsembleModel.fromJSON(bad)).toThrow(ModelArtifactError);
    expect(() => decisionTreeCandidate.fromJSON(bad)).toThrow(/tree 0: node 0 has invalid children 0, /);
  });

  it.each([
    ['a child pointing back at an ancestor', (t: Tree) => (t.right[inner] = 0), new RegExp(`node ${inner} has invalid children`)],
    ['a child out of range', (t: Tree) => (t.right[0] = t.feature.length), /invalid children/],
    ['both children the same node', (t: Tree) => (t.right[0] = t.left[0]), /invalid children/],
    ['a leaf with children', (t: Tree) => (t.left[leaf] = 1), /leaf \d+ has children/],
    ['a feature beyond the matrix', (t: Tree, j: TreeEnsembleJson) => (t.feature[0] = j.n_features!), /node 0 splits on feature 13 of 13/],
    ['a feature below −1', (t: Tree) => (t.feature[0] = -2), /node 0 splits on feature -2/],
    ['a non-finite threshold', (t: Tree) => (t.threshold[0] = Number.NaN), /threshold/],
    ['node arrays of different lengths', (t: Tree) => t.right.pop(), /differ in length/],
    ['leaf values missing', (t: Tree) => t.values.pop(), /leaf values for/],
    ['a class proportion above 1', (t: Tree) => (t.values[leaf * t.width] = 2), /leaf \d+ has value 2/],
    ['a leaf width that is not the class count', (t: Tree) => (t.width = 2), /leaf width 2, expected 3/],
  ] as [string, (t: Tree, j: TreeEnsembleJson) => unknown, RegExp][])('refuses %s', (_name, change, message) => {
    expect(() => TreeEnsembleModel.fromJSON(mutated(change))).toThrow(ModelArtifactError);
    expect(() => TreeEnsembleModel.fromJSON(mutated(change))).toThrow(message);
  });

  it('refuses a class count that does not fit the task, and a matrix of other width at predict', () => {
    expect(() => TreeEnsembleModel.fromJSON(mutated((_t, j) => (j.n_classes = 0)))).toThrow(/multiclass model with n_classes 0/);
    expect(() => TreeEnsembleModel.fromJSON(mutated((_t, j) => (j.task = 'regression')))).toThrow(/regression model with n_classes 3/);
    const narrow = { ...test, cols: 5, codes: test.codes.slice(0, 5), nBins: test.nBins.slice(0, 5) };
    expect(() => fitted.predict(narrow)).toThrow(InvalidInputError);
  });

  it('checks every tree of a forest, and the forest reloads to the same predictions', () => {
    const params = { n_estimators: 5, max_depth: 5, min_samples: 3, max_features: 0.7, max_rows: null, work_budget: DEFAULT_WORK_BUDGET };
    const forest = randomForestCandidate.fit(train, params, { seed: 2 });
    const forestJson = forest.toJSON() as TreeEnsembleJson;
    expect(forestJson.trees).toHaveLength(5);
    expect(Array.from(randomForestCandidate.fromJSON(structuredClone(forestJson)).predict(test))).toEqual(Array.from(forest.predict(test)));
    const bad = structuredClone(forestJson);
    const last = bad.trees[4];
    last.left[0] = 0;
    expect(() => randomForestCandidate.fromJSON(bad)).toThrow(/tree 4: node 0 has invalid children/);
  });
});
