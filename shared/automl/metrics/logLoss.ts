import { checkLengths, checkProbabilities, countBinaryLabels } from './validation.js';

/** The clipping bound of `logLoss` and `multiclassLogLoss`. */
export const LOG_LOSS_EPS = 1e-15;

/**
 * Mean binary log loss (cross-entropy, natural log) of 0/1 `labels` against `probabilities` of
 * class 1: −mean(y·ln p + (1−y)·ln(1−p)). Probabilities are first clipped to [eps, 1 − eps] with
 * eps = 1e-15 (scikit-learn's former default; scikit-learn ≥ 1.5 clips with the float64 machine
 * epsilon 2.22e-16 instead, so results differ only where a probability lies within 1e-15 of 0 or
 * 1). A label 0 costs −ln(1 − p) computed on the clipped p, as scikit-learn. A single class is
 * allowed (scikit-learn then needs `labels=[0, 1]`).
 *
 * @throws InvalidInputError on empty input, mismatched lengths, a label other than 0/1, or a
 *   probability that is not finite or outside [0, 1].
 */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const n = checkLengths('logLoss', labels, probabilities, 'labels', 'probabilities');
  countBinaryLabels('logLoss', labels);
  checkProbabilities('logLoss', probabilities);
  const hi = 1 - LOG_LOSS_EPS;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let p = probabilities[i];
    if (p < LOG_LOSS_EPS) p = LOG_LOSS_EPS;
    else if (p > hi) p = hi;
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / n;
}
