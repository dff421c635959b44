import type { Frame } from '../../automl/data/frame.js';
import { InvalidInputError } from '../../automl/errors.js';
import type { MultivariateReference } from '../../automl/statistics/multivariate/multivariateReference.js';
import type { MultivariateDrift } from './multivariateResult.js';
import { meanAndStd, rowReconstructionErrors } from '../../automl/statistics/multivariate/reconstructionError.js';
import { outsideBand, reconstructionThreshold } from './reconstructionThreshold.js';
import { scaledMatrix } from '../../automl/statistics/multivariate/scaledMatrix.js';

/**
 * The multivariate drift of a window (see `MultivariateDriftSchema`), as NannyML's
 * `DataReconstructionDriftCalculator.calculate` on one chunk: the window's rows imputed, encoded
 * and scaled by the reference's transforms (an unseen category encodes as 0), reconstructed
 * through the kept components, the mean of the per-row Euclidean errors compared with the band
 * of a window of that many rows (`reconstructionThreshold`). The frame's columns are the
 * reference's, in order (`windowFrame` picks them by name). An empty window is an
 * `InvalidInputError`, as the statistics' empty samples are.
 */
export function multivariateDrift(reference: MultivariateReference, current: Frame): MultivariateDrift {
  const m = current.nRows;
  if (m === 0) throw new InvalidInputError('multivariateDrift: the window has no rows');
  const errors = rowReconstructionErrors(scaledMatrix(reference.columns, current), m, reference.pca);
  const { mean, std } = meanAndStd(errors, 1);
  const threshold = reconstructionThreshold(reference.errors, reference.threshold.std_multiplier, m);
  const components = reference.pca.components.length;
  const features = reference.columns.length;
  const status = components === features ? 'no_residual' : 'checked';
  const explained = reference.pca.explained_variance_ratio.slice(0, components).reduce((a, b) => a + b, 0);
  return {
    status,
    reconstruction_error: mean,
    threshold,
    drift: status === 'checked' && outsideBand(mean, threshold),
    rows: m,
    sampling_error: std / Math.sqrt(m),
    components,
    features,
    explained_variance: Math.min(1, explained),
  };
}
