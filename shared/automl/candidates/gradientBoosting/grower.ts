import { subtractHistogram, type HistogramLayout } from './histogram.js';
import { createGrowthBackend, type GrowthBackend } from './growthBackend.js';
import { DataPartition } from './partition.js';
import { findBestSplit, LeafSplits, type SplitRules } from './split.js';
import type { ScoreState } from './loss.js';
import type { Tree } from './tree.js';
import { TreeBuilder } from './treeBuilder.js';

/** What shapes a tree: the split rules plus the growth caps and the shrinkage. */
export interface GrowthRules extends SplitRules {
  readonly maxLeaves: number;
  /** Maximum depth (root = 0), or null for no cap. */
  readonly maxDepth: number | null;
  readonly learningRate: number;
}

/**
 * Grows trees leaf-wise (best-first), LightGBM style, on a fixed training matrix. All buffers are
 * allocated once per fit and reused by every tree: the row partition, one histogram per leaf id
 * (`maxLeaves` buffers), a row-major copy of the codes (see histogram.ts), all owned by the
 * growth backend (growthBackend.ts: WebAssembly kernels or the JavaScript loops, same trees), and
 * the per-leaf split records.
 *
 * Per split, only the smaller child's histogram is built from its rows; the larger child's is the
 * parent's minus it (the subtraction trick), computed in the parent's buffer. Nothing is built
 * when neither child may split further, and the subtraction is skipped when the larger one may not.
 *
 * After {@link grow}, the partition still holds the rows of each leaf, which {@link addToScores}
 * uses to update training scores without traversing the tree (the leaf of each row first, then
 * one sequential pass over the scores).
 *
 * Splits may send the missing bin left or split by category sets (split.ts); a leaf created by a
 * many-vs-many categorical split gets the extra cat_l2 in its value, as in LightGBM.
 */
export class TreeGrower {
  private readonly partition: DataPartition;
  private readonly splits: LeafSplits;
  /** The buffers and hot loops (growthBackend.ts). */
  private readonly backend: GrowthBackend;
  /** Histogram buffers (`backend.hists`); `histOf[leaf]` is the buffer index holding that leaf's histogram. */
  private readonly hists: readonly Float64Array[];
  private readonly histOf: Int32Array;
  private readonly leafGrad: Float64Array;
  private readonly leafHess: Float64Array;
  private readonly leafDepth: Int32Array;
  private readonly leafNode: Int32Array;
  private readonly leafValue: Float64Array;
  /** Extra L2 of each leaf's value (cat_l2 after a many-vs-many split, else 0). */
  private readonly leafLambda: Float64Array;
  private nLeaves = 0;
  private readonly nodes: TreeBuilder;

  constructor(
    columns: readonly Uint8Array[],
    private readonly nRows: number,
    private readonly layout: HistogramLayout,
    private readonly rules: GrowthRules,
    /** Missing bin per feature (BinnedMatrix.missingBin), for defaultLeft partitions. */
    private readonly missingBin: readonly number[] = [],
    /** Score columns whose gradients {@link gradients} holds (1, or the number of classes). */
    nScores = 1,
    /** Which loops to run (growthBackend.ts); 'js' for tests comparing the two. */
    backend: 'wasm' | 'js' = 'wasm',
  ) {
    const maxLeaves = rules.maxLeaves;
    this.backend = createGrowthBackend(layout, columns, nRows, maxLeaves, nScores, backend);
    this.hists = this.backend.hists;
    this.partition = new DataPartition(this.backend.indices, maxLeaves, this.backend.partition);
    this.splits = new LeafSplits(maxLeaves, layout.categorical.includes(1));
    this.histOf = new Int32Array(maxLeaves);
    this.leafGrad = new Float64Array(maxLeaves);
    this.leafHess = new Float64Array(maxLeaves);
    this.leafDepth = new Int32Array(maxLeaves);
    this.leafNode = new Int32Array(maxLeaves);
    this.leafValue = new Float64Array(maxLeaves);
    this.leafLambda = new Float64Array(maxLeaves);
    this.nodes = new TreeBuilder(maxLeaves);
  }

  /**
   * Grows one tree on gradients `grad` and hessians `hess` (length nRows). Returns null when the
   * root cannot split (the booster then stops), else the tree with shrunk leaf values.
   */
  grow(grad: Float64Array, hess: Float64Array): Tree | null {
    const { rules, splits, partition } = this;
    partition.reset();
    for (let l = 0; l < this.histOf.length; l++) this.histOf[l] = l;
    const rootHist = this.hists[0];
    this.backend.setGradients(grad, hess);
    this.backend.buildAll(0);
    // Root totals from the first feature's bins (every row falls in exactly one of them).
    let sumG = 0;
    let sumH = 0;
    if (this.layout.features.length > 0) {
      for (let b = 0, at = 0; b < this.layout.nBins[0]; b++, at += 3) {
        sumG += rootHist[at];
        sumH += rootHist[at + 1];
      }
    }
    this.nLeaves = 1;
    this.nodes.reset();
    this.leafNode[0] = 0;
    this.leafLambda[0] = 0;
    this.leafGrad[0] = sumG;
    this.leafHess[0] = sumH;
    this.leafDepth[0] = 0;
    if (this.layout.features.length === 0 || !this.maySplit(0)) return null;
    findBestSplit(rootHist, this.layout, sumG, sumH, this.nRows, rules, splits, 0);
    if (!(splits.gain[0] > 0)) return null;

    while (this.nLeaves < rules.maxLeaves) {
      let best = -1;
      let bestGain = 0;
      for (let l = 0; l < this.nLeaves; l++) {
        if (splits.gain[l] > bestGain) {
          bestGain = splits.gain[l];
          best = l;
        }
      }
      if (best < 0) break;
      this.splitLeaf(best);
    }
    return this.finishTree();
  }

