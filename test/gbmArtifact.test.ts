import { describe, expect, it } from 'vitest';
import { gradientBoostingCandidate, modelFromJSON } from '../shared/automl/candidates/gradientBoosting/index.js';
import { ModelArtifactError } from '../shared/automl/errors.js';
import type { BinnedMatrix } from '../shared/automl/matrix.js';
import { createRandom } from '../shared/automl/util/random.js';
import { bernoulli, fit, predictRows, refPredictBinary, uniformColumn, type Dataset, type TreeJson } from './gbmHelpers.js';

/**
 * Binary data with everything at once: a numeric feature with a missing bin (missing like low
 * values), a 30-category feature with a missing bin, a 3-category feature and a plain one.
 */
function mixedData(rows: number, seed: number): Dataset {
  const random = createRandom(seed);
  const x0 = Uint8Array.from({ length: rows }, () => (random() < 0.2 ? 24 : Math.floor(random() * 24)));
  const x1 = Uint8Array.from({ length: rows }, () => (random() < 0.1 ? 30 : Math.floor(random() * 30)));
  const x2 = uniformColumn(rows, 3, random);
  const x3 = uniformColumn(rows, 32, random);
  const y = Float64Array.from({ length: rows }, (_, i) => {
    const s = (x0[i] < 6 || x0[i] === 24 ? 1.5 : -1) + ((x1[i] * 7) % 30 < 12 ? 1 : -1) + (x2[i] === 2 ? 1 : 0) + x3[i] / 16 - 1;
    return bernoulli(1 / (1 + Math.exp(-2 * s)), random);
  });
  const X: BinnedMatrix = {
    rows, cols: 4, codes: [x0, x1, x2, x3], nBins: [25, 31, 3, 32],
    missingBin: [24, 30, -1, -1], categorical: [false, true, true, false],
  };
  return { X, y, task: 'binary', nClasses: 2 };
}

const train = mixedData(4000, 1);
const test = mixedData(1500, 2);
const model = fit(train, { maxIterations: 40, earlyStopping: false });
const good = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, any>;

/** Index of the first tree with a categorical node, and that node. */
function firstCategorical(json: Record<string, any>): [number, number] {
  const trees = json.trees as TreeJson[];
  for (let t = 0; t < trees.length; t++) {
    const b = trees[t].catBoundaries;
    if (!b) continue;
    for (let n = 0; n + 1 < b.length; n++) if (b[n + 1] - b[n] >= 2) return [t, n];
  }
  throw new Error('no categorical node with two codes');
}

function firstDefaultLeft(json: Record<string, any>): [number, number] {
  const trees = json.trees as TreeJson[];
  for (let t = 0; t < trees.length; t++) {
    const n = trees[t].defaultLeft?.indexOf(1) ?? -1;
    if (n >= 0) return [t, n];
  }
  throw new Error('no defaultLeft node');
}

