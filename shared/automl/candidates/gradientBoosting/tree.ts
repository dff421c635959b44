/**
 * One regression tree as parallel arrays over its nodes, node 0 the root.
 *
 * Conventions: an internal node n sends a row left when `code[feature[n]] ≤ threshold[n]`, to
 * node `left[n]`, else to `right[n]`; children always have larger indices than their parent. A
 * leaf has `feature = left = right = -1`, `threshold = 0` and its (already shrunk) output in
 * `value`; internal nodes have `value = 0`.
 *
 * Two optional extensions, as LightGBM's decision types (absent = every node a plain threshold):
 * - `defaultLeft[n] = 1` (numeric node): the feature's missing code (the model's `missingBin[f]`,
 *   always above `threshold[n]`) goes left instead of right.
 * - Categorical node: `catCodes[catBoundaries[n] .. catBoundaries[n+1])` is non-empty, the
 *   ascending codes that go left; every other code (the missing bin, unseen codes) goes right. Its
 *   threshold is 0 and it is never defaultLeft.
 */
export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  /** Per node, 1 when the missing code goes left. */
  readonly defaultLeft?: Uint8Array;
  /** Per node n, `[catBoundaries[n], catBoundaries[n+1])` indexes its left codes in `catCodes` (length nodes + 1). */
  readonly catBoundaries?: Int32Array;
  readonly catCodes?: Uint8Array;
}
