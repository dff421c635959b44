import type { FrameColumn } from '../../automl/data/frame.js';
import type { ReferenceColumn } from '../../automl/statistics/driftReference.js';

/**
 * One column of a drift check, prepared once for whichever test runs on it: the stored
 * reference, and the current values split into the usable ones (finite numbers, or present
 * categories) and a missing count (null, NaN, ±∞ — dropped before any test, as Evidently does).
 */
export type ColumnSample =
  | { readonly type: 'numeric'; readonly reference: Extract<ReferenceColumn, { type: 'numeric' }>; readonly current: Float64Array; readonly currentMissing: number }
  | { readonly type: 'categorical'; readonly reference: Extract<ReferenceColumn, { type: 'categorical' }>; readonly current: readonly string[]; readonly currentMissing: number };

/**
 * Pairs a reference with the current column. A numeric reference reads numeric values; a
 * categorical one reads categories, a numeric current column's values as `String(value)`.
 * A categorical current column under a numeric reference has no numbers: all of it is missing.
 */
export function columnSample(reference: ReferenceColumn, column: FrameColumn): ColumnSample {
  if (reference.type === 'numeric') {
    if (column.kind === 'categorical') return { type: 'numeric', reference, current: new Float64Array(0), currentMissing: column.values.length };
    const finite = finiteValues(column.values);
    return { type: 'numeric', reference, current: finite, currentMissing: column.values.length - finite.length };
  }
  const present: string[] = [];
  if (column.kind === 'numeric') {
    for (const value of column.values) if (Number.isFinite(value)) present.push(String(value));
  } else {
    for (const value of column.values) if (value !== null) present.push(value);
  }
  return { type: 'categorical', reference, current: present, currentMissing: column.values.length - present.length };
}

/** The finite values in order (a plain loop: `Float64Array.prototype.filter` with a callback is ~20× slower). */
function finiteValues(values: Float64Array): Float64Array {
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite++;
  const out = new Float64Array(finite);
  if (finite === values.length) {
    out.set(values);
    return out;
  }
  for (let i = 0, k = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out;
}
