/**
 * Leaf-mask scoring of all masked trees in one WebAssembly function made for one scorer's memory
 * layout, tiled: rows go in blocks of {@link ROW_BLOCK}; within a block, the trees go in groups
 * whose tables fit in {@link GROUP_TABLE_BYTES} (so their lookups hit the L1 cache), and for each
 * group every row of the block reads its composite codes and scores into locals once, adds the
 * group's trees in tree order (per tree: the AND of its tables' entries, each an `i32.load` whose
 * table address is the instruction's static offset, and its `allLeaves` picks the leaf whose value
 * is added), and stores its scores back. {@link STEP} rows are interleaved per loop step.
 * The same integer masks and the same f64 additions in the same order per row as the tree-major
 * JavaScript passes of maskedScores.ts, so the same bits, with far fewer reloads of codes and
 * scores (about 2× faster than one WebAssembly pass per tree over all rows).
 *
 * Only numbers go into the function: the byte addresses of the tables, leaf values, columns and
 * scores in the memory and each tree's `allLeaves`, from the scorer's own tables (built from a model
 * checked when loaded, treeCheck.ts); its instructions are fixed here. Its code grows with the trees
 * (about 8 bytes per lookup and row slot), so a scorer whose function would exceed
 * {@link MAX_BODY_BYTES} keeps the passes.
 */
import { assembleModule, ByteBuffer, op, wasmRuntime, type WasmFunction } from './wasmAssembler.js';

const F64 = 0x7c;
const I32_TYPE = 0x7f;
/** Largest function body generated (V8's limit is 7,654,321 bytes). */
const MAX_BODY_BYTES = 1 << 20;
/** Rows scored per loop step, interleaved (a power of two). */
const STEP = 2;
/** Rows per block (a multiple of STEP): a block's codes and scores stay in the L1 cache. */
const ROW_BLOCK = 256;
/** Largest table bytes of one group of trees (a group has at least one tree). */
const GROUP_TABLE_BYTES = 16384;

/** One masked tree as the kernel reads it. */
export interface FusedTree {
  /** Per table lookup: the composite read and the table's byte address. */
  readonly lookups: readonly { readonly composite: number; readonly tableAt: number }[];
  readonly allLeaves: number;
  /** Byte address of the tree's first leaf value (its leaf i at `leafAt + 8 i`). */
  readonly leafAt: number;
  /** Score column the tree adds to. */
  readonly column: number;
}

/** The memory layout the function is made for. */
export interface FusedLayout {
  /** Byte address of each composite's column (u16 per row: code × 4). */
  readonly columnAt: readonly number[];
  /** Number of codes of each composite (entries of its tables). */
  readonly compositeSize: readonly number[];
  /** Byte address of the scores (f64, `k` per row). */
  readonly outAt: number;
  readonly k: number;
  readonly trees: readonly FusedTree[];
}

/** `score(rows)`: adds every tree's leaf value to the scores of rows `[0, rows)`. */
export type FusedScoreFn = (rows: number) => void;

/** Locals after the parameter `rows` (0): r2 = 2 × row, block bounds (× 2), score address, mask. */
const [R2, END2, BLOCK2, BLOCK_END2, STEP_END2, AT, MASK] = [1, 2, 3, 4, 5, 6, 7];
const FIRST_FREE = 8;

/** Consecutive trees whose tables fit in GROUP_TABLE_BYTES together (at least one per group). */
function groups(layout: FusedLayout): FusedTree[][] {
  const out: FusedTree[][] = [];
  let bytes = Number.POSITIVE_INFINITY;
  for (const tree of layout.trees) {
    const own = tree.lookups.reduce((sum, l) => sum + 4 * layout.compositeSize[l.composite], 0);
    if (bytes + own > GROUP_TABLE_BYTES) {
      out.push([]);
      bytes = 0;
    }
    out[out.length - 1].push(tree);
    bytes += own;
  }
  return out;
}

/** Scores `slots` consecutive rows (row r2/2 + s for slot s) with `trees`, interleaved tree by tree. */
function rowsBody(code: ByteBuffer, layout: FusedLayout, trees: readonly FusedTree[], slots: number): void {
  const { columnAt, k } = layout;
  const G = columnAt.length;
  const local = (s: number, g: number): number => FIRST_FREE + s * G + g;
  const score = (s: number, c: number): number => FIRST_FREE + STEP * G + s * k + c;
  const used = new Set(trees.flatMap((t) => t.lookups.map((l) => l.composite)));
  const columns = new Set(trees.map((t) => t.column));
  for (let s = 0; s < slots; s++) {
    for (const g of used) code.emit(op.localGet(R2)).emit(op.i32Load16u(columnAt[g] + 2 * s)).emit(op.localSet(local(s, g)));
    for (const c of columns) code.emit(op.localGet(AT)).emit(op.f64Load(8 * (s * k + c))).emit(op.localSet(score(s, c)));
  }
  for (const tree of trees) {
    const allLeaves = op.i32Const(tree.allLeaves);
    const leaf = op.f64Load(tree.leafAt);
    for (let s = 0; s < slots; s++) {
      code.emit(allLeaves);
      for (const { composite, tableAt } of tree.lookups) code.emit(op.localGet(local(s, composite))).emit(op.i32Load(tableAt)).emit(op.i32And);
      // leaf index 31 − clz(mask) = clz(mask) ^ 31 (mask ≠ 0: one leaf is always left)
      const sum = score(s, tree.column);
      code.emit(op.localSet(MASK)).emit(op.localGet(sum)).emit(op.localGet(MASK)).emit(LEAF_OFFSET).emit(leaf).emit(op.f64Add).emit(op.localSet(sum));
    }
  }
  for (let s = 0; s < slots; s++) {
    for (const c of columns) code.emit(op.localGet(AT)).emit(op.localGet(score(s, c))).emit(op.f64Store(8 * (s * k + c)));
  }
}

