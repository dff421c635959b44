import { InvalidInputError } from '../../errors.js';
import type { BinnedMatrix } from '../../matrix.js';
import type { Task } from '../../task.js';

/**
 * Validation of a gradient boosting training set: the binned matrix (codes within their bin
 * counts; `missingBin[f]` −1 or `nBins[f] − 1`, `categorical[f]` a boolean, one per feature, as
 * matrix.ts specifies) and the targets of the task.
 */

/** Throws InvalidInputError unless the optional per-feature arrays follow matrix.ts. */
function checkFeatureKinds(X: BinnedMatrix): void {
  const { missingBin, categorical } = X;
  if (missingBin !== undefined) {
    if (missingBin.length !== X.cols) throw new InvalidInputError(`missingBin has ${missingBin.length} entries for ${X.cols} features`);
    for (let f = 0; f < X.cols; f++) {
      const m = missingBin[f];
      if (m !== -1 && m !== X.nBins[f] - 1) {
        throw new InvalidInputError(`feature ${f}: missing bin ${m} is neither -1 nor the last bin ${X.nBins[f] - 1}`);
      }
    }
  }
  if (categorical !== undefined) {
    if (categorical.length !== X.cols) throw new InvalidInputError(`categorical has ${categorical.length} entries for ${X.cols} features`);
    for (let f = 0; f < X.cols; f++) {
      if (typeof categorical[f] !== 'boolean') throw new InvalidInputError(`feature ${f}: categorical flag is not a boolean`);
    }
  }
}

/** Throws InvalidInputError unless X, y, task and nClasses are consistent and well-formed. */
export function checkTrainingInput(X: BinnedMatrix, y: Float64Array, task: Task, nClasses: number): void {
  if (X.rows < 1) throw new InvalidInputError('gradient boosting needs at least one training row');
  if (y.length !== X.rows) throw new InvalidInputError(`targets have ${y.length} entries for ${X.rows} rows`);
  if (X.codes.length !== X.cols || X.nBins.length !== X.cols) {
    throw new InvalidInputError(`binned matrix has ${X.cols} columns but ${X.codes.length} code arrays and ${X.nBins.length} bin counts`);
  }
  checkFeatureKinds(X);
  for (let f = 0; f < X.cols; f++) {
    const column = X.codes[f];
    const nBins = X.nBins[f];
    if (column.length !== X.rows) throw new InvalidInputError(`feature ${f} has ${column.length} codes for ${X.rows} rows`);
    if (!Number.isInteger(nBins) || nBins < 1 || nBins > 256) {
      throw new InvalidInputError(`feature ${f} has an invalid bin count ${nBins}`);
    }
    for (let i = 0; i < column.length; i++) {
      if (column[i] >= nBins) throw new InvalidInputError(`feature ${f}, row ${i}: code ${column[i]} ≥ ${nBins} bins`);
    }
  }
  if (task === 'regression') {
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i])) throw new InvalidInputError(`target of row ${i} is not finite`);
    }
    return;
  }
  const k = task === 'binary' ? 2 : nClasses;
  if (task === 'binary' && nClasses !== 2) throw new InvalidInputError(`binary task with nClasses = ${nClasses}`);
  if (task === 'multiclass' && (!Number.isInteger(nClasses) || nClasses < 2)) {
    throw new InvalidInputError(`multiclass task with nClasses = ${nClasses}`);
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0 || v >= k) throw new InvalidInputError(`target of row ${i} is ${v}, not a class in 0..${k - 1}`);
  }
}

