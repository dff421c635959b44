import type { FlatTree } from './flatTree.js';

/**
 * Structural checks of a FlatTree artifact before it predicts, as the gradient boosting loader
 * checks its trees (gradientBoosting/serialization.ts): the node arrays agree in length; a split
 * node has a feature in range, a finite threshold and two distinct children that come after it
 * (so every walk from the root moves forward and ends at a leaf: no loop, no index out of range);
 * a leaf has feature −1 and no children; `width` is the expected one and the leaf values are
 * finite (class proportions within [0, 1]). Returns the first problem found, or null.
 *
 * `nFeatures` bounds the split features when the artifact records it (artifacts written before
 * `n_features` existed are checked for non-negative features only).
 */
export function flatTreeProblem(tree: FlatTree, expected: { width: number; proportions: boolean; nFeatures?: number }): string | null {
  const n = tree.feature.length;
  if (n === 0) return 'no nodes';
  if (tree.threshold.length !== n || tree.left.length !== n || tree.right.length !== n) return 'node arrays differ in length';
  if (tree.width !== expected.width) return `leaf width ${tree.width}, expected ${expected.width}`;
  if (tree.values.length !== n * tree.width) return `${tree.values.length} leaf values for ${n} nodes × width ${tree.width}`;
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i];
    const [l, r] = [tree.left[i], tree.right[i]];
    if (f === -1) {
      if (l !== -1 || r !== -1) return `leaf ${i} has children ${l}, ${r}`;
      const problem = leafProblem(tree, i, expected.proportions);
      if (problem !== null) return problem;
      continue;
    }
    if (f < -1 || (expected.nFeatures !== undefined && f >= expected.nFeatures)) {
      return `node ${i} splits on feature ${f}${expected.nFeatures === undefined ? '' : ` of ${expected.nFeatures}`}`;
    }
    if (!Number.isFinite(tree.threshold[i])) return `node ${i} has threshold ${tree.threshold[i]}`;
    // Children after their parent: a walk from the root always ends.
    if (l <= i || r <= i || l >= n || r >= n || l === r) return `node ${i} has invalid children ${l}, ${r} (nodes: ${n})`;
  }
  return null;
}

function leafProblem(tree: FlatTree, node: number, proportions: boolean): string | null {
  for (let k = 0; k < tree.width; k++) {
    const v = tree.values[node * tree.width + k];
    if (!Number.isFinite(v) || (proportions && (v < 0 || v > 1 + 1e-9))) return `leaf ${node} has value ${v}`;
  }
  return null;
}
