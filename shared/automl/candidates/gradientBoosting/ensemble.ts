import type { BinnedMatrix } from '../../matrix.js';
import { isPlainTree, LEFT_WORDS, writeLeftSet } from './decision.js';
import { MAX_MASK_LEAVES } from './leafMasks.js';
import { MaskedScorer } from './maskedScores.js';
import type { Tree } from './tree.js';

/**
 * Smallest batch scored through the leaf masks: their tables (one entry per code of a feature
 * group, per tree: 3 million for a 700-tree, 10-class, 64-feature model) and the WebAssembly
 * function over them (fusedMaskKernel.ts) cost about as much to build as walking the trees for a
 * few thousand rows, and are then 5–10× faster per row; smaller batches (a small data set's
 * validation folds, serving calls) walk the trees. Built once per model, on its first large batch.
 */
export const MASKED_BATCH_MIN_ROWS = 4096;

/**
 * All trees of a model flattened into typed arrays, for prediction.
 *
 * Conventions: tree t adds to score column `t mod K` (K = 1, or the number of classes: the trees
 * of one iteration are consecutive, class 0 first). Node arrays are the concatenation of the
 * trees' arrays with child indices made absolute; `roots[t]` is tree t's root; a leaf has
 * feature −1. `addRowScores` walks these arrays (one row, no allocation). When some node is not
 * a plain threshold (defaultLeft or categorical, see tree.ts), every walk instead tests the code
 * in the node's 256-bit left set (`leftSets`, {@link LEFT_WORDS} words per node, decision.ts);
 * `missingBin` is the model's missing code per feature.
 *
 * `addScores` (batch) goes tree-major over all rows: trees with ≤ 32 leaves through the leaf-mask
 * tables (maskedScores.ts), larger trees walked.
 */
export class Ensemble {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  /** Left sets of all nodes, or null when every node is a plain threshold. */
  private readonly leftSets: Int32Array | null;

  /** Scorer of the trees with ≤ 32 leaves (batch), built on the first large batch; null when there are none. */
  private masked: MaskedScorer | null | undefined;
  private readonly maskTrees: Int32Array;
  /** Trees with more than 32 leaves, predicted by walking (in a large batch). */
  private readonly walkTrees: Int32Array;
  /** Every tree, in order (a small batch walks them all). */
  private readonly allTrees: Int32Array;

  constructor(
    private readonly trees: readonly Tree[],
    readonly nScores: number,
    private readonly nFeatures: number,
    private readonly missingBin?: readonly number[],
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
    this.leftSets = trees.every(isPlainTree) ? null : new Int32Array(total * LEFT_WORDS);
    if (this.leftSets) {
      for (let t = 0; t < trees.length; t++) {
        const tree = trees[t];
        for (let i = 0; i < tree.feature.length; i++) {
          if (tree.feature[i] >= 0) writeLeftSet(tree, i, missingBin, this.leftSets, (this.roots[t] + i) * LEFT_WORDS);
        }
      }
    }

    const leafCount = (tree: Tree): number => tree.feature.reduce((s, f) => s + (f < 0 ? 1 : 0), 0);
    const masked: number[] = [];
    const walked: number[] = [];
    trees.forEach((tree, t) => (leafCount(tree) <= MAX_MASK_LEAVES ? masked : walked).push(t));
    this.walkTrees = Int32Array.from(walked);
    this.maskTrees = Int32Array.from(masked);
    this.allTrees = Int32Array.from(trees, (_, t) => t);
  }

  /**
   * Adds every tree's output to `out` (row-major `rows × K`), tree-major over all rows: a batch
   * of at least {@link MASKED_BATCH_MIN_ROWS} rows through the leaf masks (then the larger
   * trees), a smaller one by walking every tree in order.
   */
  addScores(X: BinnedMatrix, out: Float64Array): void {
    if (X.rows < MASKED_BATCH_MIN_ROWS) {
      this.walk(this.allTrees, X, out);
      return;
    }
    if (this.masked === undefined) {
      this.masked = this.maskTrees.length > 0 ? new MaskedScorer(this.trees, this.maskTrees, this.nFeatures, this.missingBin) : null;
    }
    this.masked?.addScores(X, out, this.nScores);
    this.walk(this.walkTrees, X, out);
  }

  /** Adds the outputs of `walkTrees`, in that order, walking each row down each tree. */
  private walk(walkTrees: Int32Array, X: BinnedMatrix, out: Float64Array): void {
    const rows = X.rows;
    const k = this.nScores;
    const { feature, threshold, left, right, value, roots, leftSets } = this;
    for (let w = 0; w < walkTrees.length; w++) {
      const t = walkTrees[w];
      const root = roots[t];
      for (let r = 0, at = t % k; r < rows; r++, at += k) {
        let node = root;
        let f = feature[node];
        if (leftSets) {
          while (f >= 0) {
            const c = X.codes[f][r];
            node = (leftSets[node * LEFT_WORDS + (c >>> 5)] >>> (c & 31)) & 1 ? left[node] : right[node];
            f = feature[node];
          }
        } else {
          while (f >= 0) {
            node = X.codes[f][r] <= threshold[node] ? left[node] : right[node];
            f = feature[node];
          }
        }
        out[at] += value[node];
      }
    }
  }

  /** Adds every tree's output for one row (`codes`, one per feature) to `out[0 .. K)`. */
  addRowScores(codes: ArrayLike<number>, out: Float64Array): void {
    if (this.leftSets) {
      this.addRowScoresBySets(codes, out, this.leftSets);
      return;
    }
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

  /** {@link addRowScores} through the node left sets (codes ≥ 256 go right). */
  private addRowScoresBySets(codes: ArrayLike<number>, out: Float64Array, leftSets: Int32Array): void {
    const { feature, left, right, value, roots } = this;
    const k = this.nScores;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t];
      let f = feature[node];
      while (f >= 0) {
        const c = codes[f];
        const inSet = c < 256 && (leftSets[node * LEFT_WORDS + (c >>> 5)] >>> (c & 31)) & 1;
        node = inSet ? left[node] : right[node];
        f = feature[node];
      }
      out[t % k] += value[node];
    }
  }
}
