import { InvalidInputError } from '../errors.js';
import { thresholdCurve } from './thresholdCurve.js';

/**
 * Area under the ROC curve of binary `labels` (0/1) ranked by `scores` (higher = more positive),
 * as scikit-learn's `roc_auc_score`: the curve has one point per distinct score, so tied scores
 * form a diagonal segment and count by the trapezoidal rule (a tied positive–negative pair counts
 * ½, the Mann–Whitney convention). Computed from integer counts with a single final division.
 * O(n log n).
 *
 * @throws InvalidInputError on empty input, mismatched lengths, a label other than 0/1, a
 *   non-finite score, or a single class (scikit-learn returns NaN with a warning there).
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { tps, fps, positives, negatives } = thresholdCurve('rocAuc', labels, scores);
  if (positives === 0 || negatives === 0) {
    throw new InvalidInputError(`rocAuc: labels hold a single class (${positives === 0 ? 0 : 1}); ROC AUC is undefined`);
  }
  // Twice the area in units of (1 negative × 1 positive): an exact integer for n < 2^26.
  let doubled = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let i = 0; i < tps.length; i++) {
    doubled += (fps[i] - prevFp) * (tps[i] + prevTp);
    prevTp = tps[i];
    prevFp = fps[i];
  }
  return doubled / (2 * positives * negatives);
}
