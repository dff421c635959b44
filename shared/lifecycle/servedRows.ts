import type { ReferenceColumn } from '../automl/statistics/driftReference.js';
import type { ServedRow } from '../drift/check/currentColumns.js';
import type { PredictionLogRecord } from '../registry/schemas.js';

/**
 * Logged predictions as the drift check reads them: the record as received, and the output
 * the reference prediction is compared with — numeric: the positive-class probability
 * (binary) or the value (regression); categorical: the predicted class (multiclass).
 */
export function servedRows(records: readonly PredictionLogRecord[], prediction: ReferenceColumn): ServedRow[] {
  return records.map((logged) => ({
    record: logged.record,
    output:
      prediction.type === 'categorical'
        ? String(logged.prediction)
        : (logged.probability ?? (typeof logged.prediction === 'number' ? logged.prediction : null)),
  }));
}

/** The `limit` most recent records (by timestamp, then id), in time order. */
export function mostRecent(records: readonly PredictionLogRecord[], limit: number): PredictionLogRecord[] {
  const sorted = [...records].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.prediction_id < b.prediction_id ? -1 : 1));
  return sorted.slice(Math.max(0, sorted.length - limit));
}
