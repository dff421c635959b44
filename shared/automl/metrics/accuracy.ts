import { checkClassLabels, checkLengths } from './validation.js';

/**
 * Fraction of predictions equal to the labels, as scikit-learn's `accuracy_score`
 * (`normalize=True`). Works for binary and multiclass class indices.
 *
 * @throws InvalidInputError on empty input, mismatched lengths, or a label that is not an
 *   integer ≥ 0 in either array.
 */
export function accuracy(labels: ArrayLike<number>, predictedLabels: ArrayLike<number>): number {
  const n = checkLengths('accuracy', labels, predictedLabels, 'labels', 'predictedLabels');
  checkClassLabels('accuracy', labels, 'labels');
  checkClassLabels('accuracy', predictedLabels, 'predictedLabels');
  let correct = 0;
  for (let i = 0; i < n; i++) if (labels[i] === predictedLabels[i]) correct++;
  return correct / n;
}
