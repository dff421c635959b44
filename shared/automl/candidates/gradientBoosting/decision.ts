import type { Tree } from './tree.js';

/**
 * The routing decision of one tree node, for every node kind of tree.ts (LightGBM's
 * NumericalDecisionInner / CategoricalDecisionInner on bin codes).
 *
 * A plain node sends `code ≤ threshold` left; a defaultLeft node also sends the feature's missing
 * code `missingBin[f]` left; a categorical node sends exactly its listed codes left. Hot paths
 * compile a node to a 256-bit "goes left" set ({@link LEFT_WORDS} Int32 words, bit c = code c);
 * codes ≥ 256 never go left through a set.
 */

/** Int32 words of one node's left set. */
export const LEFT_WORDS = 8;

/** Whether node n is categorical (has a non-empty left code list). */
export function isCategoricalNode(tree: Tree, n: number): boolean {
  const b = tree.catBoundaries;
  return b !== undefined && b[n + 1] > b[n];
}

/** Whether node n is a plain threshold node (neither categorical nor defaultLeft). */
export function isPlainNode(tree: Tree, n: number): boolean {
  return !isCategoricalNode(tree, n) && !(tree.defaultLeft !== undefined && tree.defaultLeft[n] === 1);
}

/** Whether every node of `tree` is a plain threshold node (the fast paths apply). */
export function isPlainTree(tree: Tree): boolean {
  if (tree.defaultLeft && tree.defaultLeft.some((v) => v !== 0)) return false;
  return !(tree.catCodes && tree.catCodes.length > 0);
}

/** Whether internal node n sends `code` left. `missingBin` is the model's, per feature. */
export function goesLeft(tree: Tree, n: number, code: number, missingBin: readonly number[] | undefined): boolean {
  if (isCategoricalNode(tree, n)) {
    const codes = tree.catCodes as Uint8Array;
    const b = tree.catBoundaries as Int32Array;
    for (let i = b[n]; i < b[n + 1]; i++) if (codes[i] === code) return true;
    return false;
  }
  if (code <= tree.threshold[n]) return true;
  return tree.defaultLeft !== undefined && tree.defaultLeft[n] === 1 && missingBin !== undefined && code === missingBin[tree.feature[n]];
}

/**
 * The number of leading codes 0..W−1 that must be told apart at node n: every code ≥ W − 1
 * takes the same way as W − 1 (right). Capped at 256.
 */
export function nodeWidth(tree: Tree, n: number, missingBin: readonly number[] | undefined): number {
  let top = tree.threshold[n];
  if (isCategoricalNode(tree, n)) {
    top = (tree.catCodes as Uint8Array)[(tree.catBoundaries as Int32Array)[n + 1] - 1];
  } else if (tree.defaultLeft && tree.defaultLeft[n] === 1 && missingBin) {
    top = Math.max(top, missingBin[tree.feature[n]]);
  }
  return Math.min(256, top + 2);
}

/** Writes node n's left set into `out[at .. at + LEFT_WORDS)`. */
export function writeLeftSet(tree: Tree, n: number, missingBin: readonly number[] | undefined, out: Int32Array, at: number): void {
  out.fill(0, at, at + LEFT_WORDS);
  for (let c = 0; c < 256; c++) if (goesLeft(tree, n, c, missingBin)) out[at + (c >>> 5)] |= 1 << (c & 31);
}

/** Node n's left set as a 256-entry 0/1 table (for partitioning rows). */
export function leftTable(tree: Tree, n: number, missingBin: readonly number[] | undefined, out: Uint8Array): Uint8Array {
  for (let c = 0; c < 256; c++) out[c] = goesLeft(tree, n, c, missingBin) ? 1 : 0;
  return out;
}

/** Adds `tree`'s output for every row of column-major `columns` to `scores[row]`. */
export function addTreeToScores(
  tree: Tree,
  columns: readonly Uint8Array[],
  rows: number,
  scores: Float64Array,
  missingBin: readonly number[] | undefined,
): void {
  const { feature, threshold, left, right, value } = tree;
  if (isPlainTree(tree)) {
    for (let r = 0; r < rows; r++) {
      let node = 0;
      while (feature[node] >= 0) node = columns[feature[node]][r] <= threshold[node] ? left[node] : right[node];
      scores[r] += value[node];
    }
    return;
  }
  const sets = new Int32Array(feature.length * LEFT_WORDS);
  for (let n = 0; n < feature.length; n++) if (feature[n] >= 0) writeLeftSet(tree, n, missingBin, sets, n * LEFT_WORDS);
  for (let r = 0; r < rows; r++) {
    let node = 0;
    while (feature[node] >= 0) {
      const c = columns[feature[node]][r];
      node = (sets[node * LEFT_WORDS + (c >>> 5)] >>> (c & 31)) & 1 ? left[node] : right[node];
    }
    scores[r] += value[node];
  }
}
