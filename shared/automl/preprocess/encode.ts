import type { Frame, FrameColumn } from '../data/frame.js';
import type { BinnedMatrix, DenseMatrix } from '../matrix.js';
import {
  MAX_BINS,
  binCount,
  oneHotWidth,
  type CategoricalEncoding,
  type NumericEncoding,
  type Preprocessor,
} from './preprocessor.js';

/** Width of the dense (linear-model) encoding. */
export function denseWidth(preprocessor: Preprocessor): number {
  return preprocessor.features.reduce((w, e) => w + (e.kind === 'numeric' ? 1 : oneHotWidth(e)), 0);
}

/** Linear-model input: standardized numerics and one-hot categories, row-major. */
export function encodeDense(preprocessor: Preprocessor, frame: Frame): DenseMatrix {
  const cols = denseWidth(preprocessor);
  const data = new Float64Array(frame.nRows * cols);
  let offset = 0;
  preprocessor.features.forEach((encoding, f) => {
    const column = frame.columns[f];
    if (encoding.kind === 'numeric') {
      const values = numericValues(column);
      for (let r = 0; r < frame.nRows; r++) data[r * cols + offset] = standardize(encoding, values[r]);
      offset += 1;
      return;
    }
    const slot = oneHotSlots(encoding);
    const values = categoricalValues(column);
    for (let r = 0; r < frame.nRows; r++) {
      const s = slot.get(values[r] ?? encoding.categories[0]);
      if (s !== undefined) data[r * cols + offset + s] = 1;
    }
    offset += oneHotWidth(encoding);
  });
  return { rows: frame.nRows, cols, data };
}

/** Tree-model input: one column of bin codes per feature. */
export function encodeBinned(preprocessor: Preprocessor, frame: Frame): BinnedMatrix {
  const codes = preprocessor.features.map((encoding, f) => {
    const column = frame.columns[f];
    const out = new Uint8Array(frame.nRows);
    if (encoding.kind === 'numeric') {
      const values = numericValues(column);
      for (let r = 0; r < frame.nRows; r++) out[r] = numericBin(encoding, values[r]);
    } else {
      const code = categoryCodes(encoding);
      const values = categoricalValues(column);
      for (let r = 0; r < frame.nRows; r++) out[r] = values[r] === null ? 0 : (code.get(values[r] as string) ?? 0);
    }
    return out;
  });
  return { rows: frame.nRows, cols: codes.length, codes, nBins: preprocessor.features.map(binCount) };
}

/** `(x − mean) / std` after median imputation. */
export function standardize(encoding: NumericEncoding, value: number): number {
  return ((Number.isNaN(value) ? encoding.median : value) - encoding.mean) / encoding.std;
}

/** The bin of a numeric value after median imputation: binary search over the edges. */
export function numericBin(encoding: NumericEncoding, value: number): number {
  const x = Number.isNaN(value) ? encoding.median : value;
  const edges = encoding.edges;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Category → tree code; categories past the cap share the last code. Missing/unseen → 0. */
export function categoryCodes(encoding: CategoricalEncoding): Map<string, number> {
  return new Map(encoding.categories.map((c, i) => [c, Math.min(i, MAX_BINS - 1)]));
}

/** Category → one-hot slot (binary: only the second category has a slot). */
export function oneHotSlots(encoding: CategoricalEncoding): Map<string, number> {
  const first = encoding.binary ? 1 : 0;
  return new Map(encoding.categories.slice(first).map((c, i) => [c, i]));
}

function numericValues(column: FrameColumn): Float64Array {
  if (column.kind !== 'numeric') throw new TypeError('expected a numeric column');
  return column.values;
}

function categoricalValues(column: FrameColumn): readonly (string | null)[] {
  if (column.kind !== 'categorical') throw new TypeError('expected a categorical column');
  return column.values;
}

