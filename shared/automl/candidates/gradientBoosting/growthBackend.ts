/**
 * The buffers and hot loops a TreeGrower runs on: the per-leaf histogram buffers, the row-index
 * buffer of the partition, the build of one leaf's histogram from its rows (histogram.ts's
 * conventions and sums) and the partition of a leaf's rows (partition.ts).
 *
 * {@link createGrowthBackend} returns the WebAssembly kernels of growthKernel.ts (wasmGrowth.ts)
 * when the runtime has them, else the JavaScript loops of histogram.ts and partition.ts. Both
 * do the same operations in the same order: the trees they grow are identical, bit for bit.
 */
import { buildHistogram, histogramLength, packCodes, type HistogramLayout, type PackedCodes } from './histogram.js';
import { partitionRows, type RowPartitioner } from './partition.js';
import { createWasmGrowth } from './wasmGrowth.js';

export interface GrowthBackend {
  /** The partition's row indices (length nRows). */
  readonly indices: Int32Array;
  /** Histogram buffers, each histogramLength(layout) long. */
  readonly hists: readonly Float64Array[];
  /** Partitions ranges of `indices` (partition.ts). */
  readonly partition: RowPartitioner;
  /** The leaf of each row, as {@link assignLeaf} wrote it (length nRows). */
  readonly leafOf: Uint16Array;
  /** Which loops run: 'wasm' or 'js'. */
  readonly kind: 'wasm' | 'js';
  /**
   * Gradient and hessian arrays of `nScores × nRows` entries for the booster to fill (class-major),
   * which {@link setGradients} reads fastest (WebAssembly: they live in its memory).
   */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** The gradients and hessians (length nRows, e.g. one class's slice of `grad` / `hess`) of the next tree. */
  setGradients(grad: Float64Array, hess: Float64Array): void;
  /** `leafOf[r] = leaf` for the rows r of `indices[start .. end)`. */
  assignLeaf(start: number, end: number, leaf: number): void;
  /** `hists[buffer]` ← the histogram of every row, in row order (the root of a tree). */
  buildAll(buffer: number): void;
  /** `hists[buffer]` ← the histogram of rows `indices[start .. end)`, in that order. */
  build(buffer: number, start: number, end: number): void;
}

/** The JavaScript loops: PackedCodes + buildHistogram, and partition.ts's partitionRows. */
class JsGrowth implements GrowthBackend {
  readonly kind = 'js';
  readonly indices: Int32Array;
  readonly hists: Float64Array[];
  readonly partition: RowPartitioner;
  readonly leafOf: Uint16Array;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  private readonly packed: PackedCodes;
  private readonly allRows: Int32Array;
  private treeGrad: Float64Array = new Float64Array(0);
  private treeHess: Float64Array = new Float64Array(0);

  constructor(layout: HistogramLayout, columns: readonly Uint8Array[], nRows: number, nBuffers: number, nScores: number) {
    this.grad = new Float64Array(nScores * nRows);
    this.hess = new Float64Array(nScores * nRows);
    this.indices = new Int32Array(nRows);
    this.hists = Array.from({ length: nBuffers }, () => new Float64Array(histogramLength(layout)));
    this.packed = packCodes(layout, columns, nRows);
    this.allRows = Int32Array.from({ length: nRows }, (_, i) => i);
    this.leafOf = new Uint16Array(nRows);
    const scratch = new Int32Array(nRows);
    const { indices } = this;
    this.partition = (start, end, feature, threshold, goesLeft) =>
      partitionRows(indices, scratch, columns[feature], start, end, threshold, goesLeft);
  }

  setGradients(grad: Float64Array, hess: Float64Array): void {
    this.treeGrad = grad;
    this.treeHess = hess;
  }

  assignLeaf(start: number, end: number, leaf: number): void {
    const { indices, leafOf } = this;
    for (let i = start; i < end; i++) leafOf[indices[i]] = leaf;
  }

  buildAll(buffer: number): void {
    buildHistogram(this.hists[buffer], this.packed, this.allRows, 0, this.allRows.length, this.treeGrad, this.treeHess);
  }

  build(buffer: number, start: number, end: number): void {
    buildHistogram(this.hists[buffer], this.packed, this.indices, start, end, this.treeGrad, this.treeHess);
  }
}

/**
 * The backend of a fit on column-major `columns` (rows `0 .. nRows)`) with `nBuffers` histogram
 * buffers and `nScores` score columns: WebAssembly unless `kind` is 'js', the runtime lacks it, or its memory cannot be had.
 */
export function createGrowthBackend(
  layout: HistogramLayout, columns: readonly Uint8Array[], nRows: number, nBuffers: number, nScores = 1, kind: 'wasm' | 'js' = 'wasm',
): GrowthBackend {
  const wasm = kind === 'wasm' && layout.features.length >= 1 ? createWasmGrowth(layout, columns, nRows, nBuffers, nScores) : null;
  return wasm ?? new JsGrowth(layout, columns, nRows, nBuffers, nScores);
}
