import type { BinnedMatrix } from '../../matrix.js';
import { compositeLayout, MAX_MASK_LEAVES, treeMasks, type CompositeLayout } from './leafMasks.js';
import type { Tree } from './tree.js';

/**
 * All trees of a model flattened into typed arrays, for prediction.
 *
 * Conventions: tree t adds to score column `t mod K` (K = 1, or the number of classes: the trees
 * of one iteration are consecutive, class 0 first). Node arrays are the concatenation of the
 * trees' arrays with child indices made absolute; `roots[t]` is tree t's root; a leaf has
 * feature −1. `addRowScores` walks these arrays (one row, no allocation).
 *
 * `addScores` (batch) goes tree-major over all rows and, for trees with ≤ 32 leaves, uses the
 * leaf-mask tables of leafMasks.ts: per tree, one table lookup per composite feature, four
 * composites per pass over the rows (padded with a neutral all-ones entry at table index 0 read
 * through a column of zeros). Larger trees are walked.
 */
export class Ensemble {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;

  private readonly layout: CompositeLayout;
  /** Trees predicted by masks, and per such tree its passes `[passStart[m], passStart[m+1])`. */
  private readonly maskTrees: Int32Array;
  private readonly passStart: Int32Array;
  /** Composite read by each pass entry (the zero column for padding) and its table offset. */
  private readonly passComposite: Int32Array;
  private readonly passOffset: Int32Array;
  /** All mask tables; entry 0 is the neutral −1. */
  private readonly table: Int32Array;
  private readonly allLeaves: Int32Array;
  private readonly leafBase: Int32Array;
  private readonly leafValues: Float64Array;
  /** Trees with more than 32 leaves, predicted by walking. */
  private readonly walkTrees: Int32Array;

  constructor(
    trees: readonly Tree[],
    readonly nScores: number,
    nFeatures: number,
  ) {
    let total = 0;
    for (const tree of trees) total += tree.feature.length;
    this.roots = new Int32Array(trees.length);
    this.feature = new Int32Array(total);
    this.threshold = new Int32Array(total);
    this.left = new Int32Array(total);
    this.right = new Int32Array(total);
    this.value = new Float64Array(total);
    let base = 0;
    for (let t = 0; t < trees.length; t++) {
      const tree = trees[t];
      const n = tree.feature.length;
      this.roots[t] = base;
      this.feature.set(tree.feature, base);
      this.threshold.set(tree.threshold, base);
      this.value.set(tree.value, base);
      for (let i = 0; i < n; i++) {
        this.left[base + i] = tree.left[i] < 0 ? -1 : tree.left[i] + base;
        this.right[base + i] = tree.right[i] < 0 ? -1 : tree.right[i] + base;
      }
      base += n;
    }

    const leafCount = (tree: Tree): number => tree.feature.reduce((s, f) => s + (f < 0 ? 1 : 0), 0);
    const masked: number[] = [];
    const walked: number[] = [];
    trees.forEach((tree, t) => (leafCount(tree) <= MAX_MASK_LEAVES ? masked : walked).push(t));
    this.walkTrees = Int32Array.from(walked);
    this.maskTrees = Int32Array.from(masked);
    this.layout = compositeLayout(masked.map((t) => trees[t]), nFeatures);
    const padding = this.layout.members.length;
    const tables: number[] = [-1];
    const passComposite: number[] = [];
    const passOffset: number[] = [];
    const values: number[] = [];
    this.passStart = new Int32Array(masked.length + 1);
    this.allLeaves = new Int32Array(masked.length);
    this.leafBase = new Int32Array(masked.length);
    masked.forEach((t, m) => {
      const masks = treeMasks(trees[t], this.layout);
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

  /** Adds every tree's output to `out` (row-major `rows × K`), tree-major over all rows. */
  addScores(X: BinnedMatrix, out: Float64Array): void {
    const rows = X.rows;
    const k = this.nScores;
    if (this.maskTrees.length > 0) this.addMaskedScores(X, out);
    const { feature, threshold, left, right, value, roots, walkTrees } = this;
    for (let w = 0; w < walkTrees.length; w++) {
      const t = walkTrees[w];
      const root = roots[t];
      for (let r = 0, at = t % k; r < rows; r++, at += k) {
        let node = root;
        let f = feature[node];
        while (f >= 0) {
          node = X.codes[f][r] <= threshold[node] ? left[node] : right[node];
          f = feature[node];
        }
        out[at] += value[node];
      }
    }
  }

  private addMaskedScores(X: BinnedMatrix, out: Float64Array): void {
    const rows = X.rows;
    const k = this.nScores;
    const { layout, table, passStart, passComposite, passOffset, maskTrees, allLeaves, leafBase, leafValues } = this;
    // Composite codes, plus the all-zero column that padding entries read.
    const columns: Uint16Array[] = [];
    for (const members of layout.members) {
      const column = new Uint16Array(rows);
      for (const f of members) {
        const codes = X.codes[f];
        const last = layout.width[f] - 1;
        const stride = layout.stride[f];
        for (let r = 0; r < rows; r++) column[r] += Math.min(codes[r], last) * stride;
      }
      columns.push(column);
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

  /** Adds every tree's output for one row (`codes`, one per feature) to `out[0 .. K)`. */
  addRowScores(codes: ArrayLike<number>, out: Float64Array): void {
    const { feature, threshold, left, right, value, roots } = this;
    const k = this.nScores;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t];
      let f = feature[node];
      while (f >= 0) {
        node = codes[f] <= threshold[node] ? left[node] : right[node];
        f = feature[node];
      }
      out[t % k] += value[node];
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
