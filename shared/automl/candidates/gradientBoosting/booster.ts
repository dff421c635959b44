import { takeBinnedRows, takeValues, type BinnedMatrix } from '../../matrix.js';
import type { Task } from '../../task.js';
import { createRandom } from '../../util/random.js';
import { addTreeToScores } from './decision.js';
import { TreeGrower } from './grower.js';
import { histogramLayout } from './histogram.js';
import { holdOut } from './holdout.js';
import { lossFor } from './loss.js';
import { EARLY_STOPPING_MIN_ROWS, type GradientBoostingParams } from './params.js';
import type { Tree } from './tree.js';
import { checkTrainingInput } from './trainingInput.js';

export { checkTrainingInput } from './trainingInput.js';

/** The outcome of boosting: `nIterations × K` trees (class-major within an iteration). */
export interface BoostingResult {
  readonly trees: Tree[];
  readonly baseScores: Float64Array;
  readonly nIterations: number;
  /** Validation loss after each iteration run (empty without early stopping). */
  readonly validationLosses: number[];
}

/** A tree with one leaf of value 0: the placeholder for a class whose tree could not split. */
function emptyTree(): Tree {
  return {
    feature: Int32Array.of(-1),
    threshold: Int32Array.of(0),
    left: Int32Array.of(-1),
    right: Int32Array.of(-1),
    value: Float64Array.of(0),
  };
}

/** Class c's part of a class-major array with n rows per class. */
function classSlice(values: Float64Array, c: number, n: number, k: number): Float64Array {
  return k === 1 ? values : values.subarray(c * n, (c + 1) * n);
}

/** Whether a fit on `rows` rows early-stops under `params` (see GradientBoostingParams). */
export function usesEarlyStopping(params: GradientBoostingParams, rows: number): boolean {
  if (rows < 2) return false;
  return params.earlyStopping === 'auto' ? rows >= EARLY_STOPPING_MIN_ROWS : params.earlyStopping;
}

/**
 * Gradient boosting on binned features: per iteration, gradients of the loss at the current
 * scores, then one leaf-wise tree per score column. Deterministic for (X, y, params, seed): the
 * seed only drives the early-stopping holdout.
 */
export function boost(
  X: BinnedMatrix,
  y: Float64Array,
  task: Task,
  nClasses: number,
  params: GradientBoostingParams,
  seed: number,
): BoostingResult {
  checkTrainingInput(X, y, task, nClasses);
  const loss = lossFor(task, nClasses);
  const k = loss.nScores;

  let trainX = X;
  let trainY = y;
  let validX: BinnedMatrix | null = null;
  let validY: Float64Array | null = null;
  if (usesEarlyStopping(params, X.rows)) {
    const split = holdOut(y, task, nClasses, params.validationFraction, createRandom(seed));
    if (split.train.length > 0 && split.valid.length > 0) {
      trainX = takeBinnedRows(X, split.train);
      trainY = takeValues(y, split.train);
      validX = takeBinnedRows(X, split.valid);
      validY = takeValues(y, split.valid);
    }
  }

  const n = trainX.rows;
  const baseScores = loss.initialScores(trainY);
  const state = loss.createState(baseScores, n);
  const nValid = validX ? validX.rows : 0;
  const validScores = new Float64Array(k * nValid);
  for (let c = 0; c < k; c++) validScores.fill(baseScores[c], c * nValid, (c + 1) * nValid);

  const layout = histogramLayout(trainX.nBins, trainX.missingBin, trainX.categorical);
  const grower = new TreeGrower(trainX.codes, n, layout, {
    maxLeaves: params.maxLeaves,
    maxDepth: params.maxDepth,
    minSamplesLeaf: params.minSamplesLeaf,
    minHessianLeaf: params.minHessianLeaf,
    l2Regularization: params.l2Regularization,
    learningRate: params.learningRate,
    maxCatToOnehot: params.maxCatToOnehot,
    catSmooth: params.catSmooth,
    catL2: params.catL2,
    minDataPerGroup: params.minDataPerGroup,
    maxCatThreshold: params.maxCatThreshold,
  }, X.missingBin, k);
  const { grad, hess } = grower.gradients;

  const trees: Tree[] = [];
  const validationLosses: number[] = [];
  let bestLoss = validX && validY ? loss.meanLoss(validScores, validY) : Infinity;
  let bestIterations = 0;
  let iterations = 0;
  for (let iter = 0; iter < params.maxIterations; iter++) {
    state.gradients(trainY, grad, hess);
    let anySplit = false;
    const iterationTrees: Tree[] = [];
    for (let c = 0; c < k; c++) {
      const tree = grower.grow(classSlice(grad, c, n, k), classSlice(hess, c, n, k));
      if (tree === null) {
        iterationTrees.push(emptyTree());
        continue;
      }
      anySplit = true;
      iterationTrees.push(tree);
      grower.addToScores(state, c);
      if (validX) addTreeToScores(tree, validX.codes, nValid, classSlice(validScores, c, nValid, k), X.missingBin);
    }
    if (!anySplit) break;
    for (const tree of iterationTrees) trees.push(tree);
    iterations = iter + 1;
    if (validX && validY) {
      const current = loss.meanLoss(validScores, validY);
      validationLosses.push(current);
      if (current < bestLoss - params.tolerance) {
        bestLoss = current;
        bestIterations = iterations;
      } else if (iterations - bestIterations >= params.patience) {
        break;
      }
    }
  }
  if (validX) {
    trees.length = bestIterations * k;
    iterations = bestIterations;
  }
  return { trees, baseScores, nIterations: iterations, validationLosses };
}
