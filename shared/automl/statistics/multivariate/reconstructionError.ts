import type { Pca } from './multivariateReference.js';

/**
 * The reconstruction error of each row, as NannyML's `_calculate_dre_results`: in the scaled
 * space, project the row on the kept components (`pca.transform`), map it back
 * (`pca.inverse_transform`), and take the Euclidean norm of the row minus its reconstruction
 * (`np.linalg.norm(data - reconstructed, axis=1)`). A window's error is the mean of these
 * (`meanAndStd`). With no kept component the reconstruction is the PCA mean.
 */
export function rowReconstructionErrors(matrix: Float64Array, nRows: number, pca: Pca): Float64Array {
  const p = pca.mean.length;
  const k = pca.components.length;
  const errors = new Float64Array(nRows);
  const centred = new Float64Array(p);
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < p; j++) centred[j] = matrix[r * p + j] - pca.mean[j];
    for (let c = 0; c < k; c++) {
      const component = pca.components[c];
      let score = 0;
      for (let j = 0; j < p; j++) score += component[j] * centred[j];
      for (let j = 0; j < p; j++) centred[j] -= score * component[j];
    }
    let squares = 0;
    for (let j = 0; j < p; j++) squares += centred[j] * centred[j];
    errors[r] = Math.sqrt(squares);
  }
  return errors;
}

/** Mean and standard deviation (ddof 0 = `np.std`; ddof 1 = NannyML's chunk std, 0 for one value) of non-empty values. */
export function meanAndStd(values: ArrayLike<number>, ddof: 0 | 1): { mean: number; std: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: n - ddof > 0 ? Math.sqrt(squares / (n - ddof)) : 0 };
}
