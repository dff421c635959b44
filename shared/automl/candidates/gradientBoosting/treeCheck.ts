import { z } from 'zod';
import type { Tree } from './tree.js';

/**
 * One tree of the JSON artifact and its structural check (the node conventions of tree.ts):
 * parallel node arrays, children after their parent, and the optional node kinds — `defaultLeft`
 * (0/1 per node, only on threshold nodes of a feature with a missing code above the threshold)
 * and category sets as `catBoundaries` (nodes + 1 non-decreasing offsets from 0 to the length of
 * `catCodes`) with strictly ascending codes per node, only on internal nodes, never holding the
 * feature's missing code. Trees written before these fields existed have none and load unchanged.
 */
export const TreeJsonSchema = z
  .object({
    feature: z.array(z.number().int().min(-1)).min(1),
    threshold: z.array(z.number().int().min(0).max(255)),
    left: z.array(z.number().int().min(-1)),
    right: z.array(z.number().int().min(-1)),
    value: z.array(z.number()),
    defaultLeft: z.array(z.union([z.literal(0), z.literal(1)])).optional(),
    catBoundaries: z.array(z.number().int().min(0)).optional(),
    catCodes: z.array(z.number().int().min(0).max(255)).optional(),
  })
  .strict();

export type TreeJson = z.infer<typeof TreeJsonSchema>;

/** The category-set fields' problem, or null. */
function categoryProblem(tree: TreeJson, missingBin: readonly number[] | undefined): string | null {
  const { catBoundaries: b, catCodes: codes } = tree;
  if (b === undefined && codes === undefined) return null;
  if (b === undefined || codes === undefined) return 'catBoundaries and catCodes must come together';
  const n = tree.feature.length;
  if (b.length !== n + 1 || b[0] !== 0 || b[n] !== codes.length) return 'catBoundaries do not span catCodes';
  for (let i = 0; i < n; i++) if (b[i + 1] < b[i]) return `catBoundaries decrease at node ${i}`;
  for (let i = 0; i < n; i++) {
    if (b[i + 1] === b[i]) continue;
    const f = tree.feature[i];
    if (f < 0) return `leaf ${i} has a category set`;
    if (tree.threshold[i] !== 0 || tree.defaultLeft?.[i] === 1) return `categorical node ${i} has a threshold or defaultLeft`;
    for (let k = b[i] + 1; k < b[i + 1]; k++) if (codes[k] <= codes[k - 1]) return `category set of node ${i} is not strictly ascending`;
    const m = missingBin?.[f] ?? -1;
    for (let k = b[i]; k < b[i + 1]; k++) if (codes[k] === m) return `category set of node ${i} holds the missing code ${m}`;
  }
  return null;
}

/** Checks one tree's structure; returns a problem description or null. */
export function treeProblem(tree: TreeJson, nFeatures: number, missingBin: readonly number[] | undefined): string | null {
  const n = tree.feature.length;
  if (tree.threshold.length !== n || tree.left.length !== n || tree.right.length !== n || tree.value.length !== n) {
    return 'node arrays differ in length';
  }
  if (tree.defaultLeft !== undefined && tree.defaultLeft.length !== n) return 'defaultLeft differs in length';
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i];
    if (f < 0) {
      if (tree.left[i] !== -1 || tree.right[i] !== -1) return `leaf ${i} has children`;
      if (tree.defaultLeft?.[i] === 1) return `leaf ${i} is defaultLeft`;
      continue;
    }
    if (f >= nFeatures) return `node ${i} splits on feature ${f} of ${nFeatures}`;
    // Children after their parent: traversal always terminates.
    const l = tree.left[i];
    const r = tree.right[i];
    if (l <= i || l >= n || r <= i || r >= n || l === r) return `node ${i} has invalid children ${l}, ${r}`;
    if (tree.defaultLeft?.[i] === 1) {
      const m = missingBin?.[f] ?? -1;
      if (m < 0) return `node ${i} is defaultLeft but feature ${f} has no missing bin`;
      if (tree.threshold[i] >= m) return `node ${i} is defaultLeft with threshold ${tree.threshold[i]} ≥ missing bin ${m}`;
    }
  }
  return categoryProblem(tree, missingBin);
}

/** The typed-array tree of a checked JSON tree. */
export function treeFromJson(tree: TreeJson): Tree {
  return {
    feature: Int32Array.from(tree.feature),
    threshold: Int32Array.from(tree.threshold),
    left: Int32Array.from(tree.left),
    right: Int32Array.from(tree.right),
    value: Float64Array.from(tree.value),
    ...(tree.defaultLeft ? { defaultLeft: Uint8Array.from(tree.defaultLeft) } : {}),
    ...(tree.catBoundaries && tree.catCodes
      ? { catBoundaries: Int32Array.from(tree.catBoundaries), catCodes: Uint8Array.from(tree.catCodes) }
      : {}),
  };
}
