/**
 * Gathers the non-zero entries of one row of a row-major matrix: of the `cols` values starting at
 * `data[offset]`, those that are not 0 go to `values` in column order, their column indices to
 * `columns`. Returns how many there are. The logistic Hessians loop over these only (one-hot blocks
 * are mostly zeros). Both buffers need room for at least `cols` entries.
 */
export function gatherRowNonZeros(
  data: Float64Array,
  offset: number,
  cols: number,
  values: Float64Array,
  columns: Int32Array,
): number {
  let nnz = 0;
  for (let j = 0; j < cols; j++) {
    const v = data[offset + j];
    if (v !== 0) {
      values[nnz] = v;
      columns[nnz++] = j;
    }
  }
  return nnz;
}
