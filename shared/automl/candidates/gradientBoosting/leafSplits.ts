import { LEFT_WORDS } from './decision.js';

/**
 * The best split of every live leaf of the tree being grown, struct-of-arrays indexed by leaf id
 * (LightGBM's SplitInfo per leaf). `gain[l]` is −Infinity when leaf l cannot (or may not) split.
 *
 * A split is one of the node kinds of tree.ts: a threshold (`threshold`, plus `defaultLeft` when
 * the feature's missing bin goes left) or, with `categorical[l] = 1`, the category set stored as
 * 256 bits at `catSet[l × LEFT_WORDS ..]`. `leftGrad/leftHess/leftCount` are the left child's
 * totals (missing rows included when they go left); `childLambda` is the extra L2 of both children's
 * leaf values (LightGBM's cat_l2 after a many-vs-many categorical split, else 0).
 */
export class LeafSplits {
  readonly gain: Float64Array;
  /** Feature index (not slot) of the split. */
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly defaultLeft: Uint8Array;
  readonly categorical: Uint8Array;
  /** Left category sets; empty when no feature is categorical. */
  readonly catSet: Int32Array;
  readonly childLambda: Float64Array;
  readonly leftGrad: Float64Array;
  readonly leftHess: Float64Array;
  readonly leftCount: Float64Array;
  /** Scratch of the categorical search: category order and sort keys (256 each). */
  readonly order = new Int32Array(256);
  readonly keys = new Float64Array(256);

  constructor(maxLeaves: number, withCategories: boolean) {
    this.gain = new Float64Array(maxLeaves);
    this.feature = new Int32Array(maxLeaves);
    this.threshold = new Int32Array(maxLeaves);
    this.defaultLeft = new Uint8Array(maxLeaves);
    this.categorical = new Uint8Array(maxLeaves);
    this.catSet = new Int32Array(withCategories ? maxLeaves * LEFT_WORDS : 0);
    this.childLambda = new Float64Array(maxLeaves);
    this.leftGrad = new Float64Array(maxLeaves);
    this.leftHess = new Float64Array(maxLeaves);
    this.leftCount = new Float64Array(maxLeaves);
  }

  /** Marks leaf l as unsplittable. */
  clear(leaf: number): void {
    this.gain[leaf] = -Infinity;
  }

  /** Records a threshold split of `leaf` (its gain must beat the current record). */
  setThreshold(leaf: number, gain: number, feature: number, threshold: number, defaultLeft: number, g: number, h: number, c: number): void {
    this.gain[leaf] = gain;
    this.feature[leaf] = feature;
    this.threshold[leaf] = threshold;
    this.defaultLeft[leaf] = defaultLeft;
    this.categorical[leaf] = 0;
    this.childLambda[leaf] = 0;
    this.leftGrad[leaf] = g;
    this.leftHess[leaf] = h;
    this.leftCount[leaf] = c;
  }

  /** Records a categorical split of `leaf`: codes `order[from .. to)` go left. */
  setCategories(
    leaf: number, gain: number, feature: number, order: Int32Array, from: number, to: number,
    childLambda: number, g: number, h: number, c: number,
  ): void {
    this.setThreshold(leaf, gain, feature, 0, 0, g, h, c);
    this.categorical[leaf] = 1;
    this.childLambda[leaf] = childLambda;
    const at = leaf * LEFT_WORDS;
    this.catSet.fill(0, at, at + LEFT_WORDS);
    for (let i = from; i < to; i++) this.catSet[at + (order[i] >>> 5)] |= 1 << (order[i] & 31);
  }

  /** Leaf l's category codes going left, ascending. */
  categoriesOf(leaf: number): Uint8Array {
    const codes: number[] = [];
    const at = leaf * LEFT_WORDS;
    for (let c = 0; c < 256; c++) if ((this.catSet[at + (c >>> 5)] >>> (c & 31)) & 1) codes.push(c);
    return Uint8Array.from(codes);
  }
}
