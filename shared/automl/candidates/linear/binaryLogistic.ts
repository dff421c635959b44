import type { DenseMatrix, Targets } from '../../matrix.js';
import type { SmoothObjective } from './objective.js';
import { gatherRowNonZeros } from './rowNonZeros.js';
import { NEWTON_WORK_BUDGET, minimizeLogistic } from './solverChoice.js';
import type { LogisticSolver } from './solverChoice.js';

/**
 * Binary logistic objective over θ = [w₀ … w_{p−1}, b]:
 * f(θ) = Σᵢ [log(1 + e^{zᵢ}) − yᵢzᵢ] + ||w||²/(2C), zᵢ = xᵢ·w + b, intercept not penalized —
 * scikit-learn's LogisticRegression(C) objective divided by C. The Hessian XᵀWX (W = p(1−p)) is
 * accumulated directly over rows, augmented with the intercept column.
 */
export function binaryLogisticObjective(X: DenseMatrix, y: Targets, C: number): SmoothObjective {
  const n = X.rows;
  const p = X.cols;
  const data = X.data;
  const dim = p + 1;
  const invC = 1 / C;
  const nzValue = new Float64Array(p);
  const nzIndex = new Int32Array(p);
  return {
    dim,
    evaluate(theta, grad, hess) {
      if (grad) grad.fill(0);
      if (hess) hess.fill(0);
      const b = theta[p];
      let f = 0;
      for (let i = 0; i < n; i++) {
        const row = i * p;
        let z = b;
        for (let j = 0; j < p; j++) z += theta[j] * data[row + j];
        const yi = y[i];
        const e = Math.exp(-Math.abs(z));
        f += (z > 0 ? z : 0) + Math.log1p(e) - yi * z;
        if (grad === null && hess === null) continue;
        const prob = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        if (grad) {
          const r = prob - yi;
          for (let j = 0; j < p; j++) grad[j] += r * data[row + j];
          grad[p] += r;
        }
        if (hess) {
          // s·x̃x̃ᵀ over the row's non-zero entries (one-hot blocks are mostly zeros), x̃ = [x, 1].
          const s = prob * (1 - prob);
          const nnz = gatherRowNonZeros(data, row, p, nzValue, nzIndex);
          if (nnz === p) {
            for (let a = 0; a < p; a++) {
              const v = s * nzValue[a];
              const base = a * dim;
              for (let c = a; c < p; c++) hess[base + c] += v * nzValue[c];
              hess[base + p] += v;
            }
          } else {
            for (let a = 0; a < nnz; a++) {
              const v = s * nzValue[a];
              const base = nzIndex[a] * dim;
              for (let c = a; c < nnz; c++) hess[base + nzIndex[c]] += v * nzValue[c];
              hess[base + p] += v;
            }
          }
          hess[p * dim + p] += s;
        }
      }
      let penalty = 0;
      for (let j = 0; j < p; j++) {
        const w = theta[j];
        penalty += w * w;
        if (grad) grad[j] += invC * w;
        if (hess) hess[j * dim + j] += invC;
      }
      return f + 0.5 * invC * penalty;
    },
  };
}

export interface BinaryLogisticFit {
  readonly coef: Float64Array;
  readonly intercept: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly solver: 'newton' | 'lbfgs';
}

/**
 * L2-penalized binary logistic regression, as scikit-learn's LogisticRegression(C): minimizes
 * Σ logloss + ||w||²/(2C), intercept not penalized, labels y ∈ {0, 1}. Newton/IRLS with step
 * halving (L-BFGS when the Hessian is too costly), starting at w = 0, b = log-odds of the labels.
 * The penalty keeps separable data bounded.
 */
export function fitBinaryLogistic(X: DenseMatrix, y: Targets, C: number, solver: LogisticSolver = 'auto'): BinaryLogisticFit {
  const n = X.rows;
  const p = X.cols;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const theta0 = new Float64Array(p + 1);
  theta0[p] = Math.log((positives + 0.5) / (n - positives + 0.5));
  const hessianWork = (n * (p + 1) * (p + 2)) / 2;
  const objective = binaryLogisticObjective(X, y, C);
  const result = minimizeLogistic(objective, theta0, n, hessianWork, NEWTON_WORK_BUDGET.binary, solver);
  return {
    coef: result.theta.slice(0, p),
    intercept: result.theta[p],
    iterations: result.iterations,
    converged: result.converged,
    solver: result.solver,
  };
}
