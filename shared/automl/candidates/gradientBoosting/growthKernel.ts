/**
 * The two hot loops of tree growth as WebAssembly (SIMD) functions: the histogram loop of
 * histogram.ts and the stable row partition of partition.ts. Same operations in the same order
 * as the JavaScript loops (so the same bits), without per-access bounds checks; gradient and
 * hessian are added as one f64x2 lane pair. Addresses are bytes in the one memory of a fit, laid
 * out by wasmGrowth.ts:
 *
 * - A record of `stride` bytes per row holds its gradient and hessian (two f64), then its
 *   histogram positions (PackedCodes: `GROUP` entries of 2 or 4 bytes per slot group, at least one
 *   group). `hist16` / `hist32(hist, records, stride, count)` add `count` consecutive records to
 *   the histogram at `hist` (histogram.ts's layout, zeroed by the caller).
 * - `gather(records, stride, rows, start, end, out)` copies the records of rows `rows[start ..
 *   end)` (i32 row ids; row r's record at `records + r × stride`) to consecutive records at `out`,
 *   so a leaf's histogram reads its rows in sequence (LightGBM's ordered gradients, with the codes).
 * - `interleave(grad, hess, records, stride, n)` writes the gradients and hessians of a tree
 *   (two f64 arrays) into the rows' records.
 * - `assignLeaf(rows, start, end, leaf, out)` writes `leaf` at `out + 2 × r` (u16) for each row r
 *   of `rows[start .. end)`: the leaf of every row after a tree is grown.
 * - `partition(rows, scratch, column, start, end, threshold)` / `partitionByTable(…, table)`
 *   split `rows[start .. end)` stably: rows whose code (`column`, one byte per row) is
 *   ≤ threshold, or whose code has 1 in the 256-byte `table`, first; the others after them via
 *   `scratch`. They return the index just past the left rows.
 */
import { GROUP } from './histogram.js';
import { assembleModule, I32, op, V128, wasmRuntime, type WasmFunction } from './wasmAssembler.js';

