import type { PredictionLogRecord } from '../../shared/serving/predictionLogRecord.js';
import { createPredictionIds } from '../../shared/serving/predictionId.js';
import type { PredictPorts } from '../../shared/serving/predictRecords.js';
import { DEFAULT_SERVING_LIMITS } from '../../shared/serving/servingLimits.js';
import type { ManualClock } from './manualClock.js';
import { RecordingMetrics } from './recordingMetrics.js';

/** Ports for `predictRecords` in tests: ids from `clock`, a log that keeps every appended record, recording metrics. */
export function testPredictPorts(models: PredictPorts['models'], clock: ManualClock) {
  const logged: PredictionLogRecord[] = [];
  const metrics = new RecordingMetrics();
  const ports: PredictPorts = {
    models,
    ids: createPredictionIds(clock),
    log: { append: (records) => void logged.push(...records) },
    metrics,
    limits: DEFAULT_SERVING_LIMITS,
  };
  return { ports, logged, metrics };
}
