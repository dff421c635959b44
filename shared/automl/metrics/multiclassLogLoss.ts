import { LOG_LOSS_EPS } from './logLoss.js';
import { checkProbabilities, checkRowMajor } from './validation.js';

/**
 * Mean multiclass log loss (cross-entropy, natural log): −mean ln p[i, yᵢ], where `probabilities`
 * is row-major (n × k) and `labels` are class indices 0..k−1. Each probability is clipped to
 * [eps, 1 − eps] with eps = 1e-15 (see `logLoss`; scikit-learn ≥ 1.5 uses the float64 machine
 * epsilon). Rows are used as given, not renormalised: scikit-learn 1.9 only warns on rows that
 * do not sum to 1, and so this function does not check row sums. Classes absent from `labels`
 * are fine (scikit-learn then needs `labels=range(k)`).
 *
 * @throws InvalidInputError on empty input, k not an integer ≥ 2, probabilities.length ≠ n·k, a
 *   label that is not an integer in [0, k), or a probability not finite or outside [0, 1].
 */
export function multiclassLogLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): number {
  const n = checkRowMajor('multiclassLogLoss', labels, probabilities, k);
  checkProbabilities('multiclassLogLoss', probabilities);
  const hi = 1 - LOG_LOSS_EPS;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let p = probabilities[i * k + labels[i]];
    if (p < LOG_LOSS_EPS) p = LOG_LOSS_EPS;
    else if (p > hi) p = hi;
    sum -= Math.log(p);
  }
  return sum / n;
}
