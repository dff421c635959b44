import type { TargetSpec } from '../../shared/automl/schema/datasetSchema.js';
import type { LabelRecord, PredictionId, PredictionLogRecord } from '../../shared/registry/schemas.js';
import { createRandom } from '../../shared/automl/util/random.js';
import { createPredictionIds, type RandomFill } from '../../shared/serving/predictionId.js';
import { manualClock } from './manualClock.js';

/** A fresh UUIDv7 prediction id whose time is `at` (ISO 8601); its random bits make every call unique. */
export function predictionIdAt(at: string, random?: RandomFill): PredictionId {
  return createPredictionIds(manualClock(at), random)();
}

/** Reproducible random bytes for prediction ids (a seeded generator), so that what hashes them (the retraining's holdout split) is the same on every run. */
export function seededRandomFill(seed: number): RandomFill {
  const random = createRandom(seed);
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  };
}

/** A logged prediction made at `at` (id and timestamp agree), with `overrides`. */
export function logRecord(at: string, overrides: Partial<PredictionLogRecord> = {}): PredictionLogRecord {
  const prediction_id = overrides.prediction_id ?? predictionIdAt(at);
  return {
    prediction_id,
    model_version: 'v0001',
    timestamp: new Date(at).toISOString(),
    record: { age: 42, gender: 'Female', smoker: null },
    prediction: 1,
    probability: 0.8,
    ...overrides,
  };
}

/** `count` predictions starting at `from`, `stepMs` apart. */
export function logRecords(from: string, count: number, stepMs: number): PredictionLogRecord[] {
  return Array.from({ length: count }, (_, i) => logRecord(new Date(Date.parse(from) + i * stepMs).toISOString()));
}

/** A label of `prediction_id`, received at `received_at` (default 2025-03-01T12:00:00Z). */
export function label(prediction_id: PredictionId, actual: string | number, received_at = '2025-03-01T12:00:00.000Z'): LabelRecord {
  return { prediction_id, actual, received_at };
}

/** A window `[from, to)` from ISO texts. */
export function window(from: string, to: string): { from: Date; to: Date } {
  return { from: new Date(from), to: new Date(to) };
}

/** The target of a 0/1 binary model (numeric classes, positive class 1). */
export const BINARY_01: TargetSpec = { name: 'diabetes', rule: 'name', task: 'binary', classes: ['0', '1'], positive_class: '1' };
