import type { LeafSplits } from './leafSplits.js';
import type { SplitRules } from './split.js';

/**
 * Best category-set split of one categorical feature, as LightGBM's FindBestThresholdCategorical.
 *
 * The feature's missing bin (if any) is never a candidate, so missing rows, like rare and unseen
 * categories, always go right (LightGBM keeps NaN/"other" in its bin 0, outside every set).
 * - `nBins ≤ maxCatToOnehot`: one-vs-rest; each category with enough rows and hessian on both
 *   sides is tried alone on the left, gain with the plain λ.
 * - Otherwise many-vs-many: the categories with at least `catSmooth` rows (LightGBM filters on
 *   cat_smooth here, not on min_data_per_group) are sorted (stably) by G/(H + catSmooth), then
 *   scanned from both ends; a prefix of at most min(maxCatThreshold, ⌈used/2⌉) categories goes
 *   left. A prefix is evaluated only once the categories added since the last evaluated one hold
 *   `minDataPerGroup` rows, and the scan stops when the right side falls under `minDataPerGroup`
 *   rows. Both children use λ + catL2 (in the gain and, via `childLambda`, in their leaf values);
 *   the parent's score keeps the plain λ.
 * A candidate is recorded in `out` when its gain beats the leaf's current record.
 */
export function findCategoricalSplit(
  hist: Float64Array, at: number, nBins: number, missingBin: number, feature: number,
  sumGrad: number, sumHess: number, count: number, parentScore: number,
  rules: SplitRules, out: LeafSplits, leaf: number,
): void {
  const { minSamplesLeaf, minHessianLeaf, catSmooth, minDataPerGroup } = rules;
  const { order, keys } = out;
  let bestGain = out.gain[leaf];
  if (nBins <= rules.maxCatToOnehot) {
    const lambda = rules.l2Regularization;
    for (let c = 0; c < nBins; c++) {
      if (c === missingBin) continue;
      const k = at + 3 * c;
      const g = hist[k];
      const h = hist[k + 1];
      const n = hist[k + 2];
      if (n < minSamplesLeaf || h < minHessianLeaf) continue;
      const hO = sumHess - h;
      if (count - n < minSamplesLeaf || hO < minHessianLeaf) continue;
      const gO = sumGrad - g;
      const gain = (g * g) / (h + lambda) + (gO * gO) / (hO + lambda) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        order[0] = c;
        out.setCategories(leaf, gain, feature, order, 0, 1, 0, g, h, n);
      }
    }
    return;
  }

  let used = 0;
  for (let c = 0; c < nBins; c++) {
    const k = at + 3 * c;
    if (c === missingBin || hist[k + 2] < catSmooth) continue;
    keys[c] = hist[k] / (hist[k + 1] + catSmooth);
    // Stable insertion into the sorted prefix.
    let i = used++;
    while (i > 0 && keys[order[i - 1]] > keys[c]) {
      order[i] = order[i - 1];
      i--;
    }
    order[i] = c;
  }
  const maxNumCat = Math.min(rules.maxCatThreshold, (used + 1) >> 1, used);
  const lambda = rules.l2Regularization + rules.catL2;
  for (let dir = 1; dir >= -1; dir -= 2) {
    let gL = 0;
    let hL = 0;
    let cL = 0;
    let group = 0;
    for (let i = 0; i < maxNumCat; i++) {
      const k = at + 3 * (dir === 1 ? order[i] : order[used - 1 - i]);
      gL += hist[k];
      hL += hist[k + 1];
      cL += hist[k + 2];
      group += hist[k + 2];
      if (cL < minSamplesLeaf || hL < minHessianLeaf) continue;
      const cR = count - cL;
      if (cR < minSamplesLeaf || cR < minDataPerGroup) break;
      const hR = sumHess - hL;
      if (hR < minHessianLeaf) break;
      if (group < minDataPerGroup) continue;
      group = 0;
      const gR = sumGrad - gL;
      const gain = (gL * gL) / (hL + lambda) + (gR * gR) / (hR + lambda) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        const from = dir === 1 ? 0 : used - 1 - i;
        out.setCategories(leaf, gain, feature, order, from, from + i + 1, rules.catL2, gL, hL, cL);
      }
    }
  }
}
