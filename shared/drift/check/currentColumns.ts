import type { FrameColumn } from '../../automl/data/frame.js';
import type { ReferenceColumn } from '../../automl/statistics/driftReference.js';

/** One served prediction as the drift check reads it: the features as received and the model's output. */
export interface ServedRow {
  readonly record: Readonly<Record<string, unknown>>;
  /** The output compared with the reference prediction: a probability or value (numeric) or a class (categorical). */
  readonly output: number | string | null;
}

/**
 * The current columns of a window of served rows, typed by the reference: a numeric column
 * reads numbers (a numeric string is parsed; anything else, or an absent field, is missing =
 * NaN); a categorical one reads text (a number or boolean as `String(value)`; null or absent is
 * missing). The prediction column the same way, from each row's `output`.
 */
export function currentColumns(
  rows: readonly ServedRow[],
  reference: { readonly columns: Readonly<Record<string, ReferenceColumn>>; readonly prediction?: ReferenceColumn },
): { columns: Record<string, FrameColumn>; prediction?: FrameColumn } {
  const columns: Record<string, FrameColumn> = {};
  for (const [name, column] of Object.entries(reference.columns)) columns[name] = readColumn(rows, column.type, (row) => row.record[name]);
  return reference.prediction ? { columns, prediction: readColumn(rows, reference.prediction.type, (row) => row.output) } : { columns };
}

function readColumn(rows: readonly ServedRow[], type: ReferenceColumn['type'], read: (row: ServedRow) => unknown): FrameColumn {
  if (type === 'numeric') {
    // a plain loop: `Float64Array.from` with a mapping function is ~10× slower on large windows
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = toNumber(read(rows[i]));
    return { kind: 'numeric', values };
  }
  return { kind: 'categorical', values: rows.map((row) => toCategory(read(row))) };
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function toCategory(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
