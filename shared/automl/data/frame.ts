import { InvalidDatasetError } from '../errors.js';
import type { FeatureSpec } from '../schema/datasetSchema.js';
import { isMissing, parseNumber, type Table } from './table.js';

/**
 * Feature values typed by the schema, one column per schema feature, in schema order.
 * Numeric: float64 with NaN for missing. Binary and categorical: the category text or null.
 * Numeric-coded categories are canonical (`String(Number(text))`), so "1.0" and "1" match.
 */
export type FrameColumn =
  | { readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly values: readonly (string | null)[] };

export interface Frame {
  readonly nRows: number;
  readonly columns: readonly FrameColumn[];
}

/** Builds the frame of `features` from a table; extra table columns are ignored. */
export function frameFromTable(table: Table, features: readonly FeatureSpec[]): Frame {
  const columns = features.map((feature): FrameColumn => {
    const index = table.columns.indexOf(feature.name);
    if (index < 0) throw new InvalidDatasetError(`column '${feature.name}' is missing: the model needs it`);
    const cells = table.cells[index];
    if (feature.type === 'numeric') {
      const values = new Float64Array(table.nRows);
      for (let r = 0; r < table.nRows; r++) {
        values[r] = numericCell(cells[r], feature.name, r);
      }
      return { kind: 'numeric', values };
    }
    const canonical = categoryCanonicalizer(feature);
    return { kind: 'categorical', values: cells.map((cell) => (isMissing(cell) ? null : canonical(cell.trim()))) };
  });
  return { nRows: table.nRows, columns };
}

/** Parses one numeric cell; a present cell that is not a number is an error naming the row. */
export function numericCell(cell: string, featureName: string, row: number): number {
  if (isMissing(cell)) return Number.NaN;
  const value = parseNumber(cell);
  if (Number.isNaN(value)) {
    throw new InvalidDatasetError(`row ${row + 1}, column '${featureName}': '${cell}' is not a number`);
  }
  return value;
}

/** Maps a category text to its canonical form for this feature. */
export function categoryCanonicalizer(feature: FeatureSpec): (text: string) => string {
  const numericCodes = (feature.categories ?? []).every((c) => c !== '' && Number.isFinite(Number(c)));
  if (!numericCodes) return (text) => text;
  return (text) => {
    const value = Number(text);
    return Number.isFinite(value) ? String(value) : text;
  };
}

/** Rows `[start, end)` of a frame: numeric columns as views of the same values, categorical ones copied. */
export function sliceFrameRows(frame: Frame, start: number, end: number): Frame {
  const columns = frame.columns.map(
    (column): FrameColumn =>
      column.kind === 'numeric'
        ? { kind: 'numeric', values: column.values.subarray(start, end) }
        : { kind: 'categorical', values: column.values.slice(start, end) },
  );
  return { nRows: end - start, columns };
}

/** Rows `indices` of a frame, in that order. */
export function takeFrameRows(frame: Frame, indices: ArrayLike<number>): Frame {
  const n = indices.length;
  const columns = frame.columns.map((column): FrameColumn => {
    if (column.kind === 'numeric') {
      const values = new Float64Array(n);
      for (let r = 0; r < n; r++) values[r] = column.values[indices[r]];
      return { kind: 'numeric', values };
    }
    const values = new Array<string | null>(n);
    for (let r = 0; r < n; r++) values[r] = column.values[indices[r]];
    return { kind: 'categorical', values };
  });
  return { nRows: n, columns };
}
