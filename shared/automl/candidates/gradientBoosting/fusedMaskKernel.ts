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
import { assembleModule, op, wasmRuntime, type WasmFunction } from './wasmAssembler.js';

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
function rowsBody(layout: FusedLayout, trees: readonly FusedTree[], slots: number): number[] {
  const { columnAt, k } = layout;
  const G = columnAt.length;
  const code = (s: number, g: number): number => FIRST_FREE + s * G + g;
  const score = (s: number, c: number): number => FIRST_FREE + STEP * G + s * k + c;
  const used = new Set(trees.flatMap((t) => t.lookups.map((l) => l.composite)));
  const columns = new Set(trees.map((t) => t.column));
  const out: number[] = [];
  for (let s = 0; s < slots; s++) {
    for (const g of used) out.push(...op.localGet(R2), ...op.i32Load16u(columnAt[g] + 2 * s), ...op.localSet(code(s, g)));
    for (const c of columns) out.push(...op.localGet(AT), ...op.f64Load(8 * (s * k + c)), ...op.localSet(score(s, c)));
  }
  for (const tree of trees) {
    for (let s = 0; s < slots; s++) {
      out.push(...op.i32Const(tree.allLeaves));
      for (const { composite, tableAt } of tree.lookups) {
        out.push(...op.localGet(code(s, composite)), ...op.i32Load(tableAt), ...op.i32And);
      }
      // leaf index 31 − clz(mask) = clz(mask) ^ 31 (mask ≠ 0: one leaf is always left)
      out.push(
        ...op.localSet(MASK),
        ...op.localGet(score(s, tree.column)),
        ...op.localGet(MASK), ...op.i32Clz, ...op.i32Const(31), ...op.i32Xor, ...op.i32Const(3), ...op.i32Shl,
        ...op.f64Load(tree.leafAt),
        ...op.f64Add, ...op.localSet(score(s, tree.column)),
      );
    }
  }
  for (let s = 0; s < slots; s++) {
    for (const c of columns) out.push(...op.localGet(AT), ...op.localGet(score(s, c)), ...op.f64Store(8 * (s * k + c)));
  }
  return out;
}

/** `while (r2 < end) { body; advance slots rows }` (r2 and `at` advance together). */
function rowLoop(k: number, slots: number, end: number, body: number[]): number[] {
  return [
    ...op.block,
    ...op.localGet(R2), ...op.localGet(end), ...op.i32GeU, ...op.brIf(0),
    ...op.loop,
    ...body,
    ...op.localGet(AT), ...op.i32Const(8 * k * slots), ...op.i32Add, ...op.localSet(AT),
    ...op.localGet(R2), ...op.i32Const(2 * slots), ...op.i32Add, ...op.localTee(R2),
    ...op.localGet(end), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
}

/** One group over the rows of the current block: r2 and `at` from the block's start, STEP rows per step, then the rest. */
function groupPass(layout: FusedLayout, trees: readonly FusedTree[]): number[] {
  const k = layout.k;
  return [
    ...op.localGet(BLOCK2), ...op.localSet(R2),
    // at = outAt + 8k × row = outAt + 4k × r2
    ...op.localGet(BLOCK2), ...op.i32Const(4 * k), ...op.i32Mul, ...op.i32Const(layout.outAt), ...op.i32Add, ...op.localSet(AT),
    ...rowLoop(k, STEP, STEP_END2, rowsBody(layout, trees, STEP)),
    ...rowLoop(k, 1, BLOCK_END2, rowsBody(layout, trees, 1)),
  ];
}

/** The function, or null when it would be too large. */
function scoreFunction(layout: FusedLayout): WasmFunction | null {
  const passes: number[] = [];
  for (const group of groups(layout)) {
    passes.push(...groupPass(layout, group));
    if (passes.length > MAX_BODY_BYTES) return null;
  }
  const body = [
    ...op.localGet(0), ...op.i32Const(1), ...op.i32Shl, ...op.localSet(END2),
    ...op.block,
    ...op.localGet(END2), ...op.i32Eqz, ...op.brIf(0),
    ...op.loop,
    // blockEnd2 = min(block2 + 2 ROW_BLOCK, end2); stepEnd2 = block2 + ((blockEnd2 − block2) & −2 STEP)
    ...op.localGet(BLOCK2), ...op.i32Const(2 * ROW_BLOCK), ...op.i32Add, ...op.localSet(BLOCK_END2),
    ...op.localGet(BLOCK_END2), ...op.localGet(END2), ...op.localGet(BLOCK_END2), ...op.localGet(END2), ...op.i32LtU,
    ...op.select, ...op.localSet(BLOCK_END2),
    ...op.localGet(BLOCK_END2), ...op.localGet(BLOCK2), ...op.i32Sub, ...op.i32Const(-2 * STEP), ...op.i32And,
    ...op.localGet(BLOCK2), ...op.i32Add, ...op.localSet(STEP_END2),
    ...passes,
    ...op.localGet(BLOCK_END2), ...op.localTee(BLOCK2), ...op.localGet(END2), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  const G = layout.columnAt.length;
  return { name: 'score', params: 1, results: 0, locals: [[I32_TYPE, FIRST_FREE - 1 + STEP * G], [F64, STEP * layout.k]], body };
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
