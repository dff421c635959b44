import type { Frame } from '../data/frame.js';
import type { FeatureSpec, TargetSpec } from '../schema/datasetSchema.js';
import { decodePrediction } from '../pipeline/decodePrediction.js';
import type { DriftReference, ReferenceColumn } from './driftReference.js';
import { categoricalReference, numericReference } from './referenceColumn.js';

/** What the reference is built from: feature columns, and the shipped model's outputs on rows it did not train on. */
export interface DriftReferenceInput {
  /** Which rows `frame` holds (default `training_split`). */
  readonly source?: DriftReference['source'];
  readonly frame: Frame;
  readonly features: readonly FeatureSpec[];
  readonly target: TargetSpec;
  /** The shipped model's outputs on rows it did not train on (its test split, or a recent holdout), `outputs` per row (see `FittedModel.predict`). */
  readonly outputs: Float64Array;
  readonly importances: Record<string, number>;
  readonly seed: number;
  /** Values kept per numeric column at most (default `REFERENCE_SAMPLE_SIZE`). */
  readonly sampleSize?: number;
}

/** `drift_reference.json` of a training run (see `DriftReferenceSchema`). Column j samples with seed + j. */
export function buildDriftReference(input: DriftReferenceInput): DriftReference {
  const { frame, features, target, seed, sampleSize } = input;
  const columns: Record<string, ReferenceColumn> = {};
  frame.columns.forEach((column, j) => {
    columns[features[j].name] =
      column.kind === 'numeric' ? numericReference(column.values, seed + j, sampleSize) : categoricalReference(column.values);
  });
  return {
    format: 'alm-drift-reference',
    format_version: 1,
    source: input.source ?? 'training_split',
    rows: frame.nRows,
    sample_seed: seed,
    columns,
    prediction: predictionReference(target, input.outputs, seed + features.length, sampleSize),
    importances: input.importances,
    importance_method: 'permutation (test split, primary metric, 1 repeat)',
  };
}

/** The model output the drift check compares: probability (binary), value (regression), predicted class (multiclass). */
function predictionReference(target: TargetSpec, outputs: Float64Array, seed: number, sampleSize: number | undefined): ReferenceColumn {
  if (target.task !== 'multiclass') return numericReference(outputs, seed, sampleSize);
  const k = target.classes?.length ?? 0;
  const labels: string[] = [];
  for (let r = 0; r * k < outputs.length; r++) {
    labels.push(String(decodePrediction(target, 0.5, outputs.subarray(r * k, (r + 1) * k)).prediction));
  }
  return categoricalReference(labels);
}
