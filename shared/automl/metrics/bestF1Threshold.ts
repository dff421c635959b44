import { InvalidInputError } from '../errors.js';
import { thresholdCurve } from './thresholdCurve.js';

/**
 * The decision threshold t that maximises the binary F1 score (positive class 1) of the
 * prediction (score ≥ t), and that F1. The candidates are the distinct values of `scores`, taken
 * from the highest down in one pass over the sorted scores (O(n log n)); F1 at each is
 * 2·TP / (TP + FP + P), i.e. scikit-learn's `f1_score(labels, scores >= t)`.
 *
 * Ties: among thresholds with equal F1 the HIGHEST one wins (fewest predicted positives). Equal
 * F1 values are exactly equal doubles, since each is the correctly rounded quotient of integers,
 * so the choice is deterministic.
 *
 * @throws InvalidInputError on empty input, mismatched lengths, a label other than 0/1, a
 *   non-finite score, or no positive label (F1 is then 0 at every threshold).
 */
export function bestF1Threshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): { threshold: number; f1: number } {
  const { thresholds, tps, fps, positives } = thresholdCurve('bestF1Threshold', labels, scores);
  if (positives === 0) {
    throw new InvalidInputError('bestF1Threshold: labels hold no positive (1); every threshold has F1 = 0');
  }
  let bestF1 = -1;
  let bestThreshold = thresholds[0];
  for (let i = 0; i < thresholds.length; i++) {
    const f1 = (2 * tps[i]) / (tps[i] + fps[i] + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      bestThreshold = thresholds[i];
    }
  }
  return { threshold: bestThreshold, f1: bestF1 };
}
