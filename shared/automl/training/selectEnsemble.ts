import { ensembleSelection, weightedPredictions } from '../ensemble/ensembleSelection.js';
import { WEIGHTED_ENSEMBLE } from '../ensemble/modelName.js';
import { PRIMARY_METRIC, primaryScore } from '../evaluation/taskMetrics.js';
import { outputsPerRow, type Task } from '../task.js';
import type { EvaluatedCandidate } from './evaluateCandidate.js';
import type { LeaderboardEntry } from './reports.js';

/** The weighted ensemble of the evaluated candidates, scored like one of them. */
export interface EnsembleCandidate {
  readonly entry: LeaderboardEntry;
  readonly members: readonly { readonly evaluated: EvaluatedCandidate; readonly weight: number }[];
  readonly testPredictions: Float64Array;
  readonly outOfFold: { readonly labels: Float64Array; readonly predictions: Float64Array };
}

export interface EnsembleData {
  /** Rows of each validation fold, in the order the out-of-fold predictions concatenate them. */
  readonly foldSizes: readonly number[];
  readonly yTest: Float64Array;
  readonly task: Task;
  readonly nClasses: number;
}

/**
 * Ensemble selection over the candidates' out-of-fold predictions (ensembleSelection.ts, scored
 * by the primary metric). Its `cv_mean` is the mean over the same folds of the weighted
 * out-of-fold predictions' score, so it compares with the candidates' own; its `test` is the
 * weighted test predictions' score. Undefined when fewer than two candidates were scored or
 * the selection keeps a single one (it would only be that candidate again).
 */
export function selectEnsemble(evaluated: readonly EvaluatedCandidate[], data: EnsembleData): EnsembleCandidate | undefined {
  if (evaluated.length < 2) return undefined;
  const { task, nClasses, foldSizes, yTest } = data;
  const labels = evaluated[0].validation.outOfFold.labels;
  const { weights } = ensembleSelection(evaluated.map((e) => e.validation.outOfFold.predictions), labels, task, nClasses);
  const kept = evaluated.flatMap((e, m) => (weights[m] > 0 ? [{ evaluated: e, weight: weights[m] }] : []));
  if (kept.length < 2) return undefined;
  const predictions = weightedPredictions(kept.map((k) => k.evaluated.validation.outOfFold.predictions), kept.map((k) => k.weight));
  const testPredictions = weightedPredictions(kept.map((k) => k.evaluated.testPredictions), kept.map((k) => k.weight));
  const outputs = outputsPerRow(task, nClasses);
  let start = 0;
  const scores = foldSizes.map((size) => {
    const score = primaryScore(task, labels.subarray(start, start + size), predictions.subarray(start * outputs, (start + size) * outputs), nClasses);
    start += size;
    return score;
  });
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, s) => a + (s - mean) ** 2, 0) / scores.length);
  const entry: LeaderboardEntry = {
    candidate: WEIGHTED_ENSEMBLE,
    primary_metric: PRIMARY_METRIC[task],
    cv_mean: mean,
    cv_std: std,
    test: primaryScore(task, yTest, testPredictions, nClasses),
    fit_seconds: kept.reduce((s, k) => s + k.evaluated.entry.fit_seconds, 0),
    rows_used: Math.max(...kept.map((k) => k.evaluated.entry.rows_used)),
    params: { weights: Object.fromEntries(kept.map((k) => [k.evaluated.candidate.name, k.weight])) },
  };
  return { entry, members: kept, testPredictions, outOfFold: { labels, predictions } };
}
