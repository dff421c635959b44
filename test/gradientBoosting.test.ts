import { describe, it, expect } from 'vitest';
import {
  DEFAULT_GRADIENT_BOOSTING_PARAMS,
  fitGradientBoosting,
  gradientBoostingCandidate,
  GradientBoostingModel,
  modelFromJSON,
  parseGradientBoostingParams,
} from '../shared/automl/candidates/gradientBoosting/index.js';
import {
  buildHistogram,
  histogramLayout,
  histogramLength,
  packCodes,
  subtractHistogram,
} from '../shared/automl/candidates/gradientBoosting/histogram.js';
import { InvalidInputError, InvalidOptionsError, ModelArtifactError } from '../shared/automl/errors.js';
import type { BinnedMatrix } from '../shared/automl/matrix.js';
import type { Task } from '../shared/automl/task.js';
import { createRandom, type Random } from '../shared/automl/util/random.js';

// ---------------------------------------------------------------------------------------------
// Synthetic data: features are uniform bin codes; targets depend on a few of them plus noise.
// ---------------------------------------------------------------------------------------------

const N_BINS = [32, 32, 16, 4, 64, 1];

function randomCodes(rows: number, random: Random): BinnedMatrix {
  const codes = N_BINS.map((nb) => {
    const column = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) column[i] = Math.floor(random() * nb);
    return column;
  });
  return { rows, cols: N_BINS.length, codes, nBins: N_BINS };
}

/** Approximately standard normal noise (sum of uniforms). */
function noise(random: Random): number {
  return random() + random() + random() + random() - 2;
}

interface Dataset {
  X: BinnedMatrix;
  y: Float64Array;
  task: Task;
  nClasses: number;
}

function makeBinary(rows: number, seed: number): Dataset {
  const random = createRandom(seed);
  const X = randomCodes(rows, random);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const signal = X.codes[0][i] / 8 - X.codes[1][i] / 16 + (X.codes[3][i] === 2 ? 1.5 : 0) - 1.2;
    y[i] = signal + 0.6 * noise(random) > 0 ? 1 : 0;
  }
  return { X, y, task: 'binary', nClasses: 2 };
}

function makeRegression(rows: number, seed: number): Dataset {
  const random = createRandom(seed);
  const X = randomCodes(rows, random);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    y[i] = 3 * Math.sin(X.codes[0][i] / 5) + X.codes[2][i] / 4 + X.codes[3][i] + 0.2 * noise(random);
  }
  return { X, y, task: 'regression', nClasses: 0 };
}

function makeMulticlass(rows: number, seed: number): Dataset {
  const random = createRandom(seed);
  const X = randomCodes(rows, random);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = X.codes[0][i] + 2 * noise(random);
    const b = X.codes[1][i] + 2 * noise(random);
    y[i] = a < 12 ? 0 : b < 16 ? 1 : 2;
  }
  return { X, y, task: 'multiclass', nClasses: 3 };
}