describe('artifacts with missing directions and category sets', () => {
  it('round-trips through JSON with identical predictions on every path', () => {
    expect(good.missingBin).toEqual([24, 30, -1, -1]);
    firstCategorical(good);
    firstDefaultLeft(good);
    const walked = fit(train, { maxLeaves: 40, minSamplesLeaf: 5, maxIterations: 4, earlyStopping: false });
    const walkedTrees = walked.toJSON().trees as TreeJson[];
    // > 32 leaves: batch prediction walks these trees through the node left sets.
    expect(walkedTrees.every((tree) => tree.feature.filter((f) => f < 0).length > 32)).toBe(true);
    expect(walkedTrees.some((tree) => tree.defaultLeft?.includes(1))).toBe(true);
    expect(walkedTrees.some((tree) => (tree.catCodes?.length ?? 0) > 0)).toBe(true);
    for (const original of [model, walked]) {
      const restored = gradientBoostingCandidate.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
      expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(original.toJSON()));
      const batch = restored.predict(test.X);
      expect(Array.from(batch)).toEqual(Array.from(original.predict(test.X)));
      expect(Array.from(predictRows(restored, test.X))).toEqual(Array.from(predictRows(original, test.X)));
      const ref = refPredictBinary(original.toJSON(), test.X);
      for (let r = 0; r < test.X.rows; r++) expect(batch[r]).toBeCloseTo(ref[r], 12);
    }
  });

  it('refuses a corrupted category set, defaultLeft flag or missingBin with ModelArtifactError', () => {
    const [t, n] = firstCategorical(good);
    const [dt, dn] = firstDefaultLeft(good);
    const mutate = (change: (json: Record<string, any>) => void): Record<string, unknown> => {
      const copy = structuredClone(good);
      change(copy);
      return copy;
    };
    const at = (j: Record<string, any>) => j.trees[t].catBoundaries[n];
    const leaf = (tree: TreeJson) => tree.feature.indexOf(-1);
    const cases: [string, Record<string, unknown>][] = [
      ['not strictly ascending', mutate((j) => ([j.trees[t].catCodes[at(j)], j.trees[t].catCodes[at(j) + 1]] = [j.trees[t].catCodes[at(j) + 1], j.trees[t].catCodes[at(j)]]))],
      ['not strictly ascending', mutate((j) => (j.trees[t].catCodes[at(j) + 1] = j.trees[t].catCodes[at(j)]))],
      ['holds the missing code', mutate((j) => (j.trees[t].catCodes[j.trees[t].catBoundaries[n + 1] - 1] = 30))],
      ['span', mutate((j) => j.trees[t].catCodes.pop())],
      ['span', mutate((j) => j.trees[t].catBoundaries.pop())],
      ['come together', mutate((j) => delete j.trees[t].catCodes)],
      ['decrease', mutate((j) => (j.trees[t].catBoundaries[1] = j.trees[t].catCodes.length + 1))],
      ['has a category set', mutate((j) => {
        const tree = j.trees[t] as TreeJson;
        const l = leaf(tree);
        (tree.catCodes as number[]).splice((tree.catBoundaries as number[])[l], 0, 0);
        tree.catBoundaries = (tree.catBoundaries as number[]).map((v, i) => (i > l ? v + 1 : v));
      })],
      ['threshold or defaultLeft', mutate((j) => (j.trees[t].threshold[n] = 3))],
      ['catCodes', mutate((j) => (j.trees[t].catCodes[at(j)] = 256))],
      ['defaultLeft', mutate((j) => (j.trees[dt].defaultLeft[dn] = 2))],
      ['defaultLeft differs in length', mutate((j) => j.trees[dt].defaultLeft.pop())],
      ['is defaultLeft', mutate((j) => (j.trees[dt].defaultLeft[leaf(j.trees[dt])] = 1))],
      ['no missing bin', mutate((j) => (j.missingBin = [-1, 30, -1, -1]))],
      ['≥ missing bin', mutate((j) => (j.trees[dt].threshold[dn] = 24))],
      ['missingBin has 3 entries', mutate((j) => (j.missingBin = [24, 30, -1]))],
      ['missingBin', mutate((j) => (j.missingBin = [24, 30, -2, -1]))],
    ];
    for (const [message, json] of cases) {
      expect(() => modelFromJSON(json), message).toThrow(ModelArtifactError);
      expect(() => modelFromJSON(json), message).toThrow(message);
    }
    expect(() => modelFromJSON(good)).not.toThrow();
  });

  it('loads an artifact written before these fields existed unchanged', () => {
    const plain: Dataset = { ...train, X: { rows: train.X.rows, cols: 4, codes: train.X.codes, nBins: train.X.nBins } };
    const current = fit(plain, { maxIterations: 20, earlyStopping: false });
    const json = JSON.parse(JSON.stringify(current.toJSON())) as Record<string, any>;
    expect(json.missingBin).toBeUndefined();
    for (const tree of json.trees) expect(Object.keys(tree).sort()).toEqual(['feature', 'left', 'right', 'threshold', 'value']);
    // The old params had no categorical fields; the loader fills LightGBM's defaults.
    for (const key of ['maxCatToOnehot', 'catSmooth', 'catL2', 'minDataPerGroup', 'maxCatThreshold']) delete json.params[key];
    const old = modelFromJSON(json);
    expect(Array.from(old.predict(test.X))).toEqual(Array.from(current.predict(test.X)));
    expect(old.params).toEqual(current.params);
  });
});
