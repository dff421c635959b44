import { describe, expect, it } from 'vitest';
import { addTreeToScores } from '../shared/automl/candidates/gradientBoosting/decision.js';
import { treeFromJson } from '../shared/automl/candidates/gradientBoosting/treeCheck.js';
import { InvalidInputError } from '../shared/automl/errors.js';
import type { BinnedMatrix } from '../shared/automl/matrix.js';
import { createRandom } from '../shared/automl/util/random.js';
import {
  asOrdered, fit, logLoss, missingData, predictRows, refLeaf, refPredictBinary, rocAuc, uniformColumn,
  type Dataset, type TreeJson,
} from './gbmHelpers.js';

const stump = { maxIterations: 1, maxLeaves: 2, learningRate: 1, earlyStopping: false as const };

/** Present codes mirrored (c → 31 − c): missing rows now behave like HIGH values. */
function mirrored(data: Dataset): Dataset {
  const x0 = data.X.codes[0].map((c) => (c === 32 ? 32 : 31 - c));
  return { ...data, X: { ...data.X, codes: [x0, ...data.X.codes.slice(1)] } };
}

/** Regression on a feature with a missing bin (missing like the middle codes) and one without. */
function missingRegression(rows: number, seed: number): Dataset {
  const random = createRandom(seed);
  const x0 = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) x0[i] = random() < 0.2 ? 20 : Math.floor(random() * 20);
  const x1 = uniformColumn(rows, 64, random);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = x0[i] === 20 ? 2 : Math.abs(x0[i] - 10) / 3;
    y[i] = a + Math.sin(x1[i] / 9) + 0.3 * (random() - 0.5);
  }
  return { X: { rows, cols: 2, codes: [x0, x1], nBins: [21, 64], missingBin: [20, -1] }, y, task: 'regression', nClasses: 0 };
}

