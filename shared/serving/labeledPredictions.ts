import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { PartitionRead, TimeWindow } from '../registry/partitionedBatches.js';
import type { LabelRecord, PredictionLogRecord } from '../registry/schemas.js';
import type { TargetValue } from './targetValueRule.js';

/** One logged prediction with its ground truth. */
export interface LabeledPrediction {
  readonly prediction: PredictionLogRecord;
  /** The latest label, in the target's own type. */
  readonly actual: TargetValue;
  /** When that label was received (ISO 8601 UTC). */
  readonly labeled_at: string;
}

export interface LabeledPredictions {
  /** Predictions that have a label, in prediction-log read order. */
  readonly rows: LabeledPrediction[];
  /** Distinct predictions logged in the window. */
  readonly predictions: number;
  /** Distinct predictions labeled in the window (the latest label of each id). */
  readonly labels: number;
  /** Labels whose prediction_id matches no prediction logged in the window. */
  readonly orphans: number;
  /** Prediction log lines left out because their prediction_id was already read. */
  readonly duplicates: number;
}

/**
 * The join of the prediction log and the ground truth over a window of PREDICTION times
 * (`[from, to)`, as both logs partition and filter): an inner join on prediction_id of each
 * logged prediction (deduplicated) and the latest label of it. A label with no logged
 * prediction in the window is an orphan, counted; a prediction with no label is left out (it
 * counts in `predictions` only). What drift checks, live quality and retraining read.
 */
export async function labeledPredictions(registry: Pick<ModelRegistry, 'predictions' | 'labels'>, window: TimeWindow): Promise<LabeledPredictions> {
  const [logged, labeled] = await Promise.all([registry.predictions.read(window), registry.labels.read(window)]);
  return joinLabels(logged, labeled.records);
}

/** The join itself, for a caller that has already read the window's predictions (see `labeledPredictions`). */
export function joinLabels(logged: PartitionRead<PredictionLogRecord>, labels: readonly LabelRecord[]): LabeledPredictions {
  const labelOf = new Map(labels.map((label) => [label.prediction_id, label]));
  const rows: LabeledPrediction[] = [];
  for (const prediction of logged.records) {
    const label = labelOf.get(prediction.prediction_id);
    if (label) rows.push({ prediction, actual: label.actual, labeled_at: label.received_at });
  }
  return {
    rows,
    predictions: logged.records.length,
    labels: labels.length,
    orphans: labels.length - rows.length,
    duplicates: logged.duplicates,
  };
}
