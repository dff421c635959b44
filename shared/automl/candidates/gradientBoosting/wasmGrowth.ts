/**
 * The WebAssembly backend of growthBackend.ts: one memory per fit holding everything the kernels
 * of growthKernel.ts touch, laid out once (16-byte aligned regions, in this order):
 * the histogram buffers; one record per row (gradient, hessian, then its PackedCodes positions,
 * `stride` bytes); the gathered records of a chunk of a leaf's rows (about 256 KiB, so they
 * stay in cache between the gather and the histogram loop); the partition's row indices and its
 * scratch (i32); a copy of each slot feature's codes (one byte per row); the 256-byte "goes left"
 * table of a partition; the leaf of each row (u16); the booster's gradients and hessians (f64,
 * class-major).
 */
import type { GrowthBackend } from './growthBackend.js';
import { GROUP, histogramLength, type HistogramLayout } from './histogram.js';
import { instantiateKernel, type GrowthKernel, type HistogramFn } from './growthKernel.js';
import type { RowPartitioner } from './partition.js';
import { WASM_PAGE } from './wasmAssembler.js';

/** Largest memory asked of WebAssembly (2 GiB); bigger fits use the JavaScript loops. */
const MAX_PAGES = 32768;

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** Bytes of gathered records per chunk. */
const CHUNK_BYTES = 256 * 1024;

/** Byte offsets of the regions, and the record shape. */
interface Layout {
  readonly histBytes: number;
  readonly width: 2 | 4;
  readonly stride: number;
  readonly records: number;
  readonly gathered: number;
  /** Records per gathered chunk. */
  readonly chunk: number;
  readonly indices: number;
  readonly scratch: number;
  readonly columns: number;
  readonly table: number;
  readonly leafOf: number;
  readonly grad: number;
  readonly hess: number;
  readonly total: number;
}

function memoryLayout(layout: HistogramLayout, nRows: number, nBuffers: number, nScores: number): Layout {
  const groups = Math.ceil(layout.features.length / GROUP);
  const width = histogramLength(layout) <= 0x10000 ? 2 : 4;
  const stride = 16 + groups * GROUP * width;
  const histBytes = align16(8 * histogramLength(layout));
  const records = nBuffers * histBytes;
  const gathered = align16(records + nRows * stride);
  const chunk = Math.max(64, Math.floor(CHUNK_BYTES / stride));
  const indices = align16(gathered + chunk * stride);
  const scratch = align16(indices + 4 * nRows);
  const columns = align16(scratch + 4 * nRows);
  const table = align16(columns + layout.features.length * nRows);
  const leafOf = table + 256;
  const grad = align16(leafOf + 2 * nRows);
  const hess = grad + 8 * nScores * nRows;
  return { histBytes, width, stride, records, gathered, chunk, indices, scratch, columns, table, leafOf, grad, hess, total: hess + 8 * nScores * nRows };
}

class WasmGrowth implements GrowthBackend {
  readonly kind = 'wasm';
  readonly indices: Int32Array;
  readonly hists: Float64Array[];
  readonly partition: RowPartitioner;
  readonly leafOf: Uint16Array;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** The records as doubles: gradient and hessian of row r at `r × step` and `+ 1`. */
  private readonly records: Float64Array;
  private readonly step: number;

  private readonly histogram: HistogramFn;