function rocAuc(y: Float64Array, p: Float64Array): number {
  const order = Array.from(p.keys()).sort((a, b) => p[a] - p[b]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]] === p[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (y[order[t]] === 1) {
      rankSum += rank;
      positives++;
    }
    i = j + 1;
  }
  const negatives = y.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function rSquared(y: Float64Array, p: Float64Array): number {
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - p[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

function fit(data: Dataset, params: Record<string, unknown> = {}, seed = 7): GradientBoostingModel {
  return fitGradientBoosting({ X: data.X, y: data.y, task: data.task, nClasses: data.nClasses }, params, { seed });
}

/** One row's codes, copied out of a column-major matrix. */
function rowCodes(X: BinnedMatrix, row: number, into: Uint8Array): Uint8Array {
  for (let f = 0; f < X.cols; f++) into[f] = X.codes[f][row];
  return into;
}

/** Leaf index reached by `row` in serialized tree `tree`. */
function leafOf(tree: { feature: number[]; threshold: number[]; left: number[]; right: number[] }, X: BinnedMatrix, row: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = X.codes[tree.feature[node]][row] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return node;
}

type TreeJson = { feature: number[]; threshold: number[]; left: number[]; right: number[]; value: number[] };

const binaryTrain = makeBinary(3000, 1);
const binaryTest = makeBinary(1500, 2);
const binaryModel = fit(binaryTrain);

// ---------------------------------------------------------------------------------------------

describe('gradient boosting candidate', () => {
  it('declares its name, encoding, tasks and valid parameter sets', () => {
    expect(gradientBoostingCandidate.name).toBe('gradient_boosting');
    expect(gradientBoostingCandidate.encoding).toBe('binned');
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      expect(gradientBoostingCandidate.supports(task)).toBe(true);
      const sets = gradientBoostingCandidate.paramSets(task);
      expect(sets.length).toBeGreaterThanOrEqual(1);
      for (const set of sets) expect(parseGradientBoostingParams(set)).toEqual(set);
    }
    expect(DEFAULT_GRADIENT_BOOSTING_PARAMS).toMatchObject({
      learningRate: 0.1,
      minSamplesLeaf: 20,
      minHessianLeaf: 1e-3,
      l2Regularization: 0,
      maxDepth: null,
    });
  });

  it('learns a binary problem (held-out AUC well above chance) and outputs probabilities', () => {
    const p = binaryModel.predict(binaryTest.X);
    expect(p.length).toBe(binaryTest.X.rows);
    for (const v of p) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
    expect(rocAuc(binaryTest.y, p)).toBeGreaterThan(0.9);
  });

  it('learns a regression (held-out R² > 0.9)', () => {
    const model = fit(makeRegression(3000, 3));
    const test = makeRegression(1500, 4);
    expect(rSquared(test.y, model.predict(test.X))).toBeGreaterThan(0.9);
  });

  it('learns a multiclass problem (accuracy far above 1/3; rows of probabilities sum to 1)', () => {
    const model = fit(makeMulticlass(3000, 5));
    const test = makeMulticlass(1500, 6);
    const p = model.predict(test.X);
    expect(p.length).toBe(test.X.rows * 3);
    let correct = 0;
    for (let i = 0; i < test.X.rows; i++) {
      const row = p.subarray(3 * i, 3 * i + 3);
      expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 12);
      const best = row.indexOf(Math.max(...row));
      if (best === test.y[i]) correct++;
    }
    expect(correct / test.X.rows).toBeGreaterThan(0.75);
    expect(model.nTrees).toBe(model.nIterations * 3);
  });

  it('starts from the log-odds of the base rate / the mean / the log priors', () => {
    const stump = { maxIterations: 1, earlyStopping: false as const };
    const rate = binaryTrain.y.reduce((s, v) => s + v, 0) / binaryTrain.y.length;
    expect((fit(binaryTrain, stump).toJSON().baseScores as number[])[0]).toBeCloseTo(Math.log(rate / (1 - rate)), 12);
    const reg = makeRegression(500, 8);
    const mean = reg.y.reduce((s, v) => s + v, 0) / reg.y.length;
    expect((fit(reg, stump).toJSON().baseScores as number[])[0]).toBeCloseTo(mean, 10);
    const multi = makeMulticlass(500, 9);
    const base = fit(multi, stump).toJSON().baseScores as number[];
    for (let c = 0; c < 3; c++) {
      const prior = multi.y.filter((v) => v === c).length / multi.y.length;
      expect(base[c]).toBeCloseTo(Math.log(prior), 12);
    }
  });
});

