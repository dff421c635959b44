/** The typed values of a frame column, checked against the kind its encoding expects. */
import type { FrameColumn } from '../data/frame.js';

export function numericValues(column: FrameColumn): Float64Array {
  if (column.kind !== 'numeric') throw new TypeError('expected a numeric column');
  return column.values;
}

export function categoricalValues(column: FrameColumn): readonly (string | null)[] {
  if (column.kind !== 'categorical') throw new TypeError('expected a categorical column');
  return column.values;
}
