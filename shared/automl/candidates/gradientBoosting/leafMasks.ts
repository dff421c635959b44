import { goesLeft, isPlainNode, nodeWidth } from './decision.js';
import type { Tree } from './tree.js';

/**
 * Branch-free batch prediction by leaf bitmasks (the idea of QuickScorer, per tree).
 *
 * Number a tree's leaves 0..L−1 (L ≤ 32). At every internal node a row goes one way, which rules
 * out all leaves of the other subtree; the leaf the row reaches is the only one never ruled out.
 * Grouping the nodes by feature, `mask_f[code]` is the AND, over the tree's nodes on feature f, of
 * "leaves still possible when feature f has this code" — so the row's leaf is the single set bit
 * of the AND of one table entry per feature the tree uses. Those lookups are independent of each
 * other (no pointer chasing, no data-dependent branches), which is what makes this several times
 * faster than walking the tree in JavaScript.
 *
 * Features are further merged into composites: a composite of features with clamp widths
 * W_a, W_b, … has the mixed-radix code Σ min(code_f, W_f − 1) × stride_f (product of widths ≤
 * {@link COMPOSITE_CAP}); a per-tree table over the composite code then answers for all its
 * features with a single lookup. `W_f` = 2 + the largest code any node on f tells apart (its
 * threshold; the missing code of a defaultLeft node; the largest left code of a categorical
 * node, see decision.ts), so every code ≥ W_f − 1 behaves like W_f − 1 (right at every node).
 * The tables hold each node's per-code direction, so missing directions and category sets cost
 * nothing extra at prediction time.
 */

/** Trees with more leaves than this are predicted by walking them. */
export const MAX_MASK_LEAVES = 32;
/** Largest number of distinct codes of a composite (entries of one per-tree table). */
export const COMPOSITE_CAP = 512;

/** How features are merged into composites. */
export interface CompositeLayout {
  /** Clamp width per feature (0 if no tree splits on it). */
  readonly width: Int32Array;
  /** Composite of each feature, −1 if unused. */
  readonly compositeOf: Int32Array;
  /** Mixed-radix stride of each feature inside its composite. */
  readonly stride: Int32Array;
  /** Features of each composite. */
  readonly members: readonly Int32Array[];
  /** Number of codes of each composite (product of its members' widths). */
  readonly size: Int32Array;
}

/** Groups the features split on by `trees` into composites (deterministic: by width, then index). */
export function compositeLayout(trees: readonly Tree[], nFeatures: number, missingBin?: readonly number[]): CompositeLayout {
  const width = new Int32Array(nFeatures);
  for (const tree of trees) {
    for (let i = 0; i < tree.feature.length; i++) {
      const f = tree.feature[i];
      if (f >= 0) width[f] = Math.max(width[f], nodeWidth(tree, i, missingBin));
    }
  }
  const used: number[] = [];
  for (let f = 0; f < nFeatures; f++) if (width[f] > 0) used.push(f);
  used.sort((a, b) => width[a] - width[b] || a - b);
  const compositeOf = new Int32Array(nFeatures).fill(-1);
  const stride = new Int32Array(nFeatures);
  const members: Int32Array[] = [];
  const sizes: number[] = [];
  let current: number[] = [];
  let product = 1;
  const close = (): void => {
    if (current.length === 0) return;
    members.push(Int32Array.from(current));
    sizes.push(product);
    current = [];
    product = 1;
  };
  for (const f of used) {
    if (product * width[f] > COMPOSITE_CAP) close();
    compositeOf[f] = members.length;
    stride[f] = product;
    current.push(f);
    product *= width[f];
  }
  close();
  return { width, compositeOf, stride, members, size: Int32Array.from(sizes) };
}

/** Leaf numbering and subtree leaf sets of one tree (leaves numbered in node order). */
function leafSets(tree: Tree): { leafOf: Int32Array; below: Int32Array; nLeaves: number } {
  const n = tree.feature.length;
  const leafOf = new Int32Array(n).fill(-1);
  let nLeaves = 0;
  for (let i = 0; i < n; i++) if (tree.feature[i] < 0) leafOf[i] = nLeaves++;
  // Children come after their parent, so a backward pass sees children first.
  const below = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    below[i] = tree.feature[i] < 0 ? 1 << leafOf[i] : below[tree.left[i]] | below[tree.right[i]];
  }
  return { leafOf, below, nLeaves };
}

/**
 * The mask tables of one tree (≤ 32 leaves): for each composite the tree splits on, an Int32Array
 * over the composite's codes. Returns the composites used (ascending) and their tables, plus the
 * leaf values in leaf order and the all-leaves mask.
 */
export function treeMasks(
  tree: Tree,
  layout: CompositeLayout,
  missingBin?: readonly number[],
): { composites: number[]; tables: Int32Array[]; leafValues: Float64Array; allLeaves: number } {
  const { leafOf, below, nLeaves } = leafSets(tree);
  const leafValues = new Float64Array(nLeaves);
  for (let i = 0; i < tree.feature.length; i++) if (leafOf[i] >= 0) leafValues[leafOf[i]] = tree.value[i];
  const allLeaves = nLeaves === 32 ? -1 : (1 << nLeaves) - 1;

  // Per feature: possible leaves for each (clamped) code.
  const featureMask = new Map<number, Int32Array>();
  for (let i = 0; i < tree.feature.length; i++) {
    const f = tree.feature[i];
    if (f < 0) continue;
    let mask = featureMask.get(f);
    if (!mask) {
      mask = new Int32Array(layout.width[f]).fill(-1);
      featureMask.set(f, mask);
    }
    const notRight = ~below[tree.right[i]];
    const notLeft = ~below[tree.left[i]];
    if (isPlainNode(tree, i)) {
      const t = tree.threshold[i];
      for (let c = 0; c < mask.length; c++) mask[c] &= c <= t ? notRight : notLeft;
    } else {
      for (let c = 0; c < mask.length; c++) mask[c] &= goesLeft(tree, i, c, missingBin) ? notRight : notLeft;
    }
  }

  const composites = [...new Set([...featureMask.keys()].map((f) => layout.compositeOf[f]))].sort((a, b) => a - b);
  const tables = composites.map((g) => {
    const table = new Int32Array(layout.size[g]).fill(-1);
    for (const f of layout.members[g]) {
      const mask = featureMask.get(f);
      if (!mask) continue;
      const w = layout.width[f];
      const s = layout.stride[f];
      for (let code = 0; code < table.length; code++) table[code] &= mask[Math.floor(code / s) % w];
    }
    return table;
  });
  return { composites, tables, leafValues, allLeaves };
}
