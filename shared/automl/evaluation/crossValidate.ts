import type { AnyCandidate } from '../candidates/catalog.js';
import { outputsPerRow, type Task } from '../task.js';
import type { PreparedSplit } from './preparedSplit.js';
import { asProbabilities } from '../candidates/probabilityOutputs.js';
import { primaryScore } from './taskMetrics.js';

export interface CrossValidation {
  /** Primary metric per fold. */
  readonly scores: number[];
  readonly mean: number;
  /** Population standard deviation (numpy's default, ddof = 0). */
  readonly std: number;
  /** Every fold's held-out labels and predictions, concatenated in fold order. */
  readonly outOfFold: { readonly labels: Float64Array; readonly predictions: Float64Array };
}

/**
 * Called after each fold with its index and score; returning false stops the cross-validation
 * (a time budget that no longer fits), which then returns undefined.
 */
export type FoldHook = (fold: number, score: number) => boolean | void;

/**
 * Scores one candidate with one parameter set on every fold: fit on the fold's training rows,
 * predict its held-out rows. Each fold's seed is `seed + fold`.
 */
export function crossValidate(
  candidate: AnyCandidate,
  params: Record<string, unknown>,
  folds: readonly PreparedSplit[],
  task: Task,
  nClasses: number,
  seed: number,
  onFold?: FoldHook,
): CrossValidation | undefined {
  const outputs = outputsPerRow(task, nClasses);
  const nRows = folds.reduce((n, f) => n + f.split.test.length, 0);
  const labels = new Float64Array(nRows);
  const outOfFoldPredictions = new Float64Array(nRows * outputs);
  let offset = 0;
  const scores: number[] = [];
  for (const [index, fold] of folds.entries()) {
    const train = { X: fold.train(candidate.encoding), y: fold.yTrain, task, nClasses };
    const model = candidate.fit(train, params, { seed: (seed + index) >>> 0 });
    const predictions = asProbabilities(model.predict(fold.test(candidate.encoding)), task, nClasses);
    labels.set(fold.yTest, offset);
    outOfFoldPredictions.set(predictions, offset * outputs);
    offset += fold.yTest.length;
    const score = primaryScore(task, fold.yTest, predictions, nClasses);
    scores.push(score);
    if (onFold?.(index, score) === false) return undefined;
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, s) => a + (s - mean) ** 2, 0) / scores.length);
  return { scores, mean, std, outOfFold: { labels, predictions: outOfFoldPredictions } };
}
