import type { BinnedMatrix } from '../../matrix.js';
import { compositeLayout, treeMasks, type CompositeLayout } from './leafMasks.js';
import { MaskMemory } from './maskMemory.js';
import type { Tree } from './tree.js';

/**
 * Batch scoring of trees with ≤ 32 leaves by the leaf-mask tables of leafMasks.ts: per tree, one
 * table lookup per composite feature, four composites per pass over the rows (padded with a
 * neutral all-ones entry at table index 0 read through a column of zeros). The tables carry each
 * node's per-code direction, so defaultLeft and categorical nodes need nothing extra here.
 * Where the runtime has WebAssembly, all trees run in one function made for the scorer
 * (fusedMaskKernel.ts, via maskMemory.ts: same bits, row blocks × tree groups), else in these passes.
 */
export class MaskedScorer {
  private readonly layout: CompositeLayout;
  /** Per masked tree, its passes `[passStart[m], passStart[m+1])`. */
  private readonly passStart: Int32Array;
  /** Composite read by each pass entry (the zero column for padding) and its table offset. */
  private readonly passComposite: Int32Array;
  private readonly passOffset: Int32Array;
  /** All mask tables; entry 0 is the neutral −1. */
  private readonly table: Int32Array;
  private readonly allLeaves: Int32Array;
  private readonly leafBase: Int32Array;
  private readonly leafValues: Float64Array;
  /** The WebAssembly memory of the last batch; null until one is had, false where none can be. */
  private wasm: MaskMemory | null | false = null;

  /** Scores `trees[maskTrees[m]]` (each ≤ 32 leaves); tree t adds to score column t mod K. */
  constructor(
    trees: readonly Tree[],
    private readonly maskTrees: Int32Array,
    nFeatures: number,
    missingBin: readonly number[] | undefined,
  ) {
    const masked = Array.from(maskTrees);
    this.layout = compositeLayout(masked.map((t) => trees[t]), nFeatures, missingBin);
    const padding = this.layout.members.length;
    const tables: number[] = [-1];
    const passComposite: number[] = [];
    const passOffset: number[] = [];
    const values: number[] = [];
    this.passStart = new Int32Array(masked.length + 1);
    this.allLeaves = new Int32Array(masked.length);
    this.leafBase = new Int32Array(masked.length);
    masked.forEach((t, m) => {
      const masks = treeMasks(trees[t], this.layout, missingBin);
      this.passStart[m] = passComposite.length;
      masks.composites.forEach((g, i) => {
        passComposite.push(g);
        passOffset.push(tables.length);
        for (const v of masks.tables[i]) tables.push(v);
      });
      const used = masks.composites.length;
      const padded = Math.max(4, Math.ceil(used / 4) * 4);
      for (let i = used; i < padded; i++) {
        passComposite.push(padding);
        passOffset.push(0);
      }
      this.allLeaves[m] = masks.allLeaves;
      this.leafBase[m] = values.length;
      for (const v of masks.leafValues) values.push(v);
    });
    this.passStart[masked.length] = passComposite.length;
    this.passComposite = Int32Array.from(passComposite);
    this.passOffset = Int32Array.from(passOffset);
    this.table = Int32Array.from(tables);
    this.leafValues = Float64Array.from(values);
  }

  /** The WebAssembly memory for a batch (a new one when the last is too small); null without WebAssembly. */
  private memoryFor(rows: number, k: number): MaskMemory | null {
    if (this.wasm === false) return null;
    if (this.wasm && this.wasm.fits(rows, k)) return this.wasm;
    const passes = {
      table: this.table, leafValues: this.leafValues, passStart: this.passStart, passComposite: this.passComposite,
      passOffset: this.passOffset, maskTrees: this.maskTrees, allLeaves: this.allLeaves, leafBase: this.leafBase,
      nComposites: this.layout.members.length,
      compositeSize: Array.from(this.layout.size),
    };
    const memory = MaskMemory.create(passes, rows, k);
    this.wasm = memory ?? false;
    return memory;
  }

  /** Adds the masked trees' outputs to `out` (row-major `rows × k`). */
  addScores(X: BinnedMatrix, out: Float64Array, k: number): void {
    const rows = X.rows;
    const { layout, table, passStart, passComposite, passOffset, maskTrees, allLeaves, leafBase, leafValues } = this;
    const wasm = this.memoryFor(rows, k);
    // Composite codes, plus the all-zero column that padding entries read (WebAssembly: codes × 4).
    const scale = wasm ? 4 : 1;
    const columns: Uint16Array[] = [];
    for (const [g, members] of layout.members.entries()) {
      const column = wasm ? wasm.columns[g].fill(0, 0, rows) : new Uint16Array(rows);
      for (const f of members) {
        const codes = X.codes[f];
        const last = layout.width[f] - 1;
        const stride = layout.stride[f] * scale;
        for (let r = 0; r < rows; r++) column[r] += Math.min(codes[r], last) * stride;
      }
      columns.push(column);
    }
    if (wasm) {
      wasm.addScores(rows, out);
      return;
    }
    columns.push(new Uint16Array(rows));
    const possible = new Int32Array(rows).fill(-1);
    for (let m = 0; m < maskTrees.length; m++) {
      let j = passStart[m];
      const last = passStart[m + 1] - 4;
      for (; j < last; j += 4) {
        andPass(
          possible, table, rows,
          columns[passComposite[j]], passOffset[j], columns[passComposite[j + 1]], passOffset[j + 1],
          columns[passComposite[j + 2]], passOffset[j + 2], columns[passComposite[j + 3]], passOffset[j + 3],
        );
      }
      finalPass(
        possible, table, rows,
        columns[passComposite[j]], passOffset[j], columns[passComposite[j + 1]], passOffset[j + 1],
        columns[passComposite[j + 2]], passOffset[j + 2], columns[passComposite[j + 3]], passOffset[j + 3],
        allLeaves[m], leafValues, leafBase[m], out, maskTrees[m] % k, k,
      );
    }
  }
}

/** `possible[r] &= ` the four tables' entries for row r. */
function andPass(
  possible: Int32Array,
  table: Int32Array,
  rows: number,
  c1: Uint16Array, o1: number, c2: Uint16Array, o2: number,
  c3: Uint16Array, o3: number, c4: Uint16Array, o4: number,
): void {
  for (let r = 0; r < rows; r++) {
    possible[r] &= table[o1 + c1[r]] & table[o2 + c2[r]] & table[o3 + c3[r]] & table[o4 + c4[r]];
  }
}

/**
 * Last pass of a tree: completes each row's mask, adds the value of its single remaining leaf to
 * `out[r × k + column]`, and resets `possible` for the next tree.
 */
function finalPass(
  possible: Int32Array,
  table: Int32Array,
  rows: number,
  c1: Uint16Array, o1: number, c2: Uint16Array, o2: number,
  c3: Uint16Array, o3: number, c4: Uint16Array, o4: number,
  allLeaves: number,
  leafValues: Float64Array,
  leafBase: number,
  out: Float64Array,
  column: number,
  k: number,
): void {
  const top = leafBase + 31;
  for (let r = 0, at = column; r < rows; r++, at += k) {
    const mask =
      possible[r] & table[o1 + c1[r]] & table[o2 + c2[r]] & table[o3 + c3[r]] & table[o4 + c4[r]] & allLeaves;
    out[at] += leafValues[top - Math.clz32(mask)];
    possible[r] = -1;
  }
}