/** The histogram kernel for positions of `width` bytes (2 or 4), over consecutive records. */
function histogramFunction(width: 2 | 4): WasmFunction {
  // Parameters hist, records, stride, count; then locals.
  const [HIST, RECORDS, STRIDE, COUNT, Q, Q_END, RECORDS_END, AT, GH] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const loadPosition = width === 2 ? op.i32Load16u : op.i32Load;
  const group: number[] = [];
  for (let j = 0; j < GROUP; j++) {
    group.push(
      // at = hist + 8 × position
      ...op.localGet(HIST), ...op.localGet(Q), ...loadPosition(j * width), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add,
      ...op.localTee(AT),
      // (gradient, hessian) of the bin += (g, h) of the row
      ...op.localGet(AT), ...op.v128Load(), ...op.localGet(GH), ...op.f64x2Add, ...op.v128Store(),
      // count of the bin += 1
      ...op.localGet(AT), ...op.localGet(AT), ...op.f64Load(16), ...op.f64Const(1), ...op.f64Add, ...op.f64Store(16),
    );
  }
  const body = [
    // recordsEnd = records + count × stride
    ...op.localGet(RECORDS), ...op.localGet(COUNT), ...op.localGet(STRIDE), ...op.i32Mul, ...op.i32Add, ...op.localSet(RECORDS_END),
    ...op.block,
    ...op.localGet(RECORDS), ...op.localGet(RECORDS_END), ...op.i32GeU, ...op.brIf(0),
    ...op.loop,
    // gh = the record's (gradient, hessian); its positions run from records + 16 to records + stride
    ...op.localGet(RECORDS), ...op.v128Load(), ...op.localSet(GH),
    ...op.localGet(RECORDS), ...op.localGet(STRIDE), ...op.i32Add, ...op.localSet(Q_END),
    ...op.localGet(RECORDS), ...op.i32Const(16), ...op.i32Add, ...op.localSet(Q),
    ...op.loop,
    ...group,
    ...op.localGet(Q), ...op.i32Const(GROUP * width), ...op.i32Add, ...op.localTee(Q),
    ...op.localGet(Q_END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.localGet(Q_END), ...op.localTee(RECORDS),
    ...op.localGet(RECORDS_END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  return { name: `hist${width * 8}`, params: 4, results: 0, locals: [[I32, 4], [V128, 1]], body };
}

/**
 * Copies the records of rows `rows[start .. end)` to consecutive records at `out`: the loads are
 * independent of each other (many cache misses in flight), where the histogram loop over
 * scattered rows would wait on each (its read-modify-writes of the same bins chain the rows).
 */
function gatherFunction(): WasmFunction {
  // Parameters records, stride, rows, start, end, out; then locals.
  const [RECORDS, STRIDE, ROWS, START, END, OUT, P, P_END, FROM, K] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const body = [
    ...rowRange(ROWS, START, END, P, P_END),
    ...op.block,
    ...op.localGet(P), ...op.localGet(P_END), ...op.i32GeU, ...op.brIf(0),
    ...op.loop,
    ...op.localGet(RECORDS), ...op.localGet(P), ...op.i32Load(), ...op.localGet(STRIDE), ...op.i32Mul, ...op.i32Add, ...op.localSet(FROM),
    ...op.i32Const(0), ...op.localSet(K),
    ...op.loop,
    ...op.localGet(OUT), ...op.localGet(K), ...op.i32Add,
    ...op.localGet(FROM), ...op.localGet(K), ...op.i32Add, ...op.v128Load(),
    ...op.v128Store(),
    ...op.localGet(K), ...op.i32Const(16), ...op.i32Add, ...op.localTee(K),
    ...op.localGet(STRIDE), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.localGet(OUT), ...op.localGet(STRIDE), ...op.i32Add, ...op.localSet(OUT),
    ...op.localGet(P), ...op.i32Const(4), ...op.i32Add, ...op.localTee(P),
    ...op.localGet(P_END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  return { name: 'gather', params: 6, results: 0, locals: [[I32, 4]], body };
}

/** `out[rows[p]] = leaf` (u16 entries) for p in `start .. end)`: the leaf of each of its rows. */
function assignLeafFunction(): WasmFunction {
  // Parameters rows, start, end, leaf, out; then locals.
  const [ROWS, START, END, LEAF, OUT, P, P_END] = [0, 1, 2, 3, 4, 5, 6];
  const body = [
    ...rowRange(ROWS, START, END, P, P_END),
    ...op.block,
    ...op.localGet(P), ...op.localGet(P_END), ...op.i32GeU, ...op.brIf(0),
    ...op.loop,
    ...op.localGet(OUT), ...op.localGet(P), ...op.i32Load(), ...op.i32Const(1), ...op.i32Shl, ...op.i32Add,
    ...op.localGet(LEAF), ...op.i32Store16(),
    ...op.localGet(P), ...op.i32Const(4), ...op.i32Add, ...op.localTee(P),
    ...op.localGet(P_END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  return { name: 'assignLeaf', params: 5, results: 0, locals: [[I32, 2]], body };
}

/** Row i's record gets gradient `grad[i]` and hessian `hess[i]` (f64) for i in `0 .. n)`. */
function interleaveFunction(): WasmFunction {
  // Parameters grad, hess, records, stride, n; then locals.
  const [GRAD, HESS, RECORDS, STRIDE, N, END] = [0, 1, 2, 3, 4, 5];
  const body = [
    ...op.localGet(GRAD), ...op.localGet(N), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add, ...op.localSet(END),
    ...op.block,
    ...op.localGet(GRAD), ...op.localGet(END), ...op.i32GeU, ...op.brIf(0),
    ...op.loop,
    ...op.localGet(RECORDS), ...op.localGet(GRAD), ...op.f64Load(), ...op.f64Store(),
    ...op.localGet(RECORDS), ...op.localGet(HESS), ...op.f64Load(), ...op.f64Store(8),
    ...op.localGet(RECORDS), ...op.localGet(STRIDE), ...op.i32Add, ...op.localSet(RECORDS),
    ...op.localGet(HESS), ...op.i32Const(8), ...op.i32Add, ...op.localSet(HESS),
    ...op.localGet(GRAD), ...op.i32Const(8), ...op.i32Add, ...op.localTee(GRAD),
    ...op.localGet(END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  return { name: 'interleave', params: 5, results: 0, locals: [[I32, 1]], body };
}

/** p = rows + 4·start; pEnd = rows + 4·end. */
function rowRange(rows: number, start: number, end: number, p: number, pEnd: number): number[] {
  return [
    ...op.localGet(rows), ...op.localGet(start), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.localSet(p),
    ...op.localGet(rows), ...op.localGet(end), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.localSet(pEnd),
  ];
}

/**
 * The partition, branchless as partition.ts: each row is written to both sides and only the
 * matching cursor advances (`left` never passes the read cursor, so writing in place is safe).
 */
function partitionFunction(byTable: boolean): WasmFunction {
  // Parameters rows, scratch, column, start, end, threshold or table; then locals.
  const [ROWS, SCRATCH, COLUMN, START, END, ARG, P, P_END, LEFT, RIGHT, R, LEFT_STEP] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const code = [...op.localGet(COLUMN), ...op.localGet(R), ...op.i32Add, ...op.i32Load8u()];
  // 1 when the row goes left: table[code], or (code − threshold − 1) >>> 31, i.e. code ≤ threshold.
  const goesLeft = byTable
    ? [...op.localGet(ARG), ...code, ...op.i32Add, ...op.i32Load8u()]
    : [...code, ...op.localGet(ARG), ...op.i32Sub, ...op.i32Const(1), ...op.i32Sub, ...op.i32Const(31), ...op.i32ShrU];
  const body = [
    ...rowRange(ROWS, START, END, P, P_END),
    ...op.localGet(P), ...op.localSet(LEFT),
    ...op.localGet(SCRATCH), ...op.localSet(RIGHT),
    ...op.block,
    ...op.localGet(P), ...op.localGet(P_END), ...op.i32GeU, ...op.brIf(0),
    ...op.loop,
    ...op.localGet(P), ...op.i32Load(), ...op.localSet(R),
    ...op.localGet(LEFT), ...op.localGet(R), ...op.i32Store(),
    ...op.localGet(RIGHT), ...op.localGet(R), ...op.i32Store(),
    ...goesLeft, ...op.i32Const(2), ...op.i32Shl, ...op.localTee(LEFT_STEP),
    ...op.localGet(LEFT), ...op.i32Add, ...op.localSet(LEFT),
    ...op.localGet(RIGHT), ...op.i32Const(4), ...op.i32Add, ...op.localGet(LEFT_STEP), ...op.i32Sub, ...op.localSet(RIGHT),
    ...op.localGet(P), ...op.i32Const(4), ...op.i32Add, ...op.localTee(P),
    ...op.localGet(P_END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
    // the right rows after the left ones
    ...op.localGet(LEFT), ...op.localGet(SCRATCH), ...op.localGet(RIGHT), ...op.localGet(SCRATCH), ...op.i32Sub, ...op.memoryCopy,
    ...op.localGet(LEFT), ...op.localGet(ROWS), ...op.i32Sub, ...op.i32Const(2), ...op.i32ShrU,
  ];
  return { name: byTable ? 'partitionByTable' : 'partition', params: 6, results: 1, locals: [[I32, 6]], body };
}

export type HistogramFn = (hist: number, records: number, stride: number, count: number) => void;
export type GatherFn = (records: number, stride: number, rows: number, start: number, end: number, out: number) => void;
export type InterleaveFn = (grad: number, hess: number, records: number, stride: number, n: number) => void;
export type AssignLeafFn = (rows: number, start: number, end: number, leaf: number, out: number) => void;
export type PartitionFn = (rows: number, scratch: number, column: number, start: number, end: number, arg: number) => number;

export interface GrowthKernel {
  readonly hist16: HistogramFn;
  readonly hist32: HistogramFn;
  readonly gather: GatherFn;
  readonly assignLeaf: AssignLeafFn;
  readonly interleave: InterleaveFn;
  readonly partition: PartitionFn;
  readonly partitionByTable: PartitionFn;
}

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly (with SIMD and bulk memory) is unavailable. */
function kernelModule(): object | null {
  if (compiled === undefined) {
    const bytes = assembleModule([histogramFunction(2), histogramFunction(4), gatherFunction(), assignLeafFunction(), interleaveFunction(), partitionFunction(false), partitionFunction(true)]);
    compiled = wasmRuntime && wasmRuntime.validate(bytes) ? new wasmRuntime.Module(bytes) : null;
  }
  return compiled;
}

/** A memory of `pages` 64 KiB pages with the kernel bound to it, or null when either cannot be had. */
export function instantiateKernel(pages: number): { buffer: ArrayBuffer; kernel: GrowthKernel } | null {
  const module = kernelModule();
  if (!module || !wasmRuntime) return null;
  let memory: { buffer: ArrayBuffer };
  try {
    memory = new wasmRuntime.Memory({ initial: pages, maximum: pages });
  } catch {
    return null;
  }
  const { exports } = new wasmRuntime.Instance(module, { env: { mem: memory } });
  const kernel = {
    hist16: exports.hist16 as HistogramFn,
    hist32: exports.hist32 as HistogramFn,
    gather: exports.gather as GatherFn,
    assignLeaf: exports.assignLeaf as AssignLeafFn,
    interleave: exports.interleave as InterleaveFn,
    partition: exports.partition as PartitionFn,
    partitionByTable: exports.partitionByTable as PartitionFn,
  };
  return { buffer: memory.buffer, kernel };
}
