import { checkLengths, checkProbabilities, countBinaryLabels } from './validation.js';

/**
 * Brier score of 0/1 `labels` against `probabilities` of class 1: mean (p − y)², as
 * scikit-learn's `brier_score_loss` (binary, no scaling). Lower is better; a single class is
 * allowed.
 *
 * @throws InvalidInputError on empty input, mismatched lengths, a label other than 0/1, or a
 *   probability that is not finite or outside [0, 1].
 */
export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const n = checkLengths('brierScore', labels, probabilities, 'labels', 'probabilities');
  countBinaryLabels('brierScore', labels);
  checkProbabilities('brierScore', probabilities);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = probabilities[i] - labels[i];
    sum += d * d;
  }
  return sum / n;
}
