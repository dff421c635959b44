import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { InvalidInputError } from '../../errors.js';
import type { Pca } from './multivariateReference.js';

/**
 * PCA as scikit-learn's `PCA(n_components=share)` with the full solver, by the eigenvalue
 * decomposition of the p × p covariance matrix (ddof 1) rather than an SVD of the n × p data:
 * ml-matrix's symmetric EVD (Householder tridiagonalisation + QL, JAMA's) of a matrix of a few
 * columns costs O(n·p²) to build and O(p³) to decompose, with O(p²) memory, where its SVD would
 * hold an n × p copy (and U) of up to 100,000 reference rows. The eigenvalues are the squared
 * singular values / (n − 1), the eigenvectors the right singular vectors; forming the
 * covariance squares the condition number, which loses relative precision only in eigenvalues
 * near 0, i.e. in components that are not kept.
 *
 * - Eigenpairs descending by eigenvalue (clamped at 0); each share = eigenvalue / their sum.
 * - Kept: the fewest leading components whose cumulative share exceeds `share`
 *   (`np.searchsorted(cumsum, share, side='right') + 1`), none when the total variance is 0.
 * - Sign: each kept component's largest-magnitude loading (the first on a tie) is positive, as
 *   `svd_flip(u_based_decision=False)`, so the artifact is the same bytes for the same data.
 */
export function fitPca(matrix: Float64Array, nRows: number, nColumns: number, share: number): Pca {
  const n = nRows;
  const p = nColumns;
  if (n < 2 || p < 1 || matrix.length !== n * p) throw new InvalidInputError(`fitPca: needs at least 2 rows and 1 column (got ${n} × ${p}, ${matrix.length} values)`);
  const mean = new Array<number>(p).fill(0);
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) mean[j] += matrix[r * p + j];
  for (let j = 0; j < p; j++) mean[j] /= n;
  const covariance = new Matrix(p, p);
  const centred = new Float64Array(p);
  const sums = new Float64Array(p * p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) centred[j] = matrix[r * p + j] - mean[j];
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) sums[a * p + b] += centred[a] * centred[b];
  }
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      covariance.set(a, b, sums[a * p + b] / (n - 1));
      covariance.set(b, a, sums[a * p + b] / (n - 1));
    }
  }
  const evd = new EigenvalueDecomposition(covariance, { assumeSymmetric: true });
  const vectors = evd.eigenvectorMatrix;
  const order = evd.realEigenvalues
    .map((value, index) => ({ value: Math.max(0, value), index }))
    .sort((x, y) => y.value - x.value || x.index - y.index);
  const explained_variance = order.map((e) => e.value);
  const total = explained_variance.reduce((a, b) => a + b, 0);
  const explained_variance_ratio = explained_variance.map((v) => (total > 0 ? v / total : 0));
  const k = total > 0 ? keptComponents(explained_variance_ratio, share) : 0;
  const components = order.slice(0, k).map((e) => signed(vectors.getColumn(e.index)));
  return { variance_share: share, mean, components, explained_variance, explained_variance_ratio };
}

/** The fewest leading components whose cumulative share exceeds `share` (all of them at most). */
export function keptComponents(ratios: readonly number[], share: number): number {
  let cumulative = 0;
  for (let i = 0; i < ratios.length; i++) {
    cumulative += ratios[i];
    if (cumulative > share) return i + 1;
  }
  return ratios.length;
}

/** A component with its largest-magnitude loading (the first on a tie) made positive. */
function signed(vector: number[]): number[] {
  let at = 0;
  for (let j = 1; j < vector.length; j++) if (Math.abs(vector[j]) > Math.abs(vector[at])) at = j;
  return vector[at] < 0 ? vector.map((v) => -v) : vector;
}
