import type { FrameColumn } from '../../automl/data/frame.js';
import type { ReferenceColumn } from '../../automl/statistics/driftReference.js';
import type { DriftResult } from '../driftResult.js';
import { InvalidDriftOptionsError } from '../errors.js';
import { columnDrift } from './columnDrift.js';
import { DriftOptionsSchema, type DriftOptionsInput } from './driftOptions.js';
import { windowSignals, type SignalReferences } from './windowSignals.js';

/** The two sides of a check: per column name, the stored reference and the current values (and the model output, when there is a model). */
export interface DriftCheckInput {
  readonly reference: { readonly columns: Readonly<Record<string, ReferenceColumn>>; readonly prediction?: ReferenceColumn } & SignalReferences;
  readonly current: { readonly columns: Readonly<Record<string, FrameColumn>>; readonly prediction?: FrameColumn };
}

/**
 * Data drift of every reference column (in the reference's order) and, when both sides have
 * one, prediction drift (the same tests on the model's output, not counted among the columns).
 * `drift_share` = drifted columns / columns; dataset drift when it is ≥ `options.drift_share`
 * (Evidently's convention: an `insufficient_data` column counts, as not drifted). A reference
 * column without a current one, or an override naming no column, is an `InvalidDriftOptionsError`.
 * With a multivariate reference or a calibration, also what the window shows beyond its columns
 * one at a time (`windowSignals`).
 */
export function datasetDrift(input: DriftCheckInput, optionsInput: DriftOptionsInput = {}): DriftResult {
  const options = DriftOptionsSchema.parse(optionsInput);
  const names = Object.keys(input.reference.columns);
  for (const name of Object.keys(options.columns)) {
    if (!names.includes(name)) throw new InvalidDriftOptionsError(`override for column '${name}': the reference has no such column (it has ${names.join(', ')})`);
  }
  const fallback = { stattest: options.stattest, threshold: options.threshold };
  const columns: DriftResult['columns'] = {};
  for (const name of names) {
    const current = input.current.columns[name];
    if (!current) throw new InvalidDriftOptionsError(`column '${name}' is missing from the current data`);
    columns[name] = columnDrift(name, input.reference.columns[name], current, options.min_rows, options.columns[name], fallback);
  }
  const drifted = Object.values(columns).filter((c) => c.drift).length;
  const share = names.length === 0 ? 0 : drifted / names.length;
  const { prediction: referencePrediction } = input.reference;
  const { prediction: currentPrediction } = input.current;
  return {
    dataset_drift: names.length > 0 && share >= options.drift_share,
    drift_share: share,
    number_of_columns: names.length,
    number_of_drifted_columns: drifted,
    columns,
    ...(referencePrediction && currentPrediction
      ? { prediction_drift: columnDrift('prediction', referencePrediction, currentPrediction, options.min_rows, {}, fallback) }
      : {}),
    ...windowSignals(input.reference, input.current, options.min_rows),
  };
}
