import { InvalidInputError } from '../../errors.js';
import type { DenseMatrix, Targets } from '../../matrix.js';
import type { Task } from '../../task.js';

/** Checks a dense matrix is well-formed with finite entries; `cols`, when given, must match. */
export function checkDenseMatrix(X: DenseMatrix, cols?: number): void {
  if (!Number.isInteger(X.rows) || !Number.isInteger(X.cols) || X.rows < 0 || X.cols < 0) {
    throw new InvalidInputError(`matrix has invalid shape ${X.rows}×${X.cols}`);
  }
  if (X.data.length !== X.rows * X.cols) {
    throw new InvalidInputError(`matrix data has ${X.data.length} entries, expected ${X.rows}×${X.cols}`);
  }
  if (cols !== undefined && X.cols !== cols) {
    throw new InvalidInputError(`matrix has ${X.cols} columns, the model was fitted on ${cols}`);
  }
  const data = X.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new InvalidInputError(`matrix entry at row ${Math.floor(i / X.cols)}, column ${i % X.cols} is not finite`);
    }
  }
}

/**
 * Checks a training set: at least one row, targets of the right length, finite regression values,
 * 0/1 binary labels, multiclass labels that are integers in [0, nClasses) with nClasses ≥ 2.
 */
export function checkTrainingSet(X: DenseMatrix, y: Targets, task: Task, nClasses: number): void {
  checkDenseMatrix(X);
  if (X.rows === 0) throw new InvalidInputError('training matrix has no rows');
  if (y.length !== X.rows) throw new InvalidInputError(`targets have ${y.length} entries, matrix has ${X.rows} rows`);
  if (task === 'multiclass' && (!Number.isInteger(nClasses) || nClasses < 2)) {
    throw new InvalidInputError(`multiclass needs nClasses ≥ 2, got ${nClasses}`);
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const ok =
      task === 'regression'
        ? Number.isFinite(v)
        : task === 'binary'
          ? v === 0 || v === 1
          : Number.isInteger(v) && v >= 0 && v < nClasses;
    if (!ok) throw new InvalidInputError(`target at row ${i} is invalid for ${task}: ${v}`);
  }
}
