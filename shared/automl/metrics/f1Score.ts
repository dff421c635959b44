import { checkLengths, countBinaryLabels } from './validation.js';

/**
 * Binary F1 score with positive class 1: 2·TP / (2·TP + FP + FN), as scikit-learn's `f1_score`
 * with `zero_division=0`: when there is no predicted and no true positive (the denominator is 0)
 * the score is 0.
 *
 * @throws InvalidInputError on empty input, mismatched lengths, or a label other than 0/1 in
 *   either array.
 */
export function f1Score(labels: ArrayLike<number>, predictedLabels: ArrayLike<number>): number {
  const n = checkLengths('f1Score', labels, predictedLabels, 'labels', 'predictedLabels');
  const truePositives = countBinaryLabels('f1Score', labels);
  const predictedPositives = countBinaryLabels('f1Score', predictedLabels, 'predictedLabels');
  let tp = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1 && predictedLabels[i] === 1) tp++;
  const denominator = truePositives + predictedPositives; // = 2·TP + FP + FN
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}
