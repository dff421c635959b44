import type { FrameColumn } from '../../data/frame.js';
import { InvalidInputError } from '../../errors.js';
import { fitFrequencies, frequencyOf } from './countEncoding.js';
import { imputedNumber, meanImputation, mostFrequentImputation } from './imputation.js';
import type { ColumnTransform } from './multivariateReference.js';
import { fitScaling } from './standardScaling.js';

/**
 * One column's transform, in NannyML's order: impute (mean / most frequent), count-encode a
 * categorical (its reference share), then standard-scale the encoded values (see
 * `ColumnTransformSchema`). `encodedColumn` applies the first two steps; the scaling is applied
 * with the others row by row (`scaledMatrix`).
 */
export function fitColumnTransform(name: string, column: FrameColumn): ColumnTransform {
  if (column.kind === 'numeric') {
    const impute = meanImputation(column.values);
    const { mean, scale } = fitScaling(encodedColumn({ name, type: 'numeric', impute, mean: 0, scale: 1 }, column));
    return { name, type: 'numeric', impute, mean, scale };
  }
  const impute = mostFrequentImputation(column.values);
  const frequencies = fitFrequencies(column.values, impute);
  const { mean, scale } = fitScaling(encodedColumn({ name, type: 'categorical', impute, frequencies, mean: 0, scale: 1 }, column));
  return { name, type: 'categorical', impute, frequencies, mean, scale };
}

/** The imputed (and, for a categorical, count-encoded) values of a column, before scaling. */
export function encodedColumn(transform: ColumnTransform, column: FrameColumn): Float64Array {
  const n = column.values.length;
  const out = new Float64Array(n);
  if (transform.type === 'numeric') {
    if (column.kind !== 'numeric') throw kindMismatch(transform, column);
    for (let i = 0; i < n; i++) out[i] = imputedNumber(column.values[i], transform.impute);
    return out;
  }
  if (column.kind !== 'categorical') throw kindMismatch(transform, column);
  for (let i = 0; i < n; i++) out[i] = frequencyOf(transform.frequencies, column.values[i], transform.impute);
  return out;
}

function kindMismatch(transform: ColumnTransform, column: FrameColumn): InvalidInputError {
  return new InvalidInputError(`column '${transform.name}': the multivariate reference has it ${transform.type}, the data ${column.kind}`);
}
