import type { Frame } from '../../data/frame.js';
import { InvalidInputError } from '../../errors.js';
import { encodedColumn } from './columnTransform.js';
import type { ColumnTransform } from './multivariateReference.js';
import { scaled } from './standardScaling.js';

/**
 * The rows of a frame in the space PCA works in: every column imputed, encoded and scaled by its
 * fitted transform (`columnTransform`), as a row-major `nRows × columns` Float64Array. The
 * frame's columns are the transforms', in order.
 */
export function scaledMatrix(transforms: readonly ColumnTransform[], frame: Frame): Float64Array {
  const p = transforms.length;
  if (frame.columns.length !== p) {
    throw new InvalidInputError(`the data has ${frame.columns.length} columns, the multivariate reference ${p} (${transforms.map((t) => t.name).join(', ')})`);
  }
  const n = frame.nRows;
  const out = new Float64Array(n * p);
  transforms.forEach((transform, j) => {
    const column = encodedColumn(transform, frame.columns[j]);
    if (column.length !== n) throw new InvalidInputError(`column '${transform.name}' has ${column.length} values for ${n} rows`);
    for (let r = 0; r < n; r++) out[r * p + j] = scaled(column[r], transform);
  });
  return out;
}
