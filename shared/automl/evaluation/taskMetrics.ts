import { z } from 'zod';
import {
  accuracy,
  averagePrecision,
  brierScore,
  f1Score,
  logLoss,
  meanAbsoluteError,
  multiclassAccuracy,
  multiclassLogLoss,
  r2Score,
  rmse,
  rocAuc,
} from '../metrics/index.js';
import type { Task } from '../task.js';

/** The one metric every candidate of a task is ranked by. */
export const PrimaryMetricSchema = z.enum(['roc_auc', 'log_loss', 'rmse']);
export type PrimaryMetric = z.infer<typeof PrimaryMetricSchema>;

export const PRIMARY_METRIC: Record<Task, PrimaryMetric> = {
  binary: 'roc_auc',
  multiclass: 'log_loss',
  regression: 'rmse',
};

/** ROC AUC is better higher; log loss and RMSE lower. */
export function higherIsBetter(metric: PrimaryMetric): boolean {
  return metric === 'roc_auc';
}

/** Orders two scores of `metric`, best first (for sort). */
export function compareScores(metric: PrimaryMetric, a: number, b: number): number {
  return higherIsBetter(metric) ? b - a : a - b;
}

/**
 * The primary metric of predictions: `predictions` is the positive-class probability (binary),
 * row-major class probabilities (multiclass), or values (regression).
 */
export function primaryScore(task: Task, y: Float64Array, predictions: Float64Array, nClasses: number): number {
  if (task === 'binary') return rocAuc(y, predictions);
  if (task === 'multiclass') return multiclassLogLoss(y, predictions, nClasses);
  return rmse(y, predictions);
}

/**
 * Primary and secondary metrics. Binary: ROC AUC, log loss, PR AUC (average precision), Brier
 * score, and accuracy and F1 at `threshold` (score ≥ threshold is positive). Multiclass: log loss
 * and accuracy (argmax). Regression: RMSE, R², MAE.
 */
export function taskMetrics(
  task: Task,
  y: Float64Array,
  predictions: Float64Array,
  nClasses: number,
  threshold = 0.5,
): Record<string, number> {
  if (task === 'binary') {
    const predicted = predictions.map((p) => (p >= threshold ? 1 : 0));
    return {
      roc_auc: rocAuc(y, predictions),
      log_loss: logLoss(y, predictions),
      pr_auc: averagePrecision(y, predictions),
      brier: brierScore(y, predictions),
      f1: f1Score(y, predicted),
      accuracy: accuracy(y, predicted),
      threshold,
    };
  }
  if (task === 'multiclass') {
    return { log_loss: multiclassLogLoss(y, predictions, nClasses), accuracy: multiclassAccuracy(y, predictions, nClasses) };
  }
  return { rmse: rmse(y, predictions), r2: r2Score(y, predictions), mae: meanAbsoluteError(y, predictions) };
}
