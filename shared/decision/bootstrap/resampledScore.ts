import { InvalidInputError } from '../../automl/errors.js';
import { multiclassLogLoss } from '../../automl/metrics/multiclassLogLoss.js';
import { PRIMARY_METRIC, type PrimaryMetric } from '../../automl/evaluation/taskMetrics.js';
import type { Task } from '../../automl/task.js';

/**
 * A model's primary metric on holdout rows, for any multiplicities of those rows: `score(weights)`
 * with weights[i] = how often row i is in a bootstrap resample (all ones: the holdout itself,
 * equal to `primaryScore`). Prepared once per model, then O(n) per resample:
 * - roc_auc: the Mann–Whitney form, Σ over positives of the weight of negatives scored lower plus
 *   half of those tied, over W₊·W₋ (ties count ½, as `rocAuc`); the rows are sorted once. A
 *   resample without both classes gives NaN.
 * - log_loss: the weighted mean of the per-row losses of `multiclassLogLoss` (its clipping).
 * - rmse: √ of the weighted mean of squared errors.
 */
export interface ResampledScore {
  readonly metric: PrimaryMetric;
  score(weights: Float64Array): number;
}

export function resampledScore(task: Task, y: ArrayLike<number>, predictions: ArrayLike<number>, nClasses: number): ResampledScore {
  const n = y.length;
  if (n === 0) throw new InvalidInputError('resampledScore: the holdout is empty');
  const metric = PRIMARY_METRIC[task];
  if (task === 'binary') return { metric, score: aucScorer(y, predictions) };
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    losses[i] =
      task === 'multiclass'
        ? multiclassLogLoss([y[i]], Array.prototype.slice.call(predictions, i * nClasses, (i + 1) * nClasses), nClasses)
        : (y[i] - predictions[i]) ** 2;
  }
  return {
    metric,
    score(weights) {
      let sum = 0;
      let total = 0;
      for (let i = 0; i < n; i++) {
        sum += weights[i] * losses[i];
        total += weights[i];
      }
      return task === 'multiclass' ? sum / total : Math.sqrt(sum / total);
    },
  };
}

function aucScorer(y: ArrayLike<number>, scores: ArrayLike<number>): (weights: Float64Array) => number {
  const order = Int32Array.from({ length: y.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  return (weights) => {
    let negativesBelow = 0;
    let area = 0;
    let positives = 0;
    for (let start = 0; start < order.length; ) {
      let end = start;
      let groupPositives = 0;
      let groupNegatives = 0;
      while (end < order.length && scores[order[end]] === scores[order[start]]) {
        const row = order[end++];
        if (y[row] === 1) groupPositives += weights[row];
        else groupNegatives += weights[row];
      }
      area += groupPositives * (negativesBelow + groupNegatives / 2);
      negativesBelow += groupNegatives;
      positives += groupPositives;
      start = end;
    }
    return positives > 0 && negativesBelow > 0 ? area / (positives * negativesBelow) : Number.NaN;
  };
}
