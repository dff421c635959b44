/**
 * Gradient/hessian histograms of one leaf.
 *
 * Conventions: one flat Float64Array per leaf, `3 × totalBins` long. The histogram of feature slot
 * j (an index into `layout.features`) starts at bin `layout.offsets[j]`; bin b of that feature
 * holds, at `3 × (offset + b)`, the sums of gradient, hessian and row count of the leaf's rows whose
 * code is b. Only features with at least two bins get a slot (the others cannot split).
 *
 * Histograms are built from {@link PackedCodes}, a row-major copy of the slot features' codes: one
 * pass over a leaf's rows updates every feature's histogram, so the read-modify-write chains of
 * different features overlap instead of stalling on repeated bins of a single feature.
 */
export interface HistogramLayout {
  /** Feature index of each slot. */
  readonly features: Int32Array;
  /** Number of bins of each slot. */
  readonly nBins: Int32Array;
  /** First bin of each slot in the flat histogram. */
  readonly offsets: Int32Array;
  /** Sum of `nBins`; a histogram is `3 × totalBins` long. */
  readonly totalBins: number;
}

/** The layout of the features with at least two bins. */
export function histogramLayout(nBinsPerFeature: readonly number[]): HistogramLayout {
  const features: number[] = [];
  for (let f = 0; f < nBinsPerFeature.length; f++) if (nBinsPerFeature[f] > 1) features.push(f);
  const nBins = new Int32Array(features.length);
  const offsets = new Int32Array(features.length);
  let total = 0;
  for (let j = 0; j < features.length; j++) {
    nBins[j] = nBinsPerFeature[features[j]];
    offsets[j] = total;
    total += nBins[j];
  }
  return { features: Int32Array.from(features), nBins, offsets, totalBins: total };
}

/**
 * Row-major histogram indices: entry `r × slots + j` is `3 × (offsets[j] + code)` for row r and slot
 * j, i.e. directly the position of the row's bin in a flat histogram. Int32 (4 bytes per entry)
 * saves the per-update offset arithmetic.
 */
export interface PackedCodes {
  readonly slots: number;
  readonly at: Int32Array;
}

/** Packs the slot features of column-major `columns` (rows `0 .. n)`) row-major. */
export function packCodes(layout: HistogramLayout, columns: readonly Uint8Array[], n: number): PackedCodes {
  const slots = layout.features.length;
  const at = new Int32Array(n * slots);
  for (let j = 0; j < slots; j++) {
    const column = columns[layout.features[j]];
    const base = 3 * layout.offsets[j];
    for (let r = 0, k = j; r < n; r++, k += slots) at[k] = base + 3 * column[r];
  }
  return { slots, at };
}

/** Fills `hist` with the histogram of rows `rows[start .. end)`. */
export function buildHistogram(
  hist: Float64Array,
  packed: PackedCodes,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
): void {
  hist.fill(0);
  const { slots, at } = packed;
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const g = grad[r];
    const h = hess[r];
    const base = r * slots;
    for (let j = 0; j < slots; j++) {
      const k = at[base + j];
      hist[k] += g;
      hist[k + 1] += h;
      hist[k + 2] += 1;
    }
  }
}

/** Histogram of all rows `0 .. n)` in order (the root): no row indirection. */
export function buildFullHistogram(
  hist: Float64Array,
  packed: PackedCodes,
  n: number,
  grad: Float64Array,
  hess: Float64Array,
): void {
  hist.fill(0);
  const { slots, at } = packed;
  for (let r = 0, base = 0; r < n; r++, base += slots) {
    const g = grad[r];
    const h = hess[r];
    for (let j = 0; j < slots; j++) {
      const k = at[base + j];
      hist[k] += g;
      hist[k + 1] += h;
      hist[k + 2] += 1;
    }
  }
}

/** The subtraction trick: `parent ← parent − child`, turning the parent into the sibling's histogram. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}
