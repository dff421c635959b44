import { InvalidInputError } from '../../errors.js';
import type { DenseMatrix, Targets } from '../../matrix.js';
import { solveSymmetric, solveSymmetricPseudo } from './symmetricSolve.js';

/** Coefficients and intercept of a single-output linear model: ŷ = Xw + b. */
export interface LinearFit {
  readonly coef: Float64Array;
  readonly intercept: number;
}

/**
 * Least squares with an intercept: minimizes ||y − Xw − b||² + α||w||², intercept not penalized,
 * as scikit-learn's Ridge (α > 0) and LinearRegression (α = 0). Closed form on centered data:
 * (XcᵀXc + αI) w = Xcᵀyc, b = ȳ − x̄ᵀw. Ridge solves by Cholesky; OLS (α = 0) takes the
 * minimum-norm pseudo-inverse solution, so a singular XᵀX (collinear one-hot columns) is fine.
 */
export function fitLeastSquares(X: DenseMatrix, y: Targets, alpha: number): LinearFit {
  const n = X.rows;
  const p = X.cols;
  const data = X.data;
  if (n === 0) throw new InvalidInputError('least squares needs at least one row');
  if (!(alpha >= 0)) throw new InvalidInputError(`alpha must be ≥ 0, got ${alpha}`);

  const mean = new Float64Array(p);
  const zeros = new Float64Array(p);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let j = 0; j < p; j++) {
      const v = data[row + j];
      mean[j] += v;
      if (v === 0) zeros[j]++;
    }
    yMean += y[i];
  }
  for (let j = 0; j < p; j++) mean[j] /= n;
  yMean /= n;

  // Upper triangle of XcᵀXc and Xcᵀyc. Columns that are mostly zeros (one-hot) are accumulated
  // unshifted, skipping zeros, and corrected by −n·x̄x̄ᵀ afterwards (|x̄| ≤ √2·σ for such columns, so
  // little cancellation); the other columns are centered first.
  const shift = new Float64Array(p);
  for (let j = 0; j < p; j++) shift[j] = 2 * zeros[j] >= n ? 0 : mean[j];
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const nzValue = new Float64Array(p);
  const nzIndex = new Int32Array(p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    let nnz = 0;
    for (let j = 0; j < p; j++) {
      const v = data[row + j] - shift[j];
      if (v !== 0) {
        nzValue[nnz] = v;
        nzIndex[nnz++] = j;
      }
    }
    const yc = y[i] - yMean;
    for (let a = 0; a < nnz; a++) {
      const v = nzValue[a];
      const base = nzIndex[a] * p;
      xty[nzIndex[a]] += v * yc;
      for (let c = a; c < nnz; c++) gram[base + nzIndex[c]] += v * nzValue[c];
    }
  }
  for (let j = 0; j < p; j++) {
    const dj = mean[j] - shift[j];
    if (dj === 0) continue;
    for (let l = j; l < p; l++) gram[j * p + l] -= n * dj * (mean[l] - shift[l]);
  }
  for (let j = 0; j < p; j++) gram[j * p + j] += alpha;

  const coef = alpha > 0 ? solveSymmetric(gram, p, xty) : solveSymmetricPseudo(gram, p, xty);
  let intercept = yMean;
  for (let j = 0; j < p; j++) intercept -= mean[j] * coef[j];
  return { coef, intercept };
}
