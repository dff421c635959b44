import { InvalidInputError } from '../errors.js';
import { compareScores, primaryScore, PRIMARY_METRIC } from '../evaluation/taskMetrics.js';
import type { Task } from '../task.js';

/** Rounds of greedy selection: AutoGluon's `ensemble_size` default for its WeightedEnsemble. */
export const ENSEMBLE_ROUNDS = 25;

export interface EnsembleSelection {
  /** Weight per model, in input order: how often it was picked over the rounds; they sum to 1. */
  readonly weights: number[];
  /** The primary metric of the weighted out-of-fold predictions. */
  readonly score: number;
}

/**
 * Caruana et al. (2004) ensemble selection with replacement, as AutoGluon's EnsembleSelection:
 * starting from nothing, each of `rounds` rounds adds the model (possibly one already in) whose
 * addition gives the best primary metric of the averaged predictions; a model's weight is its
 * share of the picks. Ties go to the earlier model, so the result is deterministic.
 *
 * `predictions[m]` holds model m's out-of-fold predictions on the same rows, in the layout of
 * `FittedModel.predict` (rows × outputs); `labels` the rows' targets.
 */
export function ensembleSelection(
  predictions: readonly Float64Array[],
  labels: Float64Array,
  task: Task,
  nClasses: number,
  rounds = ENSEMBLE_ROUNDS,
): EnsembleSelection {
  if (predictions.length === 0) throw new InvalidInputError('ensembleSelection: no models to select from');
  const length = predictions[0].length;
  if (predictions.some((p) => p.length !== length)) throw new InvalidInputError('ensembleSelection: models predict different numbers of values');
  const metric = PRIMARY_METRIC[task];
  const counts = new Array<number>(predictions.length).fill(0);
  const sum = new Float64Array(length);
  const trial = new Float64Array(length);
  let score = Number.NaN;
  for (let round = 1; round <= rounds; round++) {
    let best = -1;
    let bestScore = Number.NaN;
    for (let m = 0; m < predictions.length; m++) {
      const p = predictions[m];
      for (let i = 0; i < length; i++) trial[i] = (sum[i] + p[i]) / round;
      const s = primaryScore(task, labels, trial, nClasses);
      if (best < 0 || compareScores(metric, s, bestScore) < 0) {
        best = m;
        bestScore = s;
      }
    }
    counts[best]++;
    const p = predictions[best];
    for (let i = 0; i < length; i++) sum[i] += p[i];
    score = bestScore;
  }
  return { weights: counts.map((c) => c / rounds), score };
}

/** The weighted sum of predictions (weights summing to 1): the ensemble's output. */
export function weightedPredictions(predictions: readonly Float64Array[], weights: readonly number[]): Float64Array {
  const out = new Float64Array(predictions[0]?.length ?? 0);
  predictions.forEach((p, m) => {
    const w = weights[m];
    if (w === 0) return;
    for (let i = 0; i < out.length; i++) out[i] += w * p[i];
  });
  return out;
}
