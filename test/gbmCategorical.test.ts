import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADIENT_BOOSTING_PARAMS } from '../shared/automl/candidates/gradientBoosting/index.js';
import { InvalidInputError } from '../shared/automl/errors.js';
import { createRandom } from '../shared/automl/util/random.js';
import {
  asOrdered, categoricalData, fit, logLoss, predictRows, refLeaf, refPredictBinary, rocAuc, uniformColumn,
  type Dataset, type TreeJson,
} from './gbmHelpers.js';

const stump = { maxIterations: 1, maxLeaves: 2, learningRate: 1, earlyStopping: false as const };

/** Left codes of node n of a JSON tree (empty for threshold nodes). */
function setOf(tree: TreeJson, n: number): number[] {
  const b = tree.catBoundaries;
  return b ? (tree.catCodes as number[]).slice(b[n], b[n + 1]) : [];
}

/** Only feature `f` of a dataset, still categorical. */
function only(data: Dataset, f: number): Dataset {
  const X = data.X;
  return { ...data, X: { rows: X.rows, cols: 1, codes: [X.codes[f]], nBins: [X.nBins[f]], categorical: [true] } };
}

/** Regression on one 40-category feature (effect by category, not monotone in code). */
function categoricalRegression(rows: number, seed: number): Dataset {
  const random = createRandom(seed);
  const x0 = uniformColumn(rows, 40, random);
  const y = Float64Array.from(x0, (c) => ((c * 17) % 40 < 20 ? 3 : -1) + random() - 0.5);
  return { X: { rows, cols: 1, codes: [x0], nBins: [40], categorical: [true] }, y, task: 'regression', nClasses: 0 };
}

describe('categorical splits (LightGBM FindBestThresholdCategorical)', () => {
  it('uses LightGBM defaults for the categorical parameters', () => {
    expect(DEFAULT_GRADIENT_BOOSTING_PARAMS).toMatchObject({
      maxCatToOnehot: 4, catSmooth: 10, catL2: 10, minDataPerGroup: 100, maxCatThreshold: 32,
    });
  });

  it('splits 40 shuffled categories into exactly their two effect groups with one many-vs-many split', () => {
    const train = categoricalData(8000, 1);
    const tree = (fit(only(train, 0), stump).toJSON().trees as TreeJson[])[0];
    expect(tree.feature[0]).toBe(0);
    const left = setOf(tree, 0);
    const low = Array.from({ length: 40 }, (_, c) => c).filter((c) => !train.highCategories.includes(c));
    expect([train.highCategories, low]).toContainEqual(left);
  });

  it('beats the ordered treatment of the same codes clearly (training loss and held-out AUC)', () => {
    const train = categoricalData(8000, 2);
    const test = categoricalData(4000, 3);
    const params = { maxIterations: 10, maxLeaves: 4, earlyStopping: false };
    const cat = fit(train, params);
    const ordered = fit(asOrdered(train), params);
    expect(logLoss(train.y, ordered.predict(asOrdered(train).X)) - logLoss(train.y, cat.predict(train.X))).toBeGreaterThan(0.1);
    const catAuc = rocAuc(test.y, cat.predict(test.X));
    expect(catAuc).toBeGreaterThan(0.85);
    expect(catAuc - rocAuc(test.y, ordered.predict(asOrdered(test).X))).toBeGreaterThan(0.05);
  });

  it('splits a 3-category feature one-vs-rest, isolating the middle code an ordered stump cannot', () => {
    const train = only(categoricalData(6000, 4), 1);
    const test = only(categoricalData(3000, 5), 1);
    const tree = (fit(train, stump).toJSON().trees as TreeJson[])[0];
    expect(setOf(tree, 0)).toEqual([1]);
    const catAuc = rocAuc(test.y, fit(train, stump).predict(test.X));
    const orderedAuc = rocAuc(test.y, fit(asOrdered(train), stump).predict(asOrdered(test).X));
    expect(catAuc - orderedAuc).toBeGreaterThan(0.05);
    // Every split on it in a boosted model is a single category.
    const trees = fit(train, { maxIterations: 10, earlyStopping: false }).toJSON().trees as TreeJson[];
    for (const t of trees) t.feature.forEach((f, n) => f >= 0 && expect(setOf(t, n).length).toBe(1));
  });

  it('caps sets at maxCatThreshold, never lists rare categories or the missing bin, and sends missing right', () => {
    const base = only(categoricalData(8000, 6), 0);
    // Code 40 is the missing bin (10% of rows), code 3 becomes rare (< catSmooth = 10 rows).
    const random = createRandom(6);
    let rare = 0;
    const x0 = base.X.codes[0].map((c) => {
      if (random() < 0.1) return 40;
      if (c === 3 && rare++ >= 5) return 4;
      return c;
    });
    const y = base.y.map((v, i) => (x0[i] === 40 ? 1 : v));
    const data: Dataset = { ...base, y, X: { ...base.X, codes: [x0], nBins: [41], missingBin: [40] } };
    const model = fit(data, { maxCatThreshold: 5, maxIterations: 10, earlyStopping: false });
    const trees = model.toJSON().trees as TreeJson[];
    let sets = 0;
    for (const tree of trees) {
      tree.feature.forEach((f, n) => {
        if (f < 0) return;
        const set = setOf(tree, n);
        sets++;
        expect(set.length).toBeGreaterThan(0);
        expect(set.length).toBeLessThanOrEqual(5);
        expect(set).not.toContain(40);
        expect(set).not.toContain(3);
        expect(tree.defaultLeft?.[n] ?? 0).toBe(0);
      });
    }
    expect(sets).toBeGreaterThan(0);
    const json = model.toJSON();
    const ref = refPredictBinary(json, data.X);
    const batch = model.predict(data.X);
    const rows = predictRows(model, data.X);
    for (let r = 0; r < data.X.rows; r++) {
      expect(batch[r]).toBeCloseTo(ref[r], 12);
      expect(rows[r]).toBeCloseTo(ref[r], 12);
    }
  });

  it('adds cat_l2 to the leaf values after a many-vs-many split, not after one-vs-rest', () => {
    const data = categoricalRegression(3000, 7);
    const lambda = 1;
    const lr = 0.5;
    const check = (params: Record<string, unknown>, extra: number) => {
      const json = fit(data, { ...stump, learningRate: lr, l2Regularization: lambda, ...params }).toJSON();
      const tree = (json.trees as TreeJson[])[0];
      expect(setOf(tree, 0).length).toBeGreaterThan(0);
      const base = (json.baseScores as number[])[0];
      const sums = new Map<number, { g: number; n: number }>();
      for (let r = 0; r < data.X.rows; r++) {
        const leaf = refLeaf(tree, data.X, r, undefined);
        const entry = sums.get(leaf) ?? { g: 0, n: 0 };
        entry.g += base - data.y[r];
        entry.n += 1;
        sums.set(leaf, entry);
      }
      expect(sums.size).toBe(2);
      for (const [leaf, { g, n }] of sums) expect(tree.value[leaf]).toBeCloseTo((-g / (n + lambda + extra)) * lr, 9);
    };
    check({}, 10);
    check({ catL2: 3 }, 3);
    check({ maxCatToOnehot: 40 }, 0);
  });

  it('rejects a categorical array of the wrong length', () => {
    const data = categoricalData(300, 8);
    expect(() => fit({ ...data, X: { ...data.X, categorical: [true] } })).toThrow(InvalidInputError);
  });
});
