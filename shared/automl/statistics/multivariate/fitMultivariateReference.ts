import type { Frame } from '../../data/frame.js';
import { InvalidInputError, InvalidOptionsError } from '../../errors.js';
import { createRandom } from '../../util/random.js';
import { formatZodIssues } from '../../../util/formatZodIssues.js';
import { fitColumnTransform } from './columnTransform.js';
import type { MultivariateReference } from './multivariateReference.js';
import { MultivariateOptionsSchema, type MultivariateOptionsInput } from './multivariateOptions.js';
import { fitPca } from './pcaFit.js';
import { meanAndStd, rowReconstructionErrors } from './reconstructionError.js';
import { scaledMatrix } from './scaledMatrix.js';

/**
 * Fits multivariate drift by data reconstruction on the reference rows (the training split's
 * feature columns), as NannyML's `DataReconstructionDriftCalculator.fit`: per column imputation,
 * count encoding and scaling (`fitColumnTransform`), PCA on the scaled rows (`fitPca`), then the
 * reconstruction error of every reference row, kept as its count, mean and σ (what the band
 * of any window follows from, `reconstructionThreshold`) and, for a seeded sample of at most
 * `sample_size` rows drawn without replacement (partial Fisher–Yates, mulberry32), the errors
 * themselves in the sample's order. Deterministic: the same frame and options give the same JSON.
 * At least 2 rows (a covariance needs them), one column per feature.
 */
export function fitMultivariateReference(frame: Frame, optionsInput: MultivariateOptionsInput): MultivariateReference {
  const parsed = MultivariateOptionsSchema.safeParse(optionsInput);
  if (!parsed.success) throw new InvalidOptionsError(`multivariate drift options: ${formatZodIssues(parsed.error)}`);
  const options = parsed.data;
  if (frame.columns.length !== options.features.length) {
    throw new InvalidInputError(`fitMultivariateReference: ${frame.columns.length} columns for ${options.features.length} features`);
  }
  if (frame.nRows < 2) throw new InvalidInputError(`fitMultivariateReference: the reference needs at least 2 rows (got ${frame.nRows})`);
  const columns = frame.columns.map((column, j) => fitColumnTransform(options.features[j].name, column));
  const matrix = scaledMatrix(columns, frame);
  const pca = fitPca(matrix, frame.nRows, columns.length, options.variance_share);
  const errors = rowReconstructionErrors(matrix, frame.nRows, pca);
  const { mean, std } = meanAndStd(errors, 0);
  const sample = Array.from(sampleRows(frame.nRows, options.sample_size, options.seed), (r) => errors[r]);
  return {
    format: 'alm-multivariate-reference',
    format_version: 1,
    source: options.source,
    rows: frame.nRows,
    columns,
    pca,
    errors: { rows: frame.nRows, mean, std, sample_seed: options.seed, sample },
    threshold: { method: 'standard_deviation', std_multiplier: options.std_multiplier },
  };
}

/** `min(n, size)` distinct row indices in a seeded random order. */
function sampleRows(n: number, size: number, seed: number): Int32Array {
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const random = createRandom(seed);
  const m = Math.min(n, size);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (n - i));
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.subarray(0, m);
}
