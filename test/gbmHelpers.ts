/**
 * Shared helpers of the gbm*.test.ts files: seeded binned data with missing bins and categorical
 * features, metrics, and a reference tree walk written from the node conventions of tree.ts
 * (independent of the engine's prediction paths, which the tests compare against it).
 */
import { fitGradientBoosting, type GradientBoostingModel } from '../shared/automl/candidates/gradientBoosting/index.js';
import type { BinnedMatrix } from '../shared/automl/matrix.js';
import type { Task } from '../shared/automl/task.js';
import { createRandom, type Random } from '../shared/automl/util/random.js';

export interface Dataset {
  X: BinnedMatrix;
  y: Float64Array;
  task: Task;
  nClasses: number;
}

export type TreeJson = {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  defaultLeft?: number[];
  catBoundaries?: number[];
  catCodes?: number[];
};

/** A column of uniform codes in [0, nBins). */
export function uniformColumn(rows: number, nBins: number, random: Random): Uint8Array {
  const column = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) column[i] = Math.floor(random() * nBins);
  return column;
}

/** 1 with probability p. */
export function bernoulli(p: number, random: Random): number {
  return random() < p ? 1 : 0;
}

export function fit(data: Dataset, params: Record<string, unknown> = {}, seed = 7): GradientBoostingModel {
  return fitGradientBoosting({ X: data.X, y: data.y, task: data.task, nClasses: data.nClasses }, params, { seed });
}

/** The same data without the missing-bin / categorical annotations (all codes ordered). */
export function asOrdered(data: Dataset): Dataset {
  const { missingBin: _m, categorical: _c, ...X } = data.X;
  return { ...data, X };
}

export function rocAuc(y: Float64Array, p: Float64Array): number {
  const order = Array.from(p.keys()).sort((a, b) => p[a] - p[b]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]] === p[order[i]]) j++;
    for (let t = i; t <= j; t++) {
      if (y[order[t]] === 1) {
        rankSum += (i + j) / 2 + 1;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = y.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function logLoss(y: Float64Array, p: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum -= y[i] === 1 ? Math.log(p[i]) : Math.log(1 - p[i]);
  return sum / y.length;
}

/** Whether node n of a JSON tree sends `code` left, per tree.ts. */
export function refGoesLeft(tree: TreeJson, n: number, code: number, missingBin: number[] | undefined): boolean {
  const b = tree.catBoundaries;
  if (b && b[n + 1] > b[n]) return (tree.catCodes as number[]).slice(b[n], b[n + 1]).includes(code);
  if (code <= tree.threshold[n]) return true;
  return tree.defaultLeft?.[n] === 1 && missingBin !== undefined && code === missingBin[tree.feature[n]];
}

/** Leaf node reached by row `row` of X. */
export function refLeaf(tree: TreeJson, X: BinnedMatrix, row: number, missingBin: number[] | undefined): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = refGoesLeft(tree, node, X.codes[tree.feature[node]][row], missingBin) ? tree.left[node] : tree.right[node];
  }
  return node;
}

/** Binary predictions of a model's JSON by the reference walk: sigmoid(base + Σ leaf values). */
export function refPredictBinary(json: Record<string, unknown>, X: BinnedMatrix): Float64Array {
  const trees = json.trees as TreeJson[];
  const missingBin = json.missingBin as number[] | undefined;
  const base = (json.baseScores as number[])[0];
  const out = new Float64Array(X.rows);
  for (let r = 0; r < X.rows; r++) {
    let s = base;
    for (const tree of trees) s += tree.value[refLeaf(tree, X, r, missingBin)];
    out[r] = 1 / (1 + Math.exp(-s));
  }
  return out;
}

/** One row's codes, copied out of a column-major matrix. */
export function rowCodes(X: BinnedMatrix, row: number, into: Uint8Array): Uint8Array {
  for (let f = 0; f < X.cols; f++) into[f] = X.codes[f][row];
  return into;
}

/** All predictRow outputs of a model over X, row-major. */
export function predictRows(model: GradientBoostingModel, X: BinnedMatrix): Float64Array {
  const k = model.outputs;
  const all = new Float64Array(X.rows * k);
  const codes = new Uint8Array(X.cols);
  const out = new Float64Array(k);
  for (let r = 0; r < X.rows; r++) {
    model.predictRow(rowCodes(X, r, codes), out);
    all.set(out, r * k);
  }
  return all;
}

/**
 * Binary data whose feature 0 has 32 ordered bins plus a missing bin (code 32, 25% of rows).
 * Missing rows behave like LOW values (codes ≤ 7): positive with probability 0.9 when the
 * "low-or-missing" side agrees with `x1 < 8` (an XOR when `interaction`), else 0.1. Feature 2 is noise.
 */
export function missingData(rows: number, seed: number, interaction: boolean): Dataset {
  const random = createRandom(seed);
  const x0 = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) x0[i] = random() < 0.25 ? 32 : Math.floor(random() * 32);
  const x1 = uniformColumn(rows, 16, random);
  const x2 = uniformColumn(rows, 8, random);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const lowOrMissing = x0[i] <= 7 || x0[i] === 32;
    const positive = interaction ? lowOrMissing !== x1[i] < 8 : lowOrMissing;
    y[i] = bernoulli(positive ? 0.9 : 0.1, random);
  }
  const X: BinnedMatrix = { rows, cols: 3, codes: [x0, x1, x2], nBins: [33, 16, 8], missingBin: [32, -1, -1] };
  return { X, y, task: 'binary', nClasses: 2 };
}

/**
 * Binary data with a 40-category feature 0 whose effect is not monotone in code order (a seeded
 * shuffle picks the 20 "high" categories), a 3-category feature 1 where only the middle code 1
 * matters, and an ordered noise feature 2. `highCategories` lists the high codes of feature 0.
 */
export function categoricalData(rows: number, seed: number): Dataset & { highCategories: number[] } {
  const shuffle = createRandom(1234);
  const codes = Array.from({ length: 40 }, (_, c) => c);
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [codes[i], codes[j]] = [codes[j], codes[i]];
  }
  const highCategories = codes.slice(0, 20).sort((a, b) => a - b);
  const high = new Set(highCategories);
  const random = createRandom(seed);
  const x0 = uniformColumn(rows, 40, random);
  const x1 = uniformColumn(rows, 3, random);
  const x2 = uniformColumn(rows, 16, random);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const score = (high.has(x0[i]) ? 2 : -2) + (x1[i] === 1 ? 1.5 : -0.5);
    y[i] = bernoulli(1 / (1 + Math.exp(-score)), random);
  }
  const X: BinnedMatrix = {
    rows, cols: 3, codes: [x0, x1, x2], nBins: [40, 3, 16], categorical: [true, true, false],
  };
  return { X, y, task: 'binary', nClasses: 2, highCategories };
}
