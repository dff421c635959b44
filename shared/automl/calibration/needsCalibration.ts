/**
 * Whether raw scores benefit from isotonic calibration, by NannyML's rule
 * (`nannyml.calibration.needs_calibration`, defaults bin_count 10, split_count 10):
 *
 * - one class only, or ROC AUC above 0.999: no calibration;
 * - otherwise 10 stratified shuffle splits holding out 10 % (NannyML: scikit-learn's
 *   `StratifiedShuffleSplit(test_size=0.1, random_state=42)`; here `trainTestSplit`, the engine's
 *   stratified split, with seeds seed … seed + 9: the same rule, other draws); on each, the
 *   isotonic map is fitted on the 90 % and applied to the 10 %; the held-out parts of all splits
 *   are concatenated, and the ECE of the raw scores and of the calibrated ones are computed over
 *   the same bin edges (expectedCalibrationError.ts);
 * - calibrate only if that lowers the ECE (`ece_before > ece_after`).
 */
import { InvalidInputError } from '../errors.js';
import { trainTestSplit } from '../evaluation/splits.js';
import { rocAuc } from '../metrics/index.js';
import { calibrate } from './applyCalibration.js';
import type { CalibrationDecision } from './calibrationSchema.js';
import { binIndexEdges, expectedCalibrationError } from './expectedCalibrationError.js';
import { argsort, fitIsotonicSorted } from './isotonicRegression.js';

export const CALIBRATION_SPLITS = 10;
export const CALIBRATION_TEST_SIZE = 0.1;
/** Above this ROC AUC NannyML does not calibrate. */
export const SEPARABLE_ROC_AUC = 0.999;

export function needsCalibration(labels: ArrayLike<number>, scores: ArrayLike<number>, seed: number): CalibrationDecision {
  const n = labels.length;
  if (scores.length !== n) throw new InvalidInputError(`needsCalibration: labels and scores differ in length (${n} vs ${scores.length})`);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new InvalidInputError(`needsCalibration: label ${labels[i]} at row ${i} is not 0 or 1`);
    if (!Number.isFinite(scores[i])) throw new InvalidInputError(`needsCalibration: score ${scores[i]} at row ${i} is not finite`);
    positives += labels[i];
  }
  if (positives === 0 || positives === n) return { applied: false, ece_before: null, ece_after: null, reason: 'the labels hold one class' };
  if (positives < 2 || n - positives < 2 || n < 4) return { applied: false, ece_before: null, ece_after: null, reason: `too few rows to cross-check a calibration (${n})` };

  const y = Float64Array.from(labels);
  const x = Float64Array.from(scores);
  // One sort of every row; each split's training rows are then read off it in order.
  const order = argsort(x);
  const trainX = new Float64Array(n);
  const trainY = new Float64Array(n);
  const heldLabels: number[] = [];
  const raw: number[] = [];
  const calibrated: number[] = [];
  for (let s = 0; s < CALIBRATION_SPLITS; s++) {
    const { train, test } = trainTestSplit(y, 'binary', CALIBRATION_TEST_SIZE, seed + s);
    const inTrain = new Uint8Array(n);
    for (let k = 0; k < train.length; k++) inTrain[train[k]] = 1;
    let m = 0;
    for (let k = 0; k < n; k++) {
      const r = order[k];
      if (inTrain[r] === 1) {
        trainX[m] = x[r];
        trainY[m++] = y[r];
      }
    }
    const map = fitIsotonicSorted(trainX.subarray(0, m), trainY.subarray(0, m));
    const testScores = Array.from(test, (r) => x[r]);
    const out = calibrate({ method: 'isotonic', ...map }, testScores);
    for (let k = 0; k < test.length; k++) {
      heldLabels.push(y[test[k]]);
      raw.push(testScores[k]);
      calibrated.push(out[k]);
    }
  }
  const edges = binIndexEdges(raw.length);
  const eceBefore = expectedCalibrationError(heldLabels, raw, edges);
  const eceAfter = expectedCalibrationError(heldLabels, calibrated, edges);
  const figures = { ece_before: eceBefore, ece_after: eceAfter };
  if (rocAuc(y, scores) > SEPARABLE_ROC_AUC) return { applied: false, ...figures, reason: `ROC AUC above ${SEPARABLE_ROC_AUC}` };
  if (!(eceBefore > eceAfter)) return { applied: false, ...figures, reason: 'calibrating does not lower the expected calibration error' };
  return { applied: true, ...figures };
}
