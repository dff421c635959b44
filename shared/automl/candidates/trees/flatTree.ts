import { z } from 'zod';
import type { BinnedMatrix } from '../../matrix.js';

/**
 * A CART tree as parallel arrays (pure JSON). Node 0 is the root; a leaf has feature −1.
 * Convention as ml-cart: a row goes left when `x[feature] < threshold`. `values` holds `width`
 * numbers per node (leaves only are read): class proportions, or the mean for regression.
 * A loaded tree is checked structurally first (checkFlatTree.ts: children after their node).
 */
export const FlatTreeSchema = z.object({
  feature: z.array(z.number().int()),
  threshold: z.array(z.number()),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  width: z.number().int().positive(),
  values: z.array(z.number()),
});
export type FlatTree = z.infer<typeof FlatTreeSchema>;

interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  left?: CartNode;
  right?: CartNode;
  distribution?: number | number[][];
}

/**
 * Converts ml-cart's `toJSON().root` into a flat tree. `columns` maps the tree's columns to the
 * matrix columns (ml-random-forest trains each tree on a feature subset).
 */
export function flattenCartTree(root: unknown, width: number, columns?: readonly number[]): FlatTree {
  const tree: FlatTree = { feature: [], threshold: [], left: [], right: [], width, values: [] };
  const visit = (node: CartNode): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.values.push(...leafValues(node, width));
    if (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
      tree.feature[id] = columns ? columns[node.splitColumn] : node.splitColumn;
      tree.threshold[id] = node.splitValue;
      tree.left[id] = visit(node.left);
      tree.right[id] = visit(node.right);
    }
    return id;
  };
  // ml-cart keeps leaf distributions as ml-matrix instances; their JSON form is number[][].
  visit(JSON.parse(JSON.stringify(root)) as CartNode);
  return tree;
}

function leafValues(node: CartNode, width: number): number[] {
  const out = new Array<number>(width).fill(0);
  const d = node.distribution;
  if (typeof d === 'number') out[0] = d;
  else if (Array.isArray(d) && Array.isArray(d[0])) d[0].forEach((p, k) => { if (k < width) out[k] = p; });
  return out;
}

/** Adds, for each row, `scale ×` the leaf values of the row's leaf into `out` (rows × width). */
export function accumulateTree(tree: FlatTree, X: BinnedMatrix, scale: number, out: Float64Array): void {
  const { feature, threshold, left, right, values, width } = tree;
  for (let r = 0; r < X.rows; r++) {
    let node = 0;
    while (feature[node] >= 0) node = X.codes[feature[node]][r] < threshold[node] ? left[node] : right[node];
    for (let k = 0; k < width; k++) out[r * width + k] += scale * values[node * width + k];
  }
}
