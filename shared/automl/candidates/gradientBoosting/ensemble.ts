import type { BinnedMatrix } from '../../matrix.js';
import type { Tree } from './tree.js';

/**
 * All trees of a model flattened into one set of typed arrays, for prediction.
 *
 * Conventions: tree t adds to score column `t mod K` (K = 1, or the number of classes: the trees
 * of one iteration are consecutive, class 0 first). Node arrays are the concatenation of the
 * trees' arrays with child indices made absolute; `roots[t]` is tree t's root. A leaf has
 * feature −1.
 */
export class Ensemble {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;

  constructor(
    readonly trees: readonly Tree[],
    readonly nScores: number,
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
  }

  /**
   * Adds every tree's output to `out` (row-major `rows × K`), tree-major over all rows. Codes are
   * first copied row-major so one row's codes are adjacent.
   */
  addScores(X: BinnedMatrix, out: Float64Array): void {
    const rows = X.rows;
    const cols = X.cols;
    const k = this.nScores;
    const packed = new Uint8Array(rows * cols);
    for (let f = 0; f < cols; f++) {
      const column = X.codes[f];
      for (let r = 0, at = f; r < rows; r++, at += cols) packed[at] = column[r];
    }
    const { feature, threshold, left, right, value, roots } = this;
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t];
      const c = t % k;
      for (let r = 0, base = 0; r < rows; r++, base += cols) {
        let node = root;
        let f = feature[node];
        while (f >= 0) {
          node = packed[base + f] <= threshold[node] ? left[node] : right[node];
          f = feature[node];
        }
        out[r * k + c] += value[node];
      }
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
