import type { Frame, FrameColumn } from '../../automl/data/frame.js';
import { InvalidInputError } from '../../automl/errors.js';
import { InvalidDriftOptionsError } from '../errors.js';
import type { MultivariateReference } from '../../automl/statistics/multivariate/multivariateReference.js';

/**
 * A window's columns by name (what `currentColumns` gives the drift check) as the frame
 * `multivariateDrift` reads: the reference's columns, in its order. A column the window lacks
 * is an `InvalidDriftOptionsError`, as in `datasetDrift`; columns of unequal lengths an
 * `InvalidInputError`.
 */
export function windowFrame(reference: Pick<MultivariateReference, 'columns'>, columns: Readonly<Record<string, FrameColumn>>): Frame {
  const picked = reference.columns.map(({ name }) => {
    const column = Object.hasOwn(columns, name) ? columns[name] : undefined;
    if (!column) throw new InvalidDriftOptionsError(`column '${name}' is missing from the current data`);
    return column;
  });
  const nRows = picked[0]?.values.length ?? 0;
  picked.forEach((column, j) => {
    if (column.values.length !== nRows) throw new InvalidInputError(`column '${reference.columns[j].name}' has ${column.values.length} values, '${reference.columns[0].name}' ${nRows}`);
  });
  return { nRows, columns: picked };
}
