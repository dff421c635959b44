import type { Task } from '../../task.js';
import { binaryState } from './binaryScores.js';

/**
 * Loss functions of the booster, on raw scores.
 *
 * Conventions: `K` score columns (1 for binary and regression, `nClasses` for multiclass). Training
 * scores, gradients and hessians are class-major: entry `k * n + i` is class k of row i, so the
 * slice of one class is contiguous. Targets are 0/1 (binary), class index (multiclass), value
 * (regression).
 *
 * - binary: log-loss on the log-odds; p = sigmoid(s), g = p − y, h = p(1 − p).
 * - multiclass: softmax cross-entropy; g = p_k − [y = k], h = K/(K−1) · p_k(1 − p_k) (LightGBM's
 *   scaling of the diagonal hessian).
 * - regression: squared error / 2; g = s − y, h = 1.
 *
 * During training the scores live in a {@link ScoreState}, which a loss may extend with a per-row
 * cache kept in step with them (binary caches e^(−s), so gradients need no exp per row).
 */
export interface Loss {
  readonly task: Task;
  /** Number of score columns K. */
  readonly nScores: number;
  /** Initial raw scores (length K): log-odds of the base rate, log priors, or the mean. */
  initialScores(y: Float64Array): Float64Array;
  /** Fills `grad` and `hess` (class-major, length K·n) from `scores` (class-major, length K·n). */
  gradients(scores: Float64Array, y: Float64Array, grad: Float64Array, hess: Float64Array): void;
  /** Training scores for `n` rows starting at `baseScores`. */
  createState(baseScores: Float64Array, n: number): ScoreState;
  /** Mean loss of class-major `scores` against `y` (the early-stopping criterion). */
  meanLoss(scores: Float64Array, y: Float64Array): number;
}

/** Class-major training scores plus whatever the loss caches alongside them. */
export interface ScoreState {
  readonly scores: Float64Array;
  /**
   * Adds `values[leafOf[r]]` to the class-`c` score of every row r (the leaf values of a tree, by
   * the leaf each row fell in): one sequential pass over the rows.
   */
  addLeafValues(c: number, leafOf: Uint16Array, values: Float64Array): void;
  /** Fills `grad` and `hess` (class-major) for targets `y`. */
  gradients(y: Float64Array, grad: Float64Array, hess: Float64Array): void;
}

/** Scores with no cache: gradients come straight from the loss. */
function plainState(loss: Loss, baseScores: Float64Array, n: number): ScoreState {
  const scores = new Float64Array(baseScores.length * n);
  for (let c = 0; c < baseScores.length; c++) scores.fill(baseScores[c], c * n, (c + 1) * n);
  return {
    scores,
    addLeafValues(c, leafOf, values) {
      const offset = c * n;
      for (let r = 0; r < n; r++) scores[offset + r] += values[leafOf[r]];
    },
    gradients(y, grad, hess) {
      loss.gradients(scores, y, grad, hess);
    },
  };
}

/** Probabilities are clamped to [EPS, 1 − EPS] when turned into initial log-odds / log priors. */
const EPS = 1e-15;

/** Numerically stable logistic function. */
export function sigmoid(s: number): number {
  if (s >= 0) return 1 / (1 + Math.exp(-s));
  const e = Math.exp(s);
  return e / (1 + e);
}

/** In-place softmax of `values[offset .. offset + k)`. */
export function softmaxInPlace(values: Float64Array, offset: number, k: number): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (values[offset + c] > max) max = values[offset + c];
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(values[offset + c] - max);
    values[offset + c] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let c = 0; c < k; c++) values[offset + c] *= inv;
}

/** log(1 + e^s), stable for large |s|. */
function softplus(s: number): number {
  return s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
}

const binaryLoss: Loss = {
  task: 'binary',
  nScores: 1,
  createState: binaryState,
  initialScores(y) {
    let positives = 0;
    for (let i = 0; i < y.length; i++) positives += y[i];
    const p = Math.min(1 - EPS, Math.max(EPS, positives / Math.max(1, y.length)));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(scores, y, grad, hess) {
    const n = y.length;
    for (let i = 0; i < n; i++) {
      // exp may overflow to Infinity for very negative scores: p = 0, still correct.
      const p = 1 / (1 + Math.exp(-scores[i]));
      grad[i] = p - y[i];
      hess[i] = p * (1 - p);
    }
  },
  meanLoss(scores, y) {
    const n = y.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += softplus(scores[i]) - y[i] * scores[i];
    return total / n;
  },
};

function multiclassLoss(k: number): Loss {
  const factor = k / (k - 1);
  const loss: Loss = {
    task: 'multiclass',
    nScores: k,
    createState: (baseScores, n) => plainState(loss, baseScores, n),
    initialScores(y) {
      const counts = new Float64Array(k);
      for (let i = 0; i < y.length; i++) counts[y[i]]++;
      const out = new Float64Array(k);
      for (let c = 0; c < k; c++) out[c] = Math.log(Math.max(EPS, counts[c] / Math.max(1, y.length)));
      return out;
    },
    gradients(scores, y, grad, hess) {
      const n = y.length;
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let c = 0; c < k; c++) if (scores[c * n + i] > max) max = scores[c * n + i];
        let sum = 0;
        for (let c = 0; c < k; c++) {
          const e = Math.exp(scores[c * n + i] - max);
          grad[c * n + i] = e; // temporarily the unnormalized probability
          sum += e;
        }
        const inv = 1 / sum;
        const label = y[i];
        for (let c = 0; c < k; c++) {
          const p = grad[c * n + i] * inv;
          grad[c * n + i] = c === label ? p - 1 : p;
          hess[c * n + i] = factor * p * (1 - p);
        }
      }
    },
    meanLoss(scores, y) {
      const n = y.length;
      let total = 0;
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let c = 0; c < k; c++) if (scores[c * n + i] > max) max = scores[c * n + i];
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(scores[c * n + i] - max);
        total += max + Math.log(sum) - scores[y[i] * n + i];
      }
      return total / n;
    },
  };
  return loss;
}

const regressionLoss: Loss = {
  task: 'regression',
  nScores: 1,
  createState: (baseScores, n) => plainState(regressionLoss, baseScores, n),
  initialScores(y) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i];
    return Float64Array.of(y.length > 0 ? sum / y.length : 0);
  },
  gradients(scores, y, grad, hess) {
    const n = y.length;
    for (let i = 0; i < n; i++) {
      grad[i] = scores[i] - y[i];
      hess[i] = 1;
    }
  },
  meanLoss(scores, y) {
    const n = y.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = scores[i] - y[i];
      total += d * d;
    }
    return total / n;
  },
};

/** The loss of a task; `nClasses` matters for multiclass only. */
export function lossFor(task: Task, nClasses: number): Loss {
  if (task === 'binary') return binaryLoss;
  if (task === 'multiclass') return multiclassLoss(nClasses);
  return regressionLoss;
}

/**
 * Turns raw scores into outputs in place, row-major `rows × K`: sigmoid for binary, softmax per row
 * for multiclass, identity for regression.
 */
export function transformScores(task: Task, scores: Float64Array, rows: number, k: number): void {
  if (task === 'binary') {
    for (let i = 0; i < rows; i++) scores[i] = sigmoid(scores[i]);
  } else if (task === 'multiclass') {
    for (let i = 0; i < rows; i++) softmaxInPlace(scores, i * k, k);
  }
}
