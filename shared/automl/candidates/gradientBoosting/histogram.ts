/**
 * Gradient/hessian histograms of one leaf.
 *
 * Conventions: one flat Float64Array per leaf, {@link histogramLength} long. The histogram of feature slot
 * j (an index into `layout.features`) starts at bin `layout.offsets[j]`; bin b of that feature
 * holds, at `3 × (offset + b)`, the sums of gradient, hessian and row count of the leaf's rows whose
 * code is b. Only features with at least two bins get a slot (the others cannot split).
 *
 * Histograms are built from {@link PackedCodes}, a row-major copy of the slot features' codes: one
 * pass over a leaf's rows updates every feature's histogram (of a group), so the read-modify-write
 * chains of different features overlap instead of stalling on repeated bins of a single feature.
 * The buffer is {@link histogramLength} long: the real bins are followed by trash bins. These loops
 * are the reference and the fallback of the WebAssembly kernel (growthKernel.ts), which adds the
 * same values in the same order.
 */
export interface HistogramLayout {
  /** Feature index of each slot. */
  readonly features: Int32Array;
  /** Number of bins of each slot. */
  readonly nBins: Int32Array;
  /** First bin of each slot in the flat histogram. */
  readonly offsets: Int32Array;
  /** Sum of `nBins`. */
  readonly totalBins: number;
  /** Missing bin of each slot (`nBins − 1`), or −1 (BinnedMatrix.missingBin). */
  readonly missingBin: Int32Array;
  /** 1 when the slot's codes are unordered categories (BinnedMatrix.categorical). */
  readonly categorical: Uint8Array;
  /** True when no slot has a missing bin or is categorical: every split is a plain threshold. */
  readonly plain: boolean;
}

/** The layout of the features with at least two bins. */
export function histogramLayout(
  nBinsPerFeature: readonly number[],
  missingBinPerFeature?: readonly number[],
  categoricalPerFeature?: readonly boolean[],
): HistogramLayout {
  const features: number[] = [];
  for (let f = 0; f < nBinsPerFeature.length; f++) if (nBinsPerFeature[f] > 1) features.push(f);
  const nBins = new Int32Array(features.length);
  const offsets = new Int32Array(features.length);
  const missingBin = new Int32Array(features.length).fill(-1);
  const categorical = new Uint8Array(features.length);
  let total = 0;
  let plain = true;
  for (let j = 0; j < features.length; j++) {
    const f = features[j];
    nBins[j] = nBinsPerFeature[f];
    offsets[j] = total;
    total += nBins[j];
    if (missingBinPerFeature && missingBinPerFeature[f] >= 0) missingBin[j] = missingBinPerFeature[f];
    if (categoricalPerFeature && categoricalPerFeature[f]) categorical[j] = 1;
    if (missingBin[j] >= 0 || categorical[j] === 1) plain = false;
  }
  return { features: Int32Array.from(features), nBins, offsets, totalBins: total, missingBin, categorical, plain };
}

/**
 * Row-major histogram positions of the slot features, in groups of {@link GROUP} slots.
 *
 * Group q covers slots `[q·GROUP, (q+1)·GROUP)`; `groups[q][r × GROUP + i]` is `3 × (offsets[j] +
 * code)` for row r and slot j = q·GROUP + i, i.e. directly the row's position in a flat histogram
 * (2 or 4 bytes per entry, see {@link Positions}).
 * Slots past the last feature are padding that point into a trash area after the real bins (one
 * bin per padding slot), so every group is updated by one fully unrolled loop body: V8 runs the
 * unrolled body several times faster than an inner loop over slots.
 */
export interface PackedCodes {
  readonly groups: readonly Positions[];
}

/** Histogram positions: Uint16 when every position fits (≤ 21,837 bins in all), else Int32. */
export type Positions = Uint16Array | Int32Array;

/** Slots per packed group. */
export const GROUP = 8;

/** Length of a histogram for `layout`: the real bins plus the trash bins of the padding slots. */
export function histogramLength(layout: HistogramLayout): number {
  return 3 * (layout.totalBins + GROUP);
}

/** Packs the slot features of column-major `columns` (rows `0 .. n)`) row-major, by groups. */
export function packCodes(layout: HistogramLayout, columns: readonly Uint8Array[], n: number): PackedCodes {
  const slots = layout.features.length;
  const groups: Positions[] = [];
  const small = histogramLength(layout) <= 0x10000;
  for (let q = 0; q * GROUP < slots; q++) {
    const at = small ? new Uint16Array(n * GROUP) : new Int32Array(n * GROUP);
    for (let i = 0; i < GROUP; i++) {
      const j = q * GROUP + i;
      if (j >= slots) {
        for (let r = 0, k = i; r < n; r++, k += GROUP) at[k] = 3 * (layout.totalBins + i);
        continue;
      }
      const column = columns[layout.features[j]];
      const base = 3 * layout.offsets[j];
      for (let r = 0, k = i; r < n; r++, k += GROUP) at[k] = base + 3 * column[r];
    }
    groups.push(at);
  }
  return { groups };
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
  for (const at of packed.groups) addGroupRows(hist, at, rows, start, end, grad, hess);
}

/** Adds rows `rows[start .. end)` of one group; the body is unrolled for GROUP = 8. */
function addGroupRows(
  hist: Float64Array,
  at: Positions,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const g = grad[r];
    const h = hess[r];
    const base = r * 8;
    let k = at[base];
    hist[k] += g;
    hist[k + 1] += h;
    hist[k + 2] += 1;
    k = at[base + 1];
    hist[k] += g;
    hist[k + 1] += h;
    hist[k + 2] += 1;
    k = at[base + 2];
    hist[k] += g;
    hist[k + 1] += h;
    hist[k + 2] += 1;
    k = at[base + 3];
    hist[k] += g;
    hist[k + 1] += h;
    hist[k + 2] += 1;
    k = at[base + 4];
    hist[k] += g;
    hist[k + 1] += h;
    hist[k + 2] += 1;
    k = at[base + 5];
    hist[k] += g;
    hist[k + 1] += h;
    hist[k + 2] += 1;
    k = at[base + 6];
    hist[k] += g;
    hist[k + 1] += h;
    hist[k + 2] += 1;
    k = at[base + 7];
    hist[k] += g;
    hist[k + 1] += h;
    hist[k + 2] += 1;
    }
}

/** The subtraction trick: `parent ← parent − child`, turning the parent into the sibling's histogram. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}