  /** Class-major gradient and hessian buffers (`nScores × nRows`) for the booster to fill; grow() reads them fastest. */
  get gradients(): { grad: Float64Array; hess: Float64Array } {
    return { grad: this.backend.grad, hess: this.backend.hess };
  }

  /** Adds each leaf's value to the class-`c` scores of its rows, for the last grown tree. */
  addToScores(state: ScoreState, c: number): void {
    const { leafStart, leafCount } = this.partition;
    for (let l = 0; l < this.nLeaves; l++) this.backend.assignLeaf(leafStart[l], leafStart[l] + leafCount[l], l);
    state.addLeafValues(c, this.backend.leafOf, this.leafValue.subarray(0, this.nLeaves));
  }

  private maySplit(leaf: number): boolean {
    const { rules } = this;
    return (
      this.partition.leafCount[leaf] >= 2 * rules.minSamplesLeaf &&
      this.leafHess[leaf] >= 2 * rules.minHessianLeaf &&
      (rules.maxDepth === null || this.leafDepth[leaf] < rules.maxDepth)
    );
  }

  private splitLeaf(leaf: number): void {
    const { splits, partition, layout, rules } = this;
    const feature = splits.feature[leaf];
    const threshold = splits.threshold[leaf];
    const defaultLeft = splits.defaultLeft[leaf];
    const categories = splits.categorical[leaf] === 1 ? splits.categoriesOf(leaf) : null;
    const right = this.nLeaves++;
    const missingLeft = defaultLeft === 1 ? this.missingBin[feature] : -1;
    partition.splitNode(leaf, feature, threshold, missingLeft, categories, right);
    const leftNode = this.nodes.split(this.leafNode[leaf], feature, threshold, defaultLeft, categories);
    this.leafNode[leaf] = leftNode;
    this.leafNode[right] = leftNode + 1;
    this.leafLambda[leaf] = splits.childLambda[leaf];
    this.leafLambda[right] = splits.childLambda[leaf];

    const parentG = this.leafGrad[leaf];
    const parentH = this.leafHess[leaf];
    this.leafGrad[leaf] = splits.leftGrad[leaf];
    this.leafHess[leaf] = splits.leftHess[leaf];
    this.leafGrad[right] = parentG - splits.leftGrad[leaf];
    this.leafHess[right] = parentH - splits.leftHess[leaf];
    const depth = this.leafDepth[leaf] + 1;
    this.leafDepth[leaf] = depth;
    this.leafDepth[right] = depth;

    const leftMay = this.maySplit(leaf);
    const rightMay = this.maySplit(right);
    splits.clear(leaf);
    splits.clear(right);
    if (!leftMay && !rightMay) return;

    // The smaller child is built from its rows into the free buffer of `right`; the larger one
    // is derived in the parent's buffer. Buffer indices are swapped so each leaf finds its own.
    const leftCount = partition.leafCount[leaf];
    const rightCount = partition.leafCount[right];
    const smaller = leftCount <= rightCount ? leaf : right;
    const larger = smaller === leaf ? right : leaf;
    const parentBuffer = this.histOf[leaf];
    const freeBuffer = this.histOf[right];
    this.histOf[smaller] = freeBuffer;
    this.histOf[larger] = parentBuffer;
    const smallHist = this.hists[freeBuffer];
    const largeHist = this.hists[parentBuffer];
    const start = partition.leafStart[smaller];
    const count = partition.leafCount[smaller];
    this.backend.build(freeBuffer, start, start + count);
    const largerMay = larger === leaf ? leftMay : rightMay;
    const smallerMay = smaller === leaf ? leftMay : rightMay;
    if (smallerMay) {
      findBestSplit(smallHist, layout, this.leafGrad[smaller], this.leafHess[smaller], count, rules, splits, smaller);
    }
    if (largerMay) {
      subtractHistogram(largeHist, smallHist);
      findBestSplit(
        largeHist, layout, this.leafGrad[larger], this.leafHess[larger],
        partition.leafCount[larger], rules, splits, larger,
      );
    }
  }

  private finishTree(): Tree {
    const { rules } = this;
    for (let l = 0; l < this.nLeaves; l++) {
      // Only reachable with minHessianLeaf = 0 and λ = 0: an all-zero-hessian leaf gets 0.
      const denominator = this.leafHess[l] + rules.l2Regularization + this.leafLambda[l];
      const v = denominator > 0 ? (-this.leafGrad[l] / denominator) * rules.learningRate : 0;
      this.leafValue[l] = v;
      this.nodes.value[this.leafNode[l]] = v;
    }
    return this.nodes.finish();
  }
}
