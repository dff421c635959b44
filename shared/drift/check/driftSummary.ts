import type { ColumnDrift, DriftResult } from '../driftResult.js';

/** One column of a drift summary: the six fields, plus `status` and `missing_share`, which explain `drift`. */
export interface ColumnDriftSummary {
  readonly type: ColumnDrift['type'];
  readonly stattest: string;
  readonly statistic: number | null;
  /** Null for a distance (and for an `insufficient_data` column). */
  readonly p_value: number | null;
  readonly threshold: number;
  readonly drift: boolean;
  readonly status: ColumnDrift['status'];
  readonly missing_share: ColumnDrift['missing_share'];
}

/**
 * A drift result as `alm drift --json` prints it: no histograms; with a model, the prediction
 * drift, the multivariate drift (`{reconstruction_error, threshold: {lower, upper}, drift}`), for a
 * binary model with a calibration the performance estimated without labels (one number per
 * metric, null when it cannot be estimated), and the decision.
 */
export interface DriftSummary {
  readonly dataset_drift: boolean;
  readonly drift_share: number;
  readonly number_of_columns: number;
  readonly number_of_drifted_columns: number;
  readonly columns: Record<string, ColumnDriftSummary>;
  readonly prediction_drift?: ColumnDriftSummary;
  readonly multivariate_drift?: { readonly reconstruction_error: number; readonly threshold: { readonly lower: number | null; readonly upper: number }; readonly drift: boolean };
  readonly estimated_performance?: Readonly<Record<keyof NonNullable<DriftResult['estimated_performance']>['metrics'], number | null>>;
  readonly decision?: { readonly action: string; readonly reasons: readonly string[] };
}

export function columnDriftSummary(c: ColumnDrift): ColumnDriftSummary {
  return { type: c.type, stattest: c.stattest, statistic: c.statistic, p_value: c.p_value, threshold: c.threshold, drift: c.drift, status: c.status, missing_share: c.missing_share };
}

/** The summary of `result` (columns in its order) and, when given, the decision's action and reasons only. */
export function driftSummary(result: DriftResult, decision?: { readonly action: string; readonly reasons: readonly string[] }): DriftSummary {
  const columns = Object.fromEntries(Object.entries(result.columns).map(([name, column]) => [name, columnDriftSummary(column)]));
  return {
    dataset_drift: result.dataset_drift,
    drift_share: result.drift_share,
    number_of_columns: result.number_of_columns,
    number_of_drifted_columns: result.number_of_drifted_columns,
    columns,
    ...(result.prediction_drift ? { prediction_drift: columnDriftSummary(result.prediction_drift) } : {}),
    ...(result.multivariate_drift
      ? { multivariate_drift: { reconstruction_error: result.multivariate_drift.reconstruction_error, threshold: result.multivariate_drift.threshold, drift: result.multivariate_drift.drift } }
      : {}),
    ...(result.estimated_performance ? { estimated_performance: estimatedFigures(result.estimated_performance.metrics) } : {}),
    ...(decision ? { decision: { action: decision.action, reasons: decision.reasons } } : {}),
  };
}

function estimatedFigures(metrics: NonNullable<DriftResult['estimated_performance']>['metrics']): NonNullable<DriftSummary['estimated_performance']> {
  const { roc_auc, f1, precision, recall, accuracy } = metrics;
  return { roc_auc: roc_auc.estimated, f1: f1.estimated, precision: precision.estimated, recall: recall.estimated, accuracy: accuracy.estimated };
}
