import { checkFinite, checkRowMajor } from './validation.js';

/**
 * Accuracy of the argmax of row-major (n × k) `probabilities` against class indices `labels`,
 * as scikit-learn's `accuracy_score(labels, probabilities.argmax(axis=1))`: on a tie within a
 * row the FIRST (lowest) class index wins, as `numpy.argmax`.
 *
 * @throws InvalidInputError on empty input, k not an integer ≥ 2, probabilities.length ≠ n·k, a
 *   label that is not an integer in [0, k), or a non-finite probability.
 */
export function multiclassAccuracy(labels: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): number {
  const n = checkRowMajor('multiclassAccuracy', labels, probabilities, k);
  checkFinite('multiclassAccuracy', probabilities, 'probabilities');
  let correct = 0;
  for (let i = 0, row = 0; i < n; i++, row += k) {
    let best = 0;
    let bestValue = probabilities[row];
    for (let c = 1; c < k; c++) {
      const v = probabilities[row + c];
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    if (best === labels[i]) correct++;
  }
  return correct / n;
}
