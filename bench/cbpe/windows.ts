/**
 * What bench:cbpe's figures share: the setup (the drift bench's model, trained by `trainModel`
 * on the main dataset's 80,000 training rows, its `calibration.json`, and its positive-class
 * scores on the 20,000 held-out rows it never saw), one window estimated by `estimatePerformance`
 * beside the metrics realized on its labels, and the notes' formats.
 */
import type { Calibration } from '../../shared/automl/calibration/calibrationSchema.js';
import { estimatePerformance } from '../../shared/performance/estimatePerformance.js';
import { PERFORMANCE_METRICS, type PerformanceEstimate, type PerformanceMetric } from '../../shared/performance/performanceSchemas.js';
import { realizedMetric } from '../../shared/performance/realizedMetric.js';
import type { DriftDataset, DriftModel } from '../drift/driftModel.js';
import type { FigureRows } from '../report.js';

export interface CbpeSetup {
  readonly data: DriftDataset;
  readonly model: DriftModel;
  readonly calibration: Calibration;
  /** The model's score of each held-out row (same order as `data.heldOut`). */
  readonly scores: Float64Array;
  /** The label of each held-out row (class index, 1 = positive). */
  readonly labels: Float64Array;
}

export interface CbpeFigureRows extends FigureRows {
  readonly notes: readonly string[];
}

export interface WindowOutcome {
  readonly estimate: PerformanceEstimate;
  readonly realized: Record<PerformanceMetric, number>;
}

export function evaluateWindow(calibration: Calibration, scores: ArrayLike<number>, labels: ArrayLike<number>): WindowOutcome {
  const estimate = estimatePerformance(calibration, scores);
  const threshold = calibration.performance_reference.threshold;
  const rows = { scores, labels, predicted: Array.from(scores, (s) => (s >= threshold ? 1 : 0)) };
  const realized = Object.fromEntries(PERFORMANCE_METRICS.map((m) => [m, realizedMetric(m, rows)])) as Record<PerformanceMetric, number>;
  return { estimate, realized };
}

/** Values of `source` at `positions`. */
export function pick(source: ArrayLike<number>, positions: ArrayLike<number>): Float64Array {
  return Float64Array.from(positions, (p) => source[p]);
}

/** The held-out rows' values of a numeric feature (same order as `data.heldOut`). */
export function heldOutFeature(data: DriftDataset, name: string): Float64Array {
  const index = data.schema.features.findIndex((f) => f.name === name);
  const column = data.frame.columns[index];
  if (!column || column.kind !== 'numeric') throw new Error(`no numeric feature '${name}'`);
  return Float64Array.from(data.heldOut, (r) => column.values[r]);
}

/** Mean absolute error of estimated vs realized for one metric (windows where both are defined). */
export function meanAbsoluteError(outcomes: readonly WindowOutcome[], metric: PerformanceMetric): number {
  const errors = outcomes
    .map((o) => [o.estimate.metrics[metric].estimated, o.realized[metric]] as const)
    .filter(([e, r]) => e !== null && Number.isFinite(r))
    .map(([e, r]) => Math.abs(e! - r));
  return errors.reduce((a, b) => a + b, 0) / errors.length;
}

export function meanOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** "estimated 0.9612 / realized 0.9598" per metric, means over the windows. */
export function describeMeans(outcomes: readonly WindowOutcome[]): string {
  return PERFORMANCE_METRICS.map((m) => {
    const est = meanOf(outcomes.map((o) => o.estimate.metrics[m].estimated ?? Number.NaN));
    const real = meanOf(outcomes.map((o) => o.realized[m]));
    return `${m} ${est.toFixed(4)} est / ${real.toFixed(4)} real (MAE ${meanAbsoluteError(outcomes, m).toFixed(4)})`;
  }).join(', ');
}

/** Windows where CBPE flags a drop of ROC AUC or F1. */
export function flaggedWindows(outcomes: readonly WindowOutcome[]): number {
  return outcomes.filter((o) => o.estimate.metrics.roc_auc.drop || o.estimate.metrics.f1.drop).length;
}

export const fmtError = (v: number) => v.toFixed(4);
