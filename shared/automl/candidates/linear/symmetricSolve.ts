import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Eigenvalues at or below this fraction of the largest are treated as zero by the pseudo-inverse. */
export const DEFAULT_EIGEN_RELATIVE_TOLERANCE = 1e-10;

/** An n×n ml-matrix from the upper triangle of a row-major array (mirrored, so exactly symmetric). */
function symmetricMatrix(A: Float64Array, n: number): Matrix {
  const M = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = A[i * n + j];
      M.set(i, j, v);
      M.set(j, i, v);
    }
  }
  return M;
}

/**
 * Minimum-norm solution of A x = b for a symmetric positive semi-definite A (n×n, row-major, upper
 * triangle read): x = V diag(1/λ) Vᵀ b over the eigenvalues λ > relTol·λmax, the others dropped —
 * the least-squares pseudo-inverse, so collinear columns (e.g. a full one-hot block) do not fail.
 */
export function solveSymmetricPseudo(
  A: Float64Array,
  n: number,
  b: Float64Array,
  relTol = DEFAULT_EIGEN_RELATIVE_TOLERANCE,
): Float64Array {
  const x = new Float64Array(n);
  if (n === 0) return x;
  const evd = new EigenvalueDecomposition(symmetricMatrix(A, n), { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  let lambdaMax = 0;
  for (const l of lambda) lambdaMax = Math.max(lambdaMax, l);
  const cutoff = lambdaMax * relTol;
  for (let k = 0; k < n; k++) {
    if (!(lambda[k] > cutoff)) continue;
    let proj = 0;
    for (let i = 0; i < n; i++) proj += V.get(i, k) * b[i];
    const scale = proj / lambda[k];
    for (let i = 0; i < n; i++) x[i] += scale * V.get(i, k);
  }
  return x;
}

/**
 * Solves A x = b for a symmetric positive definite A (n×n, row-major, upper triangle read) by
 * Cholesky; when A is not numerically positive definite, falls back to `solveSymmetricPseudo`.
 */
export function solveSymmetric(A: Float64Array, n: number, b: Float64Array): Float64Array {
  if (n === 0) return new Float64Array(0);
  const chol = new CholeskyDecomposition(symmetricMatrix(A, n));
  if (chol.isPositiveDefinite()) {
    const x = Float64Array.from(chol.solve(Matrix.columnVector(Array.from(b))).getColumn(0));
    if (x.every(Number.isFinite)) return x;
  }
  return solveSymmetricPseudo(A, n, b);
}