/** clz, ^ 31, << 3: the byte offset of the leaf a mask leaves. */
const LEAF_OFFSET = [...op.i32Clz, ...op.i32Const(31), ...op.i32Xor, ...op.i32Const(3), ...op.i32Shl];

/** `while (r2 < end) { body; advance slots rows }` (r2 and `at` advance together). */
function rowLoop(code: ByteBuffer, k: number, slots: number, end: number, body: () => void): void {
  code.emit(op.block).emit(op.localGet(R2)).emit(op.localGet(end)).emit(op.i32GeU).emit(op.brIf(0)).emit(op.loop);
  body();
  code.emit(op.localGet(AT)).emit(op.i32Const(8 * k * slots)).emit(op.i32Add).emit(op.localSet(AT));
  code.emit(op.localGet(R2)).emit(op.i32Const(2 * slots)).emit(op.i32Add).emit(op.localTee(R2));
  code.emit(op.localGet(end)).emit(op.i32LtU).emit(op.brIf(0)).emit(op.end).emit(op.end);
}

/** One group over the rows of the current block: r2 and `at` from the block's start, STEP rows per step, then the rest. */
function groupPass(code: ByteBuffer, layout: FusedLayout, trees: readonly FusedTree[]): void {
  const k = layout.k;
  code.emit(op.localGet(BLOCK2)).emit(op.localSet(R2));
  // at = outAt + 8k × row = outAt + 4k × r2
  code.emit(op.localGet(BLOCK2)).emit(op.i32Const(4 * k)).emit(op.i32Mul).emit(op.i32Const(layout.outAt)).emit(op.i32Add).emit(op.localSet(AT));
  rowLoop(code, k, STEP, STEP_END2, () => rowsBody(code, layout, trees, STEP));
  rowLoop(code, k, 1, BLOCK_END2, () => rowsBody(code, layout, trees, 1));
}

/** Bytes the function would take, about (each lookup ≈ 8 bytes per slot variant, plus per tree and group). */
function estimatedBytes(layout: FusedLayout): number {
  const lookups = layout.trees.reduce((sum, t) => sum + t.lookups.length, 0);
  return (STEP + 1) * (8 * lookups + 24 * layout.trees.length);
}

/** The function, or null when it would be too large. */
function scoreFunction(layout: FusedLayout): WasmFunction | null {
  if (estimatedBytes(layout) > MAX_BODY_BYTES) return null;
  const code = new ByteBuffer();
  code.emit(op.localGet(0)).emit(op.i32Const(1)).emit(op.i32Shl).emit(op.localSet(END2));
  code.emit(op.block).emit(op.localGet(END2)).emit(op.i32Eqz).emit(op.brIf(0)).emit(op.loop);
  // blockEnd2 = min(block2 + 2 ROW_BLOCK, end2); stepEnd2 = block2 + ((blockEnd2 − block2) & −2 STEP)
  code.emit(op.localGet(BLOCK2)).emit(op.i32Const(2 * ROW_BLOCK)).emit(op.i32Add).emit(op.localSet(BLOCK_END2));
  code.emit(op.localGet(BLOCK_END2)).emit(op.localGet(END2)).emit(op.localGet(BLOCK_END2)).emit(op.localGet(END2)).emit(op.i32LtU);
  code.emit(op.select).emit(op.localSet(BLOCK_END2));
  code.emit(op.localGet(BLOCK_END2)).emit(op.localGet(BLOCK2)).emit(op.i32Sub).emit(op.i32Const(-2 * STEP)).emit(op.i32And);
  code.emit(op.localGet(BLOCK2)).emit(op.i32Add).emit(op.localSet(STEP_END2));
  for (const group of groups(layout)) {
    groupPass(code, layout, group);
    if (code.length > MAX_BODY_BYTES) return null;
  }
  code.emit(op.localGet(BLOCK_END2)).emit(op.localTee(BLOCK2)).emit(op.localGet(END2)).emit(op.i32LtU).emit(op.brIf(0));
  code.emit(op.end).emit(op.end);
  const G = layout.columnAt.length;
  return { name: 'score', params: 1, results: 0, locals: [[I32_TYPE, FIRST_FREE - 1 + STEP * G], [F64, STEP * layout.k]], body: code.bytes() };
}

/** The function bound to `memory`, or null (no WebAssembly, too many trees, or a module the runtime refuses). */
export function fusedMaskKernel(memory: object, layout: FusedLayout): FusedScoreFn | null {
  if (!wasmRuntime) return null;
  const fn = scoreFunction(layout);
  if (!fn) return null;
  const bytes = assembleModule([fn]);
  if (!wasmRuntime.validate(bytes)) return null;
  const { exports } = new wasmRuntime.Instance(new wasmRuntime.Module(bytes), { env: { mem: memory } });
  return exports.score as FusedScoreFn;
}