  constructor(
    private readonly kernel: GrowthKernel,
    buffer: ArrayBuffer,
    layout: HistogramLayout,
    columns: readonly Uint8Array[],
    nRows: number,
    nBuffers: number,
    private readonly at: Layout,
  ) {
    const length = histogramLength(layout);
    this.histogram = at.width === 2 ? kernel.hist16 : kernel.hist32;
    this.leafOf = new Uint16Array(buffer, at.leafOf, nRows);
    this.grad = new Float64Array(buffer, at.grad, (at.hess - at.grad) / 8);
    this.hess = new Float64Array(buffer, at.hess, (at.total - at.hess) / 8);
    this.hists = Array.from({ length: nBuffers }, (_, b) => new Float64Array(buffer, b * at.histBytes, length));
    this.indices = new Int32Array(buffer, at.indices, nRows);
    this.records = new Float64Array(buffer, at.records, (nRows * at.stride) / 8);
    this.step = at.stride / 8;
    const positions = at.width === 2 ? new Uint16Array(buffer) : new Uint32Array(buffer);
    writePositions(positions, at.records / at.width, at.stride / at.width, layout, columns, nRows);
    // Column copies of the slot features, by feature index.
    const columnAt = new Int32Array(columns.length).fill(-1);
    layout.features.forEach((f, j) => {
      columnAt[f] = at.columns + j * nRows;
      new Uint8Array(buffer, columnAt[f], nRows).set(columns[f].subarray(0, nRows));
    });
    const table = new Uint8Array(buffer, at.table, 256);
    this.partition = (start, end, feature, threshold, goesLeft) => {
      if (goesLeft === null) return kernel.partition(at.indices, at.scratch, columnAt[feature], start, end, threshold);
      table.set(goesLeft);
      return kernel.partitionByTable(at.indices, at.scratch, columnAt[feature], start, end, at.table);
    };
  }

  setGradients(grad: Float64Array, hess: Float64Array): void {
    if (grad.buffer === this.grad.buffer && hess.buffer === this.grad.buffer) {
      this.kernel.interleave(grad.byteOffset, hess.byteOffset, this.at.records, this.at.stride, grad.length);
      return;
    }
    const { records, step } = this;
    for (let r = 0, i = 0; r < grad.length; r++, i += step) {
      records[i] = grad[r];
      records[i + 1] = hess[r];
    }
  }

  assignLeaf(start: number, end: number, leaf: number): void {
    this.kernel.assignLeaf(this.at.indices, start, end, leaf, this.at.leafOf);
  }

  buildAll(buffer: number): void {
    this.hists[buffer].fill(0);
    this.histogram(buffer * this.at.histBytes, this.at.records, this.at.stride, this.indices.length);
  }

  build(buffer: number, start: number, end: number): void {
    const { at } = this;
    const hist = buffer * at.histBytes;
    this.hists[buffer].fill(0);
    for (let from = start; from < end; from += at.chunk) {
      const to = Math.min(end, from + at.chunk);
      this.kernel.gather(at.records, at.stride, at.indices, from, to, at.gathered);
      this.histogram(hist, at.gathered, at.stride, to - from);
    }
  }
}

/**
 * Writes each row's positions (as packCodes computes them) after its two doubles: row r's slot j
 * at entry `first + r × perRow + 16 / width + j` of `view`.
 */
function writePositions(
  view: Uint16Array | Uint32Array, first: number, perRow: number, layout: HistogramLayout, columns: readonly Uint8Array[], nRows: number,
): void {
  const slots = Math.ceil(layout.features.length / GROUP) * GROUP;
  const skip = perRow - slots;
  for (let j = 0; j < slots; j++) {
    const column = j < layout.features.length ? columns[layout.features[j]] : null;
    const base = column ? 3 * layout.offsets[j] : 3 * (layout.totalBins + (j % GROUP));
    for (let r = 0, i = first + skip + j; r < nRows; r++, i += perRow) view[i] = column ? base + 3 * column[r] : base;
  }
}

/** The backend, or null when WebAssembly or a memory of the size needed cannot be had. */
export function createWasmGrowth(
  layout: HistogramLayout, columns: readonly Uint8Array[], nRows: number, nBuffers: number, nScores: number,
): GrowthBackend | null {
  const at = memoryLayout(layout, nRows, nBuffers, nScores);
  const pages = Math.ceil(at.total / WASM_PAGE);
  const wasm = pages <= MAX_PAGES ? instantiateKernel(pages) : null;
  if (!wasm) return null;
  return new WasmGrowth(wasm.kernel, wasm.buffer, layout, columns, nRows, nBuffers, at);
}
