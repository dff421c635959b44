import { InvalidInputError } from '../errors.js';
import { thresholdCurve } from './thresholdCurve.js';

/**
 * Average precision (area under the precision–recall curve) of binary `labels` (0/1) ranked by
 * `scores`, as scikit-learn's `average_precision_score`: AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct
 * scores taken as thresholds from the highest down (a step function, no interpolation; tied
 * scores enter together as one threshold). O(n log n).
 *
 * @throws InvalidInputError on empty input, mismatched lengths, a label other than 0/1, a
 *   non-finite score, or no positive label (recall is undefined; scikit-learn returns 0 with a
 *   warning). All-positive labels give 1, as scikit-learn.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { tps, fps, positives } = thresholdCurve('averagePrecision', labels, scores);
  if (positives === 0) {
    throw new InvalidInputError('averagePrecision: labels hold no positive (1); average precision is undefined');
  }
  let sum = 0;
  let prevTp = 0;
  for (let i = 0; i < tps.length; i++) {
    const tp = tps[i];
    if (tp !== prevTp) sum += (tp - prevTp) * (tp / (tp + fps[i]));
    prevTp = tp;
  }
  return sum / positives;
}
