/**
 * The batch loops of encodeBinned.ts: one column of values → its bin codes, with exactly the
 * codes of `numericBin` / `categoryCoder` (numericCoding.ts, categoryCodes.ts), faster (each
 * prepared once per encoding, then run on every batch):
 * - numeric: the count of edges below the value by a branchless binary search over the edges
 *   padded with +∞ to a power of two (one comparison per halving, no mispredicted branches);
 * - categorical: the codes of the first {@link MEMO_SIZE} distinct values met are kept and
 *   matched by `===` before the coder's Map is asked (columns of a few categories hash no string).
 */
import { categoryCoder } from './categoryCodes.js';
import { numericBin } from './numericCoding.js';
import type { CategoricalEncoding, NumericEncoding } from './preprocessor.js';

const MEMO_SIZE = 8;

/** Fills `out[r]` with the code of `values[r]` for every row. */
export type ColumnCoder<V> = (values: V, out: Uint8Array) => void;

/** `out[r] = numericBin(encoding, values[r])` for every row. */
export function numericColumnCoder(encoding: NumericEncoding): ColumnCoder<Float64Array> {
  const { edges } = encoding;
  let size = 1;
  while (size <= edges.length) size *= 2;
  const padded = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  padded.set(edges);
  const missing = numericBin(encoding, Number.NaN);
  return (values, out) => numericCodes(padded, missing, values, out);
}

function numericCodes(padded: Float64Array, missing: number, values: Float64Array, out: Uint8Array): void {
  const size = padded.length;
  const n = values.length;
  // Four rows at a time: their searches are independent, so their loads overlap (one search
  // alone waits on each load). Greedy on the bits of the answer: padded[pos + step − 1] < x ⟺
  // at least pos + step edges are below x. A NaN compares false everywhere; it is fixed after.
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const x0 = values[r];
    const x1 = values[r + 1];
    const x2 = values[r + 2];
    const x3 = values[r + 3];
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let step = size >> 1; step > 0; step >>= 1) {
      p0 += step & -(padded[p0 + step - 1] < x0);
      p1 += step & -(padded[p1 + step - 1] < x1);
      p2 += step & -(padded[p2 + step - 1] < x2);
      p3 += step & -(padded[p3 + step - 1] < x3);
    }
    out[r] = x0 === x0 ? p0 : missing;
    out[r + 1] = x1 === x1 ? p1 : missing;
    out[r + 2] = x2 === x2 ? p2 : missing;
    out[r + 3] = x3 === x3 ? p3 : missing;
  }
  for (; r < n; r++) {
    const x = values[r];
    let pos = 0;
    for (let step = size >> 1; step > 0; step >>= 1) pos += step & -(padded[pos + step - 1] < x);
    out[r] = x === x ? pos : missing;
  }
}

/** `out[r] = categoryCoder(encoding)(values[r])` for every row. */
export function categoricalColumnCoder(encoding: CategoricalEncoding): ColumnCoder<readonly (string | null)[]> {
  const code = categoryCoder(encoding);
  return (values, out) => categoricalCodes(code, values, out);
}

function categoricalCodes(code: (value: string | null) => number, values: readonly (string | null)[], out: Uint8Array): void {
  const seen: (string | null)[] = [];
  const codes: number[] = [];
  for (let r = 0; r < values.length; r++) {
    const value = values[r];
    let m = 0;
    while (m < seen.length && seen[m] !== value) m++;
    if (m < seen.length) {
      out[r] = codes[m];
      continue;
    }
    const c = code(value);
    out[r] = c;
    if (seen.length < MEMO_SIZE) {
      seen.push(value);
      codes.push(c);
    }
  }
}
