import type { DenseMatrix, Targets } from '../../matrix.js';
import type { SmoothObjective } from './objective.js';
import { gatherRowNonZeros } from './rowNonZeros.js';
import { NEWTON_WORK_BUDGET, minimizeLogistic } from './solverChoice.js';
import type { LogisticSolver } from './solverChoice.js';

/**
 * Multinomial (softmax) logistic objective over θ = [w₀, b₀, w₁, b₁, …] (k blocks of p + 1):
 * f(θ) = Σᵢ [logΣₐ e^{zᵢₐ} − zᵢ,yᵢ] + Σₐ||wₐ||²/(2C), zᵢₐ = xᵢ·wₐ + bₐ, intercepts not penalized —
 * scikit-learn's multinomial LogisticRegression(C) objective divided by C.
 *
 * f is flat along u = (all intercepts +1) and ∇f ⟂ u, so the returned Hessian adds c·uuᵀ
 * (c = mean intercept curvature): the Newton step is unchanged and stays orthogonal to u.
 */
export function multinomialLogisticObjective(X: DenseMatrix, y: Targets, nClasses: number, C: number): SmoothObjective {
  const n = X.rows;
  const p = X.cols;
  const k = nClasses;
  const data = X.data;
  const P = p + 1;
  const dim = k * P;
  const invC = 1 / C;
  const triSize = (P * (P + 1)) / 2;
  const pairs = (k * (k + 1)) / 2;
  const z = new Float64Array(k);
  const prob = new Float64Array(k);
  const outerValue = new Float64Array(triSize);
  const outerPos = new Int32Array(triSize);
  const nzValue = new Float64Array(P);
  const nzIndex = new Int32Array(P);
  let hessianBlocks: Float64Array | null = null;

  return {
    dim,
    evaluate(theta, grad, hess) {
      if (grad) grad.fill(0);
      let blocks: Float64Array | null = null;
      if (hess) {
        hessianBlocks ??= new Float64Array(pairs * triSize);
        blocks = hessianBlocks;
        blocks.fill(0);
      }
      let f = 0;
      for (let i = 0; i < n; i++) {
        const row = i * p;
        let zMax = -Infinity;
        for (let a = 0; a < k; a++) {
          const base = a * P;
          let s = theta[base + p];
          for (let j = 0; j < p; j++) s += theta[base + j] * data[row + j];
          z[a] = s;
          if (s > zMax) zMax = s;
        }
        let sum = 0;
        for (let a = 0; a < k; a++) sum += Math.exp(z[a] - zMax);
        const lse = zMax + Math.log(sum);
        const yi = y[i];
        f += lse - z[yi];
        if (grad === null && hess === null) continue;
        for (let a = 0; a < k; a++) prob[a] = Math.exp(z[a] - lse);
        if (grad) {
          for (let a = 0; a < k; a++) {
            const r = prob[a] - (a === yi ? 1 : 0);
            const base = a * P;
            for (let j = 0; j < p; j++) grad[base + j] += r * data[row + j];
            grad[base + p] += r;
          }
        }
        if (hess && blocks) {
          // Non-zero entries of the upper triangle of x̃x̃ᵀ (x̃ = [x, 1]; one-hot blocks are mostly
          // zeros) with their packed positions, then Σ over class pairs of pₐ(δₐᵦ − pᵦ)·x̃x̃ᵀ.
          let nnz = gatherRowNonZeros(data, row, p, nzValue, nzIndex);
          nzValue[nnz] = 1;
          nzIndex[nnz++] = p;
          let nOuter = 0;
          for (let u = 0; u < nnz; u++) {
            const j = nzIndex[u];
            const v = nzValue[u];
            const rowStart = j * P - (j * (j - 1)) / 2 - j;
            for (let w = u; w < nnz; w++) {
              outerPos[nOuter] = rowStart + nzIndex[w];
              outerValue[nOuter++] = v * nzValue[w];
            }
          }
          let pair = 0;
          for (let a = 0; a < k; a++) {
            const pa = prob[a];
            for (let b = a; b < k; b++, pair++) {
              const s = a === b ? pa * (1 - pa) : -pa * prob[b];
              if (s === 0) continue;
              const off = pair * triSize;
              for (let m = 0; m < nOuter; m++) blocks[off + outerPos[m]] += s * outerValue[m];
            }
          }
        }
      }
      let penalty = 0;
      for (let a = 0; a < k; a++) {
        const base = a * P;
        for (let j = 0; j < p; j++) {
          const w = theta[base + j];
          penalty += w * w;
          if (grad) grad[base + j] += invC * w;
        }
      }
      if (hess && blocks) {
        let pair = 0;
        for (let a = 0; a < k; a++) {
          for (let b = a; b < k; b++, pair++) {
            const off = pair * triSize;
            let t = 0;
            for (let j = 0; j < P; j++) {
              for (let l = j; l < P; l++, t++) {
                const v = blocks[off + t];
                const r1 = a * P + j;
                const c1 = b * P + l;
                const r2 = a * P + l;
                const c2 = b * P + j;
                hess[r1 * dim + c1] = v;
                hess[c1 * dim + r1] = v;
                hess[r2 * dim + c2] = v;
                hess[c2 * dim + r2] = v;
              }
            }
          }
        }
        let interceptCurvature = 0;
        for (let a = 0; a < k; a++) {
          const base = a * P;
          for (let j = 0; j < p; j++) hess[(base + j) * dim + base + j] += invC;
          interceptCurvature += hess[(base + p) * dim + base + p];
        }
        const c = Math.max(1, interceptCurvature / k);
        for (let a = 0; a < k; a++) {
          for (let b = 0; b < k; b++) hess[(a * P + p) * dim + b * P + p] += c;
        }
      }
      return f + 0.5 * invC * penalty;
    },
  };
}