describe('tree growth', () => {
  it('respects maxLeaves, minSamplesLeaf and maxDepth on the training rows', () => {
    const params = { maxLeaves: 6, minSamplesLeaf: 60, maxDepth: 3, earlyStopping: false as const, maxIterations: 15 };
    const model = fit(binaryTrain, params);
    const trees = model.toJSON().trees as TreeJson[];
    expect(trees.length).toBe(15);
    for (const tree of trees) {
      const leaves = tree.feature.filter((f) => f < 0).length;
      expect(leaves).toBeGreaterThan(1);
      expect(leaves).toBeLessThanOrEqual(6);
      // Depth of every node ≤ 3.
      const depth = new Array<number>(tree.feature.length).fill(0);
      for (let i = 0; i < tree.feature.length; i++) {
        if (tree.feature[i] >= 0) {
          depth[tree.left[i]] = depth[i] + 1;
          depth[tree.right[i]] = depth[i] + 1;
        }
      }
      expect(Math.max(...depth)).toBeLessThanOrEqual(3);
      // Every leaf holds at least minSamplesLeaf training rows (no holdout: early stopping is off).
      const counts = new Map<number, number>();
      for (let r = 0; r < binaryTrain.X.rows; r++) {
        const leaf = leafOf(tree, binaryTrain.X, r);
        counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
      }
      expect(counts.size).toBe(leaves);
      for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(60);
    }
  });

  it('sets a leaf to −lr·G/(H+λ) of its rows (regression: the shrunk mean residual)', () => {
    const reg = makeRegression(800, 10);
    const lambda = 5;
    const model = fit(reg, { maxIterations: 1, earlyStopping: false, l2Regularization: lambda, learningRate: 0.3 });
    const json = model.toJSON();
    const tree = (json.trees as TreeJson[])[0];
    const base = (json.baseScores as number[])[0];
    const sums = new Map<number, { g: number; n: number }>();
    for (let r = 0; r < reg.X.rows; r++) {
      const leaf = leafOf(tree, reg.X, r);
      const entry = sums.get(leaf) ?? { g: 0, n: 0 };
      entry.g += base - reg.y[r]; // gradient of squared error, hessian 1
      entry.n += 1;
      sums.set(leaf, entry);
    }
    for (const [leaf, { g, n }] of sums) expect(tree.value[leaf]).toBeCloseTo((-g / (n + lambda)) * 0.3, 9);
  });

  it('derives a sibling histogram by subtraction exactly as if built from its rows', () => {
    const X = binaryTrain.X;
    const n = X.rows;
    const random = createRandom(11);
    const grad = Float64Array.from({ length: n }, () => random() - 0.5);
    const hess = Float64Array.from({ length: n }, () => random());
    const layout = histogramLayout(X.nBins);
    expect(Array.from(layout.features)).toEqual([0, 1, 2, 3, 4]); // the 1-bin feature cannot split
    const packed = packCodes(layout, X.codes, n);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const leftRows = rows.filter((r) => X.codes[0][r] <= 10);
    const rightRows = rows.filter((r) => X.codes[0][r] > 10);
    const parent = new Float64Array(histogramLength(layout));
    const left = new Float64Array(histogramLength(layout));
    const right = new Float64Array(histogramLength(layout));
    buildHistogram(parent, packed, rows, 0, n, grad, hess);
    buildHistogram(left, packed, leftRows, 0, leftRows.length, grad, hess);
    buildHistogram(right, packed, rightRows, 0, rightRows.length, grad, hess);
    subtractHistogram(parent, left);
    for (let i = 0; i < 3 * layout.totalBins; i++) expect(parent[i]).toBeCloseTo(right[i], 9);
    // Counts per feature add up to the rows of the leaf.
    let count = 0;
    for (let b = 0; b < X.nBins[0]; b++) count += right[3 * b + 2];
    expect(count).toBe(rightRows.length);
  });
});

describe('early stopping', () => {
  it('keeps only the trees up to the best validation iteration', () => {
    // Pure noise: the validation loss stops improving almost at once.
    const random = createRandom(12);
    const X = randomCodes(2000, random);
    const y = Float64Array.from({ length: 2000 }, () => (random() < 0.3 ? 1 : 0));
    const model = fit({ X, y, task: 'binary', nClasses: 2 }, { maxIterations: 200, patience: 5 });
    expect(model.nIterations).toBeLessThan(30);
    expect(model.nTrees).toBe(model.nIterations);
    expect((model.toJSON().trees as unknown[]).length).toBe(model.nIterations);
  });

  it('runs exactly maxIterations without early stopping', () => {
    expect(fit(binaryTrain, { earlyStopping: false, maxIterations: 12 }).nIterations).toBe(12);
  });
});

