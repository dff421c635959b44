/**
 * One regression tree as parallel arrays over its nodes, node 0 the root.
 *
 * Conventions: an internal node n sends a row left when `code[feature[n]] ≤ threshold[n]`, to
 * node `left[n]`, else to `right[n]`; children always have larger indices than their parent. A
 * leaf has `feature = left = right = -1`, `threshold = 0` and its (already shrunk) output in
 * `value`; internal nodes have `value = 0`.
 */
export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** Number of nodes of a tree. */
export function nodeCount(tree: Tree): number {
  return tree.feature.length;
}

/** The value of the leaf row `codes` falls in (codes = one bin code per feature). */
export function treeValue(tree: Tree, codes: ArrayLike<number>): number {
  const { feature, threshold, left, right } = tree;
  let node = 0;
  while (feature[node] >= 0) node = codes[feature[node]] <= threshold[node] ? left[node] : right[node];
  return tree.value[node];
}
