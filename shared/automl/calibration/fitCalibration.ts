/**
 * A binary model's `calibration.json` from the chosen model's out-of-fold predictions (the
 * labels and positive-class scores `trainModel` ranks candidates by): NannyML's rule decides
 * (needsCalibration.ts, split seeds seed … seed + 9); if it calibrates, the isotonic map is
 * fitted on every out-of-fold row (as NannyML's CBPE fits its calibrator on the whole
 * reference), else the map is the identity. The performance reference is a seeded sample
 * (seed + 10, without replacement, in the drawn order) of at most `PERFORMANCE_REFERENCE_ROWS`
 * of the same rows, with the decision threshold.
 */
import { createRandom, range, shuffleInPlace } from '../util/random.js';
import {
  CALIBRATION_FORMAT,
  CALIBRATION_FORMAT_VERSION,
  PERFORMANCE_REFERENCE_ROWS,
  type Calibration,
  type CalibrationSummary,
  type PerformanceReference,
} from './calibrationSchema.js';
import { fitIsotonic } from './isotonicRegression.js';
import { needsCalibration } from './needsCalibration.js';

export interface OutOfFold {
  readonly labels: ArrayLike<number>;
  readonly predictions: ArrayLike<number>;
}

export function fitCalibration(oof: OutOfFold, threshold: number, seed: number, maxReferenceRows = PERFORMANCE_REFERENCE_ROWS): Calibration {
  const decision = needsCalibration(oof.labels, oof.predictions, seed);
  const map = decision.applied ? { method: 'isotonic' as const, ...fitIsotonic(oof.predictions, oof.labels) } : { method: 'none' as const };
  return {
    format: CALIBRATION_FORMAT,
    format_version: CALIBRATION_FORMAT_VERSION,
    map,
    decision,
    performance_reference: sampleReference(oof, threshold, seed + 10, maxReferenceRows),
  };
}

function sampleReference(oof: OutOfFold, threshold: number, seed: number, maxRows: number): PerformanceReference {
  const n = oof.labels.length;
  const rows = shuffleInPlace(range(n), createRandom(seed)).subarray(0, Math.min(n, maxRows));
  return {
    source: 'out_of_fold',
    rows_available: n,
    seed,
    threshold,
    scores: Array.from(rows, (r) => oof.predictions[r]),
    labels: Array.from(rows, (r) => (oof.labels[r] === 1 ? 1 : 0)),
  };
}

/** What `metrics.json` records of a calibration. */
export function calibrationSummary(calibration: Calibration): CalibrationSummary {
  return { method: calibration.map.method, ...calibration.decision };
}