describe('determinism and serialization', () => {
  it('gives an identical JSON string for the same data and seed', () => {
    const again = fit(binaryTrain);
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(binaryModel.toJSON()));
    const multi = makeMulticlass(1500, 13);
    expect(JSON.stringify(fit(multi, {}, 3).toJSON())).toBe(JSON.stringify(fit(multi, {}, 3).toJSON()));
    // The seed drives the early-stopping holdout, so another seed gives another model.
    expect(JSON.stringify(fit(binaryTrain, {}, 8).toJSON())).not.toBe(JSON.stringify(binaryModel.toJSON()));
  });

  it('serializes to plain JSON with parallel node arrays and the model metadata', () => {
    const json = binaryModel.toJSON();
    expect(json).toMatchObject({ task: 'binary', nClasses: 2, nFeatures: N_BINS.length });
    expect(json.nIterations).toBe(binaryModel.nIterations);
    expect(json.params).toEqual(DEFAULT_GRADIENT_BOOSTING_PARAMS);
    const trees = json.trees as TreeJson[];
    expect(trees.length).toBe(binaryModel.nIterations);
    for (const key of ['feature', 'threshold', 'left', 'right', 'value'] as const) {
      expect(Array.isArray(trees[0][key])).toBe(true);
      expect(trees[0][key].length).toBe(trees[0].feature.length);
    }
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('round-trips through JSON with identical predictions', () => {
    const datasets: [Dataset, Dataset][] = [
      [binaryTrain, binaryTest],
      [makeRegression(1500, 14), makeRegression(300, 15)],
      [makeMulticlass(1500, 16), makeMulticlass(300, 17)],
    ];
    for (const [train, test] of datasets) {
      const model = fit(train);
      const restored = gradientBoostingCandidate.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(Array.from(restored.predict(test.X))).toEqual(Array.from(model.predict(test.X)));
      expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(model.toJSON()));
    }
  });

  it('rejects malformed artifacts with ModelArtifactError', () => {
    const good = JSON.parse(JSON.stringify(binaryModel.toJSON())) as Record<string, unknown>;
    const mutate = (change: (json: Record<string, any>) => void): Record<string, unknown> => {
      const copy = structuredClone(good) as Record<string, any>;
      change(copy);
      return copy;
    };
    const bad: Record<string, unknown>[] = [
      {},
      mutate((j) => delete j.trees),
      mutate((j) => (j.format = 'random_forest')),
      mutate((j) => (j.version = 2)),
      mutate((j) => (j.task = 'ranking')),
      mutate((j) => (j.nClasses = 3)),
      mutate((j) => (j.baseScores = [0, 0])),
      mutate((j) => (j.nIterations = j.nIterations + 1)),
      mutate((j) => (j.params = { ...j.params, learningRate: -1 })),
      mutate((j) => (j.trees[0].value = j.trees[0].value.slice(1))),
      mutate((j) => (j.trees[0].feature[0] = N_BINS.length)),
      mutate((j) => (j.trees[0].left[0] = 0)), // a cycle
      mutate((j) => (j.trees[0].right[0] = 10_000)),
      mutate((j) => (j.trees[0].threshold[0] = 1.5)),
      mutate((j) => (j.trees[0].value[0] = 'x')),
      mutate((j) => (j.extra = true)),
    ];
    for (const json of bad) expect(() => modelFromJSON(json)).toThrow(ModelArtifactError);
    expect(() => modelFromJSON(good)).not.toThrow();
  });
});

describe('prediction paths', () => {
  it('predictRow equals predict for every task, also for trees walked instead of masked', () => {
    const cases: [Dataset, Record<string, unknown>][] = [
      [binaryTest, {}],
      [makeRegression(1000, 18), {}],
      [makeMulticlass(1000, 19), {}],
      // > 32 leaves: batch prediction walks these trees instead of using leaf masks.
      [makeRegression(3000, 20), { maxLeaves: 48, minSamplesLeaf: 5, maxIterations: 5, earlyStopping: false }],
    ];
    for (const [data, params] of cases) {
      const model = data === binaryTest ? binaryModel : fit(data, params);
      const batch = model.predict(data.X);
      const k = model.outputs;
      const codes = new Uint8Array(data.X.cols);
      const out = new Float64Array(k);
      for (let r = 0; r < data.X.rows; r++) {
        model.predictRow(rowCodes(data.X, r, codes), out);
        for (let c = 0; c < k; c++) expect(out[c]).toBeCloseTo(batch[r * k + c], 12);
      }
    }
  });

  it('treats codes above every threshold like the largest one and checks the matrix shape', () => {
    const X = binaryTest.X;
    const clamped: BinnedMatrix = { ...X, codes: X.codes.map((c) => c.map((v) => (v === 63 ? 255 : v))) };
    const expected = binaryModel.predict({ ...X, codes: X.codes.map((c) => c.map((v) => (v === 63 ? 63 : v))) });
    expect(Array.from(binaryModel.predict(clamped))).toEqual(Array.from(expected));
    expect(() => binaryModel.predict({ ...X, cols: 3, codes: X.codes.slice(0, 3) })).toThrow(InvalidInputError);
  });
});

describe('input validation', () => {
  it('rejects inconsistent training data and bad params', () => {
    const { X, y } = binaryTrain;
    const train = (over: Partial<Dataset>) => () => fit({ ...binaryTrain, ...over });
    expect(train({ y: y.subarray(1) })).toThrow(InvalidInputError);
    expect(train({ y: y.map((v) => v * 2) })).toThrow(InvalidInputError);
    expect(train({ X: { ...X, nBins: X.nBins.map(() => 2) } })).toThrow(InvalidInputError);
    expect(train({ task: 'multiclass', nClasses: 1 })).toThrow(InvalidInputError);
    expect(train({ task: 'regression', y: y.map((v) => (v ? NaN : 0)) })).toThrow(InvalidInputError);
    expect(() => fit(binaryTrain, { learningRate: 0 })).toThrow(InvalidOptionsError);
    expect(() => fit(binaryTrain, { maxLeaves: 1 })).toThrow(InvalidOptionsError);
    expect(() => fit(binaryTrain, { unknown: 1 })).toThrow(InvalidOptionsError);
  });
});
