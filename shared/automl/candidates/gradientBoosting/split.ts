import { findCategoricalSplit } from './categoricalSplit.js';
import type { HistogramLayout } from './histogram.js';
import type { LeafSplits } from './leafSplits.js';

export { LeafSplits } from './leafSplits.js';

/**
 * Best-split search over a leaf's histogram, as LightGBM's FindBestThresholdNumerical.
 *
 * A threshold split (feature f, bin t) sends rows with code ≤ t left. Its gain is
 * G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ); it is admissible when both children keep at least
 * `minSamplesLeaf` rows and `minHessianLeaf` hessian, and is taken only with gain > 0. Ties keep the
 * first candidate in (feature slot, scan) order, so the search is deterministic.
 *
 * A feature with a missing bin m (= nBins − 1; LightGBM's missing_type NaN) scans thresholds over
 * the present bins 0..m−1 twice, as LightGBM: first right to left with the missing rows going left
 * (`defaultLeft`, thresholds m−2..0), then left to right with them going right (thresholds
 * 0..m−1; t = m−1 splits present vs missing), which wins only when strictly better. A leaf with no
 * missing rows therefore ends up defaultLeft, as in LightGBM where both scans tie (its reverse scan
 * runs first and the forward one must be strictly better). Categorical features: categoricalSplit.ts.
 */
export interface SplitRules {
  readonly minSamplesLeaf: number;
  readonly minHessianLeaf: number;
  readonly l2Regularization: number;
  /** LightGBM's max_cat_to_onehot, cat_smooth, cat_l2, min_data_per_group, max_cat_threshold. */
  readonly maxCatToOnehot: number;
  readonly catSmooth: number;
  readonly catL2: number;
  readonly minDataPerGroup: number;
  readonly maxCatThreshold: number;
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
  const parentScore = (sumGrad * sumGrad) / (sumHess + rules.l2Regularization);
  out.gain[leaf] = 0;
  out.feature[leaf] = -1;
  const { nBins, offsets, features, missingBin, categorical } = layout;
  for (let j = 0; j < nBins.length; j++) {
    const at = offsets[j] * 3;
    if (categorical[j] === 1) {
      findCategoricalSplit(hist, at, nBins[j], missingBin[j], features[j], sumGrad, sumHess, count, parentScore, rules, out, leaf);
      continue;
    }
    if (missingBin[j] >= 0) {
      scanMissingLeft(hist, at, missingBin[j], features[j], sumGrad, sumHess, count, parentScore, rules, out, leaf);
      // Without missing rows in the leaf the forward scan only repeats these partitions: a tie.
      if (hist[at + 3 * missingBin[j] + 2] === 0) continue;
    }
    scanForward(hist, at, nBins[j] - 1, features[j], sumGrad, sumHess, count, parentScore, rules, out, leaf);
  }
  if (out.feature[leaf] < 0) out.gain[leaf] = -Infinity;
}

/** Thresholds 0..last−1 left to right; codes above the threshold (the missing bin too) go right. */
function scanForward(
  hist: Float64Array, at: number, last: number, feature: number,
  sumGrad: number, sumHess: number, count: number, parentScore: number,
  rules: SplitRules, out: LeafSplits, leaf: number,
): void {
  const { minSamplesLeaf, minHessianLeaf } = rules;
  const lambda = rules.l2Regularization;
  const before = out.gain[leaf];
  let bestGain = before;
  let bestT = 0;
  let bestG = 0;
  let bestH = 0;
  let bestC = 0;
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
      bestT = b;
      bestG = gL;
      bestH = hL;
      bestC = cL;
    }
  }
  if (bestGain > before) out.setThreshold(leaf, bestGain, feature, bestT, 0, bestG, bestH, bestC);
}

/**
 * Thresholds m−2..0 right to left over the present bins 0..m−1; the missing bin m goes left
 * (LightGBM's REVERSE scan with NA_AS_MISSING).
 */
function scanMissingLeft(
  hist: Float64Array, at: number, m: number, feature: number,
  sumGrad: number, sumHess: number, count: number, parentScore: number,
  rules: SplitRules, out: LeafSplits, leaf: number,
): void {
  const { minSamplesLeaf, minHessianLeaf } = rules;
  const lambda = rules.l2Regularization;
  const before = out.gain[leaf];
  let bestGain = before;
  let bestT = 0;
  let bestG = 0;
  let bestH = 0;
  let bestC = 0;
  let gR = 0;
  let hR = 0;
  let cR = 0;
  for (let b = m - 1, k = at + 3 * b; b >= 1; b--, k -= 3) {
    gR += hist[k];
    hR += hist[k + 1];
    cR += hist[k + 2];
    if (cR < minSamplesLeaf || hR < minHessianLeaf) continue;
    const cL = count - cR;
    const hL = sumHess - hR;
    if (cL < minSamplesLeaf || hL < minHessianLeaf) break;
    const gL = sumGrad - gR;
    const gain = (gL * gL) / (hL + lambda) + (gR * gR) / (hR + lambda) - parentScore;
    if (gain > bestGain) {
      bestGain = gain;
      bestT = b - 1;
      bestG = gL;
      bestH = hL;
      bestC = cL;
    }
  }
  if (bestGain > before) out.setThreshold(leaf, bestGain, feature, bestT, 1, bestG, bestH, bestC);
}
