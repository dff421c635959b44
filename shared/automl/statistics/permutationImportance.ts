import type { Frame, FrameColumn } from '../data/frame.js';
import { higherIsBetter, PRIMARY_METRIC, primaryScore } from '../evaluation/taskMetrics.js';
import type { Predictor } from '../pipeline/predictor.js';
import { createRandom, shuffleInPlace } from '../util/random.js';

/** Test rows used for the importances at most (the first ones of the test split). */
export const IMPORTANCE_ROWS = 5_000;

/**
 * Permutation importance (Breiman; scikit-learn's `permutation_importance` with n_repeats = 1):
 * for each feature, the primary test metric of the model minus its value once that feature's
 * column is shuffled (seeded, one shuffle per feature), signed so that larger means more
 * important (roc_auc: base − permuted; log_loss and rmse: permuted − base). Model-agnostic, so
 * every candidate gets the same kind of figure. Computed on at most `IMPORTANCE_ROWS` test rows.
 */
export function permutationImportance(
  predictor: Predictor,
  frame: Frame,
  y: Float64Array,
  nClasses: number,
  seed: number,
): Record<string, number> {
  const { features, target } = predictor.pipeline;
  const rows = Math.min(frame.nRows, IMPORTANCE_ROWS);
  const head: Frame = { nRows: rows, columns: frame.columns.map((column) => firstRows(column, rows)) };
  const labels = y.subarray(0, rows);
  const metric = PRIMARY_METRIC[target.task];
  const score = (f: Frame) => primaryScore(target.task, labels, predictor.predictFrame(f).values, nClasses);
  const base = score(head);
  const sign = higherIsBetter(metric) ? 1 : -1;
  const importances: Record<string, number> = {};
  features.forEach((feature, f) => {
    const order = Array.from({ length: rows }, (_, i) => i);
    shuffleInPlace(order, createRandom((seed + 7919 * (f + 1)) >>> 0));
    const columns = head.columns.map((column, g) => (g === f ? reordered(column, order) : column));
    importances[feature.name] = sign * (base - score({ nRows: rows, columns }));
  });
  return importances;
}

function firstRows(column: FrameColumn, rows: number): FrameColumn {
  return column.kind === 'numeric' ? { kind: 'numeric', values: column.values.subarray(0, rows) } : { kind: 'categorical', values: column.values.slice(0, rows) };
}

function reordered(column: FrameColumn, order: number[]): FrameColumn {
  if (column.kind === 'numeric') return { kind: 'numeric', values: Float64Array.from(order, (i) => column.values[i]) };
  return { kind: 'categorical', values: order.map((i) => column.values[i]) };
}
