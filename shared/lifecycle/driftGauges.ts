import type { LiveQuality } from '../decision/liveQuality.js';
import type { ColumnDrift, DriftResult } from '../drift/driftResult.js';
import type { Metrics } from '../ports/metrics.js';

/** The `feature` label of the prediction's own drift (a name no CSV column can have: it is not a valid header cell of ours). */
export const PREDICTION_FEATURE_LABEL = '(prediction)';

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
  const columns: Array<[string, ColumnDrift]> = Object.entries(result.columns);
  if (result.prediction_drift) columns.push([PREDICTION_FEATURE_LABEL, result.prediction_drift]);
  for (const [feature, column] of columns) {
    metrics.set('alm_drift_feature_drifted', column.drift ? 1 : 0, { feature });
    const score = column.p_value ?? column.statistic;
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