export interface MultinomialLogisticFit {
  /** k × p, row-major: class a's weights at [a·p, (a+1)·p). */
  readonly coef: Float64Array;
  /** k intercepts, centered to sum 0. */
  readonly intercept: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly solver: 'newton' | 'lbfgs';
}

/**
 * L2-penalized multinomial logistic regression, as scikit-learn's LogisticRegression(C) on a
 * multiclass target: minimizes Σ softmax logloss + Σₐ||wₐ||²/(2C), intercepts not penalized,
 * labels 0..k−1. Newton with step halving while the Hessian (k(p+1) wide) is cheap, else L-BFGS.
 * Starts at w = 0, b = centered log class frequencies; intercepts are returned centered (the
 * softmax is invariant to a common shift). A class absent from y gets an intercept driven low.
 */
export function fitMultinomialLogistic(
  X: DenseMatrix,
  y: Targets,
  nClasses: number,
  C: number,
  solver: LogisticSolver = 'auto',
): MultinomialLogisticFit {
  const n = X.rows;
  const p = X.cols;
  const k = nClasses;
  const P = p + 1;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[y[i]] += 1;
  const theta0 = new Float64Array(k * P);
  let meanLog = 0;
  for (let a = 0; a < k; a++) meanLog += Math.log(counts[a] + 0.5) / k;
  for (let a = 0; a < k; a++) theta0[a * P + p] = Math.log(counts[a] + 0.5) - meanLog;
  const hessianWork = (n * ((k * (k + 1)) / 2 + 1) * P * (P + 1)) / 2;
  const objective = multinomialLogisticObjective(X, y, k, C);
  const result = minimizeLogistic(objective, theta0, n, hessianWork, NEWTON_WORK_BUDGET.multinomial, solver);

  const coef = new Float64Array(k * p);
  const intercept = new Float64Array(k);
  let interceptMean = 0;
  for (let a = 0; a < k; a++) {
    coef.set(result.theta.subarray(a * P, a * P + p), a * p);
    intercept[a] = result.theta[a * P + p];
    interceptMean += intercept[a] / k;
  }
  for (let a = 0; a < k; a++) intercept[a] -= interceptMean;
  return { coef, intercept, iterations: result.iterations, converged: result.converged, solver: result.solver };
}
