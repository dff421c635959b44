import type { LiveQuality } from '../decision/liveQuality.js';
import type { ColumnDrift, DriftResult } from '../drift/driftResult.js';
import type { Metrics } from '../ports/metrics.js';

/** The name the prediction's own drift goes by beside the features (in the gauges and the console). */
export const PREDICTION_FEATURE_LABEL = '(prediction)';

/** A result's columns, then the prediction's drift as `(prediction)` when it was checked. */
export function driftColumns(result: DriftResult): Array<[string, ColumnDrift]> {
  const columns: Array<[string, ColumnDrift]> = Object.entries(result.columns);
  if (result.prediction_drift) columns.push([PREDICTION_FEATURE_LABEL, result.prediction_drift]);
  return columns;
}

/** A column's drift score as Evidently's `drift_score`: the test's p-value, else the distance (null: insufficient data). */
export function driftScore(column: ColumnDrift): number | null {
  return column.p_value ?? column.statistic;
}

/**
 * What one drift check reports as gauges: the production version (`alm_production_model_info`),
 * each column's drift score as Evidently's `drift_score` (the p-value of a test, else the
 * distance: the figure compared with the threshold) and whether it drifted (`alm_drift_feature_score{feature,stattest}`,
 * `alm_drift_feature_drifted{feature}`; the prediction as feature `(prediction)`), the dataset's
 * drift share and verdict, and the live quality with its drop below the recorded figure when
 * measured. An `insufficient_data` column has no score (it is left out).
 */
export function reportDriftGauges(metrics: Metrics, version: string, result: DriftResult, quality: LiveQuality | null): void {
  metrics.set('alm_production_model_info', 1, { model_version: version });
  for (const [feature, column] of driftColumns(result)) {
    metrics.set('alm_drift_feature_drifted', column.drift ? 1 : 0, { feature });
    const score = driftScore(column);
    if (score !== null) metrics.set('alm_drift_feature_score', score, { feature, stattest: column.stattest });
  }
  metrics.set('alm_drift_dataset_share', result.drift_share);
  metrics.set('alm_drift_dataset_drifted', result.dataset_drift ? 1 : 0);
  if (quality) {
    const labels = { model_version: quality.version, metric: quality.metric };
    metrics.set('alm_live_quality', quality.live, labels);
    metrics.set('alm_live_quality_drop', quality.drop, labels);
  }
}
