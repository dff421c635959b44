import type { HistogramLayout } from './histogram.js';

/**
 * Best-split search over a leaf's histogram, as in LightGBM.
 *
 * A split (feature f, threshold bin t) sends rows with code ≤ t left. Its gain is
 * G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ); it is admissible when both children keep at least
 * `minSamplesLeaf` rows and `minHessianLeaf` hessian, and is taken only with gain > 0. Ties keep the
 * first candidate in (feature slot, threshold) order, so the search is deterministic.
 */
export interface SplitRules {
  readonly minSamplesLeaf: number;
  readonly minHessianLeaf: number;
  readonly l2Regularization: number;
}

/**
 * The best split of every live leaf, struct-of-arrays indexed by leaf id. `gain[l]` is −Infinity
 * when leaf l cannot (or may not) split.
 */
export class LeafSplits {
  readonly gain: Float64Array;
  /** Feature index (not slot) of the split. */
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly leftGrad: Float64Array;
  readonly leftHess: Float64Array;
  readonly leftCount: Float64Array;

  constructor(maxLeaves: number) {
    this.gain = new Float64Array(maxLeaves);
    this.feature = new Int32Array(maxLeaves);
    this.threshold = new Int32Array(maxLeaves);
    this.leftGrad = new Float64Array(maxLeaves);
    this.leftHess = new Float64Array(maxLeaves);
    this.leftCount = new Float64Array(maxLeaves);
  }

  /** Marks leaf l as unsplittable. */
  clear(leaf: number): void {
    this.gain[leaf] = -Infinity;
  }
}

/**
 * Finds the best split of `leaf` from its histogram and its totals (gradient `sumGrad`, hessian
 * `sumHess`, `count` rows) and records it in `out` (gain −Infinity when none has positive gain).
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  sumGrad: number,
  sumHess: number,
  count: number,
  rules: SplitRules,
  out: LeafSplits,
  leaf: number,
): void {
  const { minSamplesLeaf, minHessianLeaf } = rules;
  const lambda = rules.l2Regularization;
  const parentScore = (sumGrad * sumGrad) / (sumHess + lambda);
  let bestGain = 0;
  let bestSlot = -1;
  let bestThreshold = 0;
  let bestG = 0;
  let bestH = 0;
  let bestC = 0;
  const { nBins, offsets } = layout;
  for (let j = 0; j < nBins.length; j++) {
    const last = nBins[j] - 1;
    let at = offsets[j] * 3;
    let gL = 0;
    let hL = 0;
    let cL = 0;
    for (let b = 0; b < last; b++, at += 3) {
      gL += hist[at];
      hL += hist[at + 1];
      cL += hist[at + 2];
      if (cL < minSamplesLeaf || hL < minHessianLeaf) continue;
      const cR = count - cL;
      const hR = sumHess - hL;
      if (cR < minSamplesLeaf || hR < minHessianLeaf) break;
      const gR = sumGrad - gL;
      const gain = (gL * gL) / (hL + lambda) + (gR * gR) / (hR + lambda) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestSlot = j;
        bestThreshold = b;
        bestG = gL;
        bestH = hL;
        bestC = cL;
      }
    }
  }
  if (bestSlot < 0) {
    out.gain[leaf] = -Infinity;
    return;
  }
  out.gain[leaf] = bestGain;
  out.feature[leaf] = layout.features[bestSlot];
  out.threshold[leaf] = bestThreshold;
  out.leftGrad[leaf] = bestG;
  out.leftHess[leaf] = bestH;
  out.leftCount[leaf] = bestC;
}
