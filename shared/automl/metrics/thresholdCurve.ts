/**
 * The cumulative confusion counts at each distinct score, highest score first, as scikit-learn's
 * `_binary_clf_curve` (internal: not re-exported by `index.ts`). Shared by `rocAuc`,
 * `averagePrecision` and `bestF1Threshold`.
 *
 * The scores are split by class and each part is sorted once with the native typed-array sort
 * (no comparator, no index objects); a single merge from the top then walks the distinct scores.
 * O(n log n) time, O(n) memory.
 */
import { checkFinite, checkLengths, countBinaryLabels } from './validation.js';

export interface ThresholdCurve {
  /** The distinct scores, strictly decreasing. */
  thresholds: Float64Array;
  /** tps[i]: number of positives with score ≥ thresholds[i]. */
  tps: Float64Array;
  /** fps[i]: number of negatives with score ≥ thresholds[i]. */
  fps: Float64Array;
  positives: number;
  negatives: number;
}

export function thresholdCurve(metric: string, labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdCurve {
  const n = checkLengths(metric, labels, scores, 'labels', 'scores');
  const positives = countBinaryLabels(metric, labels);
  checkFinite(metric, scores, 'scores');
  const negatives = n - positives;

  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (labels[i] === 1) pos[p++] = scores[i];
    else neg[q++] = scores[i];
  }
  pos.sort();
  neg.sort();

  const thresholds = new Float64Array(n);
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  let i = positives - 1;
  let j = negatives - 1;
  let tp = 0;
  let fp = 0;
  let m = 0;
  while (i >= 0 || j >= 0) {
    // Scores are finite, so -Infinity marks an exhausted side; -0 and +0 are one threshold.
    const a = i >= 0 ? pos[i] : -Infinity;
    const b = j >= 0 ? neg[j] : -Infinity;
    const t = a >= b ? a : b;
    while (i >= 0 && pos[i] === t) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === t) {
      fp++;
      j--;
    }
    thresholds[m] = t;
    tps[m] = tp;
    fps[m] = fp;
    m++;
  }
  return {
    thresholds: thresholds.subarray(0, m),
    tps: tps.subarray(0, m),
    fps: fps.subarray(0, m),
    positives,
    negatives,
  };
}
