/**
 * The two row loops of maskedScores.ts as WebAssembly functions (the same integer masks and the
 * same f64 additions in the same order as the JavaScript loops, so the same bits). Addresses are
 * bytes in the scorer's memory (maskMemory.ts): mask tables (i32), leaf values (f64), composite
 * code columns (u16 per row, each code stored × 4: its byte offset in a table), `possible` (i32 per
 * row), scores (f64, `outStride` bytes per row).
 *
 * - `andPass(possible, rows, c1, t1, … c4, t4)`: `possible[r] &= table_k[c_k[r]]` over four
 *   (column, table) pairs, for every row r.
 * - `finalPass(…, allLeaves, leafTop, out, outStride)`: the same with the tree's last four pairs
 *   and `allLeaves`, then adds the value of the one leaf left (at `leafTop − 8 × clz(mask)`,
 *   `leafTop` being the address of the tree's 32nd leaf value) to the row's score and resets
 *   `possible[r]` to −1 for the next tree.
 * - `onePass` / `twoPass`: a tree (or two trees adding to the same score, in order) whose
 *   composites are all among four shared columns, in one pass without `possible`.
 */
import { assembleModule, I32, op, wasmRuntime, type WasmFunction } from './wasmAssembler.js';

const POSSIBLE = 0;
const ROWS = 1;
/** Parameter index of column k (0..3); its table follows it. */
const column = (k: number): number => 2 + 2 * k;

/** The i32 at byte `table + c[r]` (columns hold byte offsets: code × 4), with r2 = 2r in local `r2`. */
function entry(columnParam: number, tableParam: number, r2: number): number[] {
  return [
    ...op.localGet(tableParam),
    ...op.localGet(columnParam), ...op.localGet(r2), ...op.i32Add, ...op.i32Load16u(),
    ...op.i32Add, ...op.i32Load(),
  ];
}

/** table_k[c_k[r]] for pair k. */
const lookup = (k: number, r2: number): number[] => entry(column(k), column(k) + 1, r2);

/** possible[r] & the four lookups, left on the stack; `r4` holds 4r. */
function maskOfRow(r2: number, r4: number): number[] {
  return [
    ...op.localGet(POSSIBLE), ...op.localGet(r4), ...op.i32Add, ...op.i32Load(),
    ...lookup(0, r2), ...op.i32And, ...lookup(1, r2), ...op.i32And, ...lookup(2, r2), ...op.i32And, ...lookup(3, r2), ...op.i32And,
  ];
}

