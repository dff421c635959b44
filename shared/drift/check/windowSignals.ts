import type { Calibration } from '../../automl/calibration/calibrationSchema.js';
import type { FrameColumn } from '../../automl/data/frame.js';
import type { MultivariateReference } from '../../automl/statistics/multivariate/multivariateReference.js';
import { estimatePerformance } from '../../performance/estimatePerformance.js';
import type { DriftResult } from '../driftResult.js';
import { multivariateDrift } from '../multivariate/multivariateDrift.js';
import { windowFrame } from '../multivariate/windowFrame.js';

/** The references a window is judged with beyond its columns one at a time; each is optional (versions trained before them lack them). */
export interface SignalReferences {
  /** `multivariate_reference.json`: multivariate drift by data reconstruction. */
  readonly multivariate?: MultivariateReference;
  /** `calibration.json` (binary tasks): the performance estimated without labels (CBPE). */
  readonly calibration?: Calibration;
}

/**
 * What a window shows beyond its columns one at a time, as NannyML: its multivariate drift
 * (`multivariateDrift` on the reference's columns) and, for a binary model, its performance
 * estimated from the logged positive-class probabilities (`estimatePerformance`, CBPE). Each
 * needs its reference and at least `minRows` rows (the columns' own minimum); with fewer it is
 * left out of the result, never drift.
 */
export function windowSignals(
  references: SignalReferences,
  current: { readonly columns: Readonly<Record<string, FrameColumn>>; readonly prediction?: FrameColumn },
  minRows: number,
): Pick<DriftResult, 'multivariate_drift' | 'estimated_performance'> {
  const signals: Pick<DriftResult, 'multivariate_drift' | 'estimated_performance'> = {};
  if (references.multivariate) {
    const frame = windowFrame(references.multivariate, current.columns);
    if (frame.nRows >= minRows) signals.multivariate_drift = multivariateDrift(references.multivariate, frame);
  }
  const scores = current.prediction;
  if (references.calibration && scores?.kind === 'numeric') {
    const finite = scores.values.filter((value) => Number.isFinite(value));
    if (finite.length >= minRows) signals.estimated_performance = estimatePerformance(references.calibration, finite);
  }
  return signals;
}
