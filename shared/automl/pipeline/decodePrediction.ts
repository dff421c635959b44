import type { TargetSpec } from '../schema/datasetSchema.js';

/** One row's prediction in the caller's terms. */
export interface DecodedPrediction {
  /** The class label, or the value for regression. */
  readonly prediction: string | number;
  /** Binary: the positive-class probability. */
  readonly probability?: number;
  /** Multiclass: every class's probability. */
  readonly probabilities?: Record<string, number>;
}

/**
 * Decodes one row of model outputs (see FittedModel.predict): binary rows are positive when
 * the probability is ≥ `threshold`; multiclass rows take the most probable class (the first on
 * a tie, as numpy's argmax).
 */
export function decodePrediction(target: TargetSpec, threshold: number, out: ArrayLike<number>): DecodedPrediction {
  const classes = target.classes ?? [];
  if (target.task === 'regression') return { prediction: out[0] };
  if (target.task === 'binary') return { prediction: classes[out[0] >= threshold ? 1 : 0], probability: out[0] };
  let best = 0;
  for (let k = 1; k < classes.length; k++) if (out[k] > out[best]) best = k;
  return { prediction: classes[best], probabilities: Object.fromEntries(classes.map((c, k) => [c, out[k]])) };
}
