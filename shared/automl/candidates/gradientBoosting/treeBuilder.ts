import type { Tree } from './tree.js';

/**
 * The node arrays of the tree being grown (capacity 2 × maxLeaves − 1), reused by every tree of
 * a fit, and their copy into a {@link Tree} (node conventions in tree.ts). The optional
 * `defaultLeft` / category arrays are emitted only when some node needs them, so plain numeric
 * trees keep exactly the five base arrays.
 */
export class TreeBuilder {
  private readonly feature: Int32Array;
  private readonly threshold: Int32Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  readonly value: Float64Array;
  private readonly defaultLeft: Uint8Array;
  /** Left codes of categorical nodes, null for the others. */
  private readonly categories: (Uint8Array | null)[];
  private nDefaultLeft = 0;
  private nCategorical = 0;
  nNodes = 0;

  constructor(maxLeaves: number) {
    const capacity = 2 * maxLeaves - 1;
    this.feature = new Int32Array(capacity);
    this.threshold = new Int32Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.defaultLeft = new Uint8Array(capacity);
    this.categories = new Array<Uint8Array | null>(capacity).fill(null);
  }

  /** Starts a new tree with a single leaf (the root). */
  reset(): void {
    this.nNodes = 1;
    this.nDefaultLeft = 0;
    this.nCategorical = 0;
    this.makeLeaf(0);
  }

  /** Turns leaf `node` into a split with two new leaves; returns the left child (right = left + 1). */
  split(node: number, feature: number, threshold: number, defaultLeft: number, categories: Uint8Array | null): number {
    const leftNode = this.nNodes;
    this.nNodes += 2;
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.left[node] = leftNode;
    this.right[node] = leftNode + 1;
    this.defaultLeft[node] = defaultLeft;
    this.nDefaultLeft += defaultLeft;
    this.categories[node] = categories;
    if (categories) this.nCategorical++;
    this.makeLeaf(leftNode);
    this.makeLeaf(leftNode + 1);
    return leftNode;
  }

  /** A copy of the current tree. */
  finish(): Tree {
    const n = this.nNodes;
    const tree: {
      -readonly [K in keyof Tree]: Tree[K];
    } = {
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
    };
    if (this.nDefaultLeft > 0) tree.defaultLeft = this.defaultLeft.slice(0, n);
    if (this.nCategorical > 0) {
      const boundaries = new Int32Array(n + 1);
      const codes: number[] = [];
      for (let i = 0; i < n; i++) {
        const set = this.categories[i];
        if (set) for (const c of set) codes.push(c);
        boundaries[i + 1] = codes.length;
      }
      tree.catBoundaries = boundaries;
      tree.catCodes = Uint8Array.from(codes);
    }
    return tree;
  }

  private makeLeaf(node: number): void {
    this.feature[node] = -1;
    this.threshold[node] = 0;
    this.left[node] = -1;
    this.right[node] = -1;
    this.value[node] = 0;
    this.defaultLeft[node] = 0;
    this.categories[node] = null;
  }
}