describe('missing-value direction (LightGBM missing_type NaN)', () => {
  it('a stump sends missing with the low values when they share the class, which ordered bins cannot', () => {
    const train = missingData(4000, 1, false);
    const test = missingData(4000, 2, false);
    const json = fit(train, stump).toJSON();
    const tree = (json.trees as TreeJson[])[0];
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(7);
    expect(tree.defaultLeft?.[0]).toBe(1);
    expect(json.missingBin).toEqual([32, -1, -1]);
    const aware = rocAuc(test.y, fit(train, stump).predict(test.X));
    const ordered = rocAuc(test.y, fit(asOrdered(train), stump).predict(asOrdered(test).X));
    expect(aware).toBeGreaterThan(0.88);
    expect(aware - ordered).toBeGreaterThan(0.1);
  });

  it('sends missing right when it behaves like the high values', () => {
    const train = mirrored(missingData(4000, 3, false));
    const tree = (fit(train, stump).toJSON().trees as TreeJson[])[0];
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(23); // codes ≥ 24 (the mirrored 0..7) and missing go right
    expect(tree.defaultLeft?.[0] ?? 0).toBe(0);
  });

  it('boosted with an interaction: missing goes left in the first tree and the loss is clearly lower', () => {
    const train = missingData(4000, 3, true);
    const test = missingData(4000, 4, true);
    const params = { maxIterations: 10, maxLeaves: 4, earlyStopping: false };
    const aware = fit(train, params);
    const ordered = fit(asOrdered(train), params);
    const first = (aware.toJSON().trees as TreeJson[])[0];
    const onX0 = first.feature.flatMap((f, n) => (f === 0 ? [n] : []));
    expect(onX0.length).toBeGreaterThan(0);
    for (const n of onX0) {
      expect(first.threshold[n]).toBe(7);
      expect(first.defaultLeft?.[n]).toBe(1);
    }
    const trainAware = logLoss(train.y, aware.predict(train.X));
    const trainOrdered = logLoss(train.y, ordered.predict(asOrdered(train).X));
    expect(trainOrdered - trainAware).toBeGreaterThan(0.05);
    expect(logLoss(test.y, aware.predict(test.X))).toBeLessThan(logLoss(test.y, ordered.predict(asOrdered(test).X)) - 0.05);
  });

  it('a leaf without missing rows sends missing left, as LightGBM (its reverse scan wins the tie)', () => {
    const data = missingData(3000, 5, false);
    // Declare the missing bin but move every missing row to code 0.
    const x0 = data.X.codes[0].map((c) => (c === 32 ? 0 : c));
    const train: Dataset = { ...data, X: { ...data.X, codes: [x0, ...data.X.codes.slice(1)] } };
    const model = fit(train, { maxIterations: 5, maxLeaves: 6, earlyStopping: false });
    const trees = model.toJSON().trees as TreeJson[];
    let nodes = 0;
    for (const tree of trees) {
      tree.feature.forEach((f, n) => {
        if (f !== 0) return;
        nodes++;
        expect(tree.defaultLeft?.[n]).toBe(1);
      });
    }
    expect(nodes).toBeGreaterThan(0);
    // A missing code therefore predicts like code 0 (left of every threshold).
    const asMissing: BinnedMatrix = { ...train.X, codes: [x0.map(() => 32), ...train.X.codes.slice(1)] };
    const asZero: BinnedMatrix = { ...train.X, codes: [x0.map(() => 0), ...train.X.codes.slice(1)] };
    expect(Array.from(model.predict(asMissing))).toEqual(Array.from(model.predict(asZero)));
  });

  it('partitions rows as the trees route them: leaf values are −lr·G/(H+λ) of the rows the reference walk sends there', () => {
    const data = missingRegression(2000, 6);
    const lambda = 2;
    const json = fit(data, { maxIterations: 1, maxLeaves: 8, earlyStopping: false, l2Regularization: lambda, learningRate: 0.5 }).toJSON();
    const tree = (json.trees as TreeJson[])[0];
    expect(tree.defaultLeft?.some((v) => v === 1)).toBe(true);
    const base = (json.baseScores as number[])[0];
    const sums = new Map<number, { g: number; n: number }>();
    for (let r = 0; r < data.X.rows; r++) {
      const leaf = refLeaf(tree, data.X, r, json.missingBin as number[]);
      const entry = sums.get(leaf) ?? { g: 0, n: 0 };
      entry.g += base - data.y[r];
      entry.n += 1;
      sums.set(leaf, entry);
    }
    expect(sums.size).toBe(8);
    for (const [leaf, { g, n }] of sums) {
      expect(n).toBeGreaterThanOrEqual(20);
      expect(tree.value[leaf]).toBeCloseTo((-g / (n + lambda)) * 0.5, 9);
    }
  });

  it('every prediction path agrees with the reference walk (leaf masks, walked trees, predictRow, validation scoring)', () => {
    const train = missingData(3000, 7, true);
    const test = missingData(1000, 8, true);
    for (const params of [{}, { maxLeaves: 48, minSamplesLeaf: 5, maxIterations: 5, earlyStopping: false }]) {
      const model = fit(train, params);
      const json = model.toJSON();
      const trees = json.trees as TreeJson[];
      expect(trees.some((t) => t.defaultLeft?.includes(1))).toBe(true);
      if ('maxLeaves' in params) expect(trees.every((t) => t.feature.filter((f) => f < 0).length > 32)).toBe(true);
      const ref = refPredictBinary(json, test.X);
      const batch = model.predict(test.X);
      const rows = predictRows(model, test.X);
      for (let r = 0; r < test.X.rows; r++) {
        expect(batch[r]).toBeCloseTo(ref[r], 12);
        expect(rows[r]).toBeCloseTo(ref[r], 12);
      }
    }
    // The early-stopping validation scores (decision.ts) walk the same way.
    const json = fit(train).toJSON();
    const missingBin = json.missingBin as number[];
    const checked = (json.trees as TreeJson[]).slice(0, 5);
    expect(checked.some((t) => t.defaultLeft?.includes(1))).toBe(true);
    for (const tree of checked) {
      const scores = new Float64Array(test.X.rows);
      addTreeToScores(treeFromJson(tree as Parameters<typeof treeFromJson>[0]), test.X.codes, test.X.rows, scores, missingBin);
      for (let r = 0; r < test.X.rows; r++) expect(scores[r]).toBe(tree.value[refLeaf(tree, test.X, r, missingBin)]);
    }
  });

  it('rejects a missingBin that is not the last bin or has the wrong length', () => {
    const data = missingData(500, 9, false);
    const bad = (missingBin: number[]) => () => fit({ ...data, X: { ...data.X, missingBin } });
    expect(bad([31, -1, -1])).toThrow(InvalidInputError);
    expect(bad([32, -1])).toThrow(InvalidInputError);
    expect(bad([32, 15, -1])).not.toThrow();
  });
});
