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
