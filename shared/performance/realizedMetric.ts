/**
 * A metric realized on labeled rows, as NannyML's CBPE metrics compute it on reference chunks
 * (`_realized_performance`): ROC AUC of the true labels ranked by the uncalibrated score
 * (scikit-learn's `roc_auc_score`), NaN when the labels hold one class; F1, precision and recall
 * of the predicted labels (positive class 1), NaN when the true or the predicted labels hold
 * one value; accuracy always.
 */
import { accuracy, f1Score, rocAuc } from '../automl/metrics/index.js';
import type { PerformanceMetric } from './performanceSchemas.js';

export interface LabeledRows {
  readonly scores: ArrayLike<number>;
  readonly predicted: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
}

export function realizedMetric(metric: PerformanceMetric, rows: LabeledRows): number {
  const n = rows.labels.length;
  if (n === 0) return Number.NaN;
  const truePositives = count(rows.labels);
  const predictedPositives = count(rows.predicted);
  const oneClass = truePositives === 0 || truePositives === n;
  if (metric === 'roc_auc') return oneClass ? Number.NaN : rocAuc(rows.labels, rows.scores);
  if (metric === 'accuracy') return accuracy(rows.labels, rows.predicted);
  if (oneClass || predictedPositives === 0 || predictedPositives === n) return Number.NaN;
  if (metric === 'f1') return f1Score(rows.labels, rows.predicted);
  let tp = 0;
  for (let i = 0; i < n; i++) if (rows.labels[i] === 1 && rows.predicted[i] === 1) tp++;
  return metric === 'precision' ? tp / predictedPositives : tp / truePositives;
}

function count(values: ArrayLike<number>): number {
  let ones = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 1) ones++;
  return ones;
}