/** Loops r over rows with r2 = 2r and r4 = 4r (locals), running `body` per row. */
function rowLoop(r2: number, r4: number, end2: number, body: number[]): number[] {
  return [
    ...op.localGet(ROWS), ...op.i32Const(1), ...op.i32Shl, ...op.localSet(end2),
    ...op.block,
    ...op.localGet(ROWS), ...op.i32Const(1), ...op.i32LtU, ...op.brIf(0),
    ...op.loop,
    ...body,
    ...op.localGet(r4), ...op.i32Const(4), ...op.i32Add, ...op.localSet(r4),
    ...op.localGet(r2), ...op.i32Const(2), ...op.i32Add, ...op.localTee(r2),
    ...op.localGet(end2), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
}

function andPassFunction(): WasmFunction {
  const [R2, R4, END2, AT] = [10, 11, 12, 13];
  const body = [
    ...op.localGet(POSSIBLE), ...op.localGet(R4), ...op.i32Add, ...op.localSet(AT),
    ...op.localGet(AT), ...maskOfRow(R2, R4), ...op.i32Store(),
  ];
  return { name: 'andPass', params: 10, results: 0, locals: [[I32, 4]], body: rowLoop(R2, R4, END2, body) };
}

function finalPassFunction(): WasmFunction {
  const [ALL_LEAVES, LEAF_TOP, OUT, OUT_STRIDE] = [10, 11, 12, 13];
  const [R2, R4, END2, MASK, AT] = [14, 15, 16, 17, 18];
  const body = [
    ...maskOfRow(R2, R4), ...op.localGet(ALL_LEAVES), ...op.i32And, ...op.localSet(MASK),
    // possible[r] = −1
    ...op.localGet(POSSIBLE), ...op.localGet(R4), ...op.i32Add, ...op.i32Const(-1), ...op.i32Store(),
    // score[r] += leafValues[top − clz(mask)]
    ...op.localGet(OUT), ...op.localTee(AT),
    ...op.localGet(AT), ...op.f64Load(),
    ...op.localGet(LEAF_TOP), ...op.localGet(MASK), ...op.i32Clz, ...op.i32Const(3), ...op.i32Shl, ...op.i32Sub, ...op.f64Load(),
    ...op.f64Add, ...op.f64Store(),
    ...op.localGet(OUT), ...op.localGet(OUT_STRIDE), ...op.i32Add, ...op.localSet(OUT),
  ];
  return { name: 'finalPass', params: 14, results: 0, locals: [[I32, 5]], body: rowLoop(R2, R4, END2, body) };
}

/** score += leafValues[top − clz(mask)] at `at` (f64). */
function addLeaf(at: number, leafTop: number, mask: number): number[] {
  return [
    ...op.localGet(at), ...op.localGet(at), ...op.f64Load(),
    ...op.localGet(leafTop), ...op.localGet(mask), ...op.i32Clz, ...op.i32Const(3), ...op.i32Shl, ...op.i32Sub, ...op.f64Load(),
    ...op.f64Add, ...op.f64Store(),
  ];
}

/**
 * `treePass(rows, c1 … c4, t1 … t4, allLeaves, leafTop, out, outStride, [u1 … u4, allLeaves2,
 * leafTop2])`: one tree (or two, added in order) whose every composite is among the four columns,
 * without `possible`. Columns a tree does not split on come with a table of −1s.
 */
function treePassFunction(trees: 1 | 2): WasmFunction {
  const [C1, T1, ALL, TOP, OUT, STRIDE] = [1, 5, 9, 10, 11, 12];
  const [U1, ALL2, TOP2] = [13, 17, 18];
  const params = trees === 1 ? 13 : 19;
  const [R2, END2, MASK] = [params, params + 1, params + 2];
  const rows = [...op.localGet(0), ...op.i32Const(1), ...op.i32Shl, ...op.localSet(END2)];
  const mask = (tables: number, all: number): number[] => {
    const out = [...entry(C1, tables, R2)];
    for (let k = 1; k < 4; k++) out.push(...entry(C1 + k, tables + k, R2), ...op.i32And);
    return [...out, ...op.localGet(all), ...op.i32And];
  };
  const body = [
    ...mask(T1, ALL), ...op.localSet(MASK), ...addLeaf(OUT, TOP, MASK),
    ...(trees === 2 ? [...mask(U1, ALL2), ...op.localSet(MASK), ...addLeaf(OUT, TOP2, MASK)] : []),
    ...op.localGet(OUT), ...op.localGet(STRIDE), ...op.i32Add, ...op.localSet(OUT),
  ];
  const loop = [
    ...rows,
    ...op.block,
    ...op.localGet(0), ...op.i32Const(1), ...op.i32LtU, ...op.brIf(0),
    ...op.loop,
    ...body,
    ...op.localGet(R2), ...op.i32Const(2), ...op.i32Add, ...op.localTee(R2),
    ...op.localGet(END2), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  return { name: trees === 1 ? 'onePass' : 'twoPass', params, results: 0, locals: [[I32, 3]], body: loop };
}

export type AndPassFn = (possible: number, rows: number, c1: number, t1: number, c2: number, t2: number, c3: number, t3: number, c4: number, t4: number) => void;
export type FinalPassFn = (
  possible: number, rows: number, c1: number, t1: number, c2: number, t2: number, c3: number, t3: number, c4: number, t4: number,
  allLeaves: number, leafTop: number, out: number, outStride: number,
) => void;

export type OnePassFn = (
  rows: number, c1: number, c2: number, c3: number, c4: number, t1: number, t2: number, t3: number, t4: number,
  allLeaves: number, leafTop: number, out: number, outStride: number,
) => void;
export type TwoPassFn = (
  rows: number, c1: number, c2: number, c3: number, c4: number, t1: number, t2: number, t3: number, t4: number,
  allLeaves: number, leafTop: number, out: number, outStride: number,
  u1: number, u2: number, u3: number, u4: number, allLeaves2: number, leafTop2: number,
) => void;

export interface MaskKernel {
  readonly buffer: ArrayBuffer;
  readonly andPass: AndPassFn;
  readonly finalPass: FinalPassFn;
  readonly onePass: OnePassFn;
  readonly twoPass: TwoPassFn;
}

let compiled: object | null | undefined;

/** A memory of `pages` pages with the kernel bound to it, or null without WebAssembly or memory. */
export function instantiateMaskKernel(pages: number): MaskKernel | null {
  if (compiled === undefined) {
    const bytes = assembleModule([andPassFunction(), finalPassFunction(), treePassFunction(1), treePassFunction(2)]);
    compiled = wasmRuntime && wasmRuntime.validate(bytes) ? new wasmRuntime.Module(bytes) : null;
  }
  if (!compiled || !wasmRuntime) return null;
  let memory: { buffer: ArrayBuffer };
  try {
    memory = new wasmRuntime.Memory({ initial: pages, maximum: pages });
  } catch {
    return null;
  }
  const { exports } = new wasmRuntime.Instance(compiled, { env: { mem: memory } });
  return {
    buffer: memory.buffer,
    andPass: exports.andPass as AndPassFn,
    finalPass: exports.finalPass as FinalPassFn,
    onePass: exports.onePass as OnePassFn,
    twoPass: exports.twoPass as TwoPassFn,
  };
}
