/**
 * Confidence-based performance estimation (CBPE) of one window of logged predictions, as
 * NannyML's `CBPE` for binary classification: the window's raw positive-class scores are
 * calibrated with the version's map (NannyML calibrates the analysis data with the calibrator
 * fitted on the reference when `needs_calibration` said so), predicted positive when the raw
 * score ≥ the decision threshold (as the pipeline decides), and each metric is estimated from
 * them with no label (estimateRocAuc.ts; the expected confusion matrix for F1, precision,
 * recall and accuracy). The band is the realized metric over reference chunks of the window's
 * size, mean ± 3σ (referenceBand.ts); a drop is an estimate below the lower threshold.
 *
 * CBPE assumes the relation between inputs and label (P(y | x)) is the reference's: it follows
 * a covariate shift, and by construction cannot see a concept shift (labels changed, inputs not).
 *
 * Rows whose score is not finite are left out, as NannyML drops rows with NaN.
 */
import { calibrate } from '../automl/calibration/applyCalibration.js';
import type { Calibration } from '../automl/calibration/calibrationSchema.js';
import { InvalidOptionsError } from '../automl/errors.js';
import { formatZodIssues } from '../util/formatZodIssues.js';
import { estimateAccuracy } from './estimateAccuracy.js';
import { estimateF1 } from './estimateF1.js';
import { estimatePrecision } from './estimatePrecision.js';
import { estimateRecall } from './estimateRecall.js';
import { estimateRocAuc } from './estimateRocAuc.js';
import { expectedConfusion } from './expectedConfusion.js';
import {
  PERFORMANCE_METRICS,
  PerformanceEstimateSchema,
  PerformanceOptionsSchema,
  type MetricEstimate,
  type PerformanceEstimate,
  type PerformanceMetric,
  type PerformanceOptionsInput,
} from './performanceSchemas.js';
import { referenceBand } from './referenceBand.js';

export function estimatePerformance(reference: Calibration, windowScores: ArrayLike<number>, optionsInput: PerformanceOptionsInput = {}): PerformanceEstimate {
  const parsed = PerformanceOptionsSchema.safeParse(optionsInput);
  if (!parsed.success) throw new InvalidOptionsError(`performance estimation options: ${formatZodIssues(parsed.error)}`);
  const options = parsed.data;
  const { map, performance_reference: ref } = reference;
  const threshold = ref.threshold;

  const scores = Array.from(windowScores).filter((s) => Number.isFinite(s));
  const calibrated = calibrate(map, scores);
  const predicted = scores.map((s) => (s >= threshold ? 1 : 0));
  const confusion = expectedConfusion(predicted, calibrated);
  const estimated: Record<PerformanceMetric, number> =
    scores.length === 0
      ? { roc_auc: Number.NaN, f1: Number.NaN, precision: Number.NaN, recall: Number.NaN, accuracy: Number.NaN }
      : {
          roc_auc: estimateRocAuc(calibrated, scores),
          f1: estimateF1(confusion),
          precision: estimatePrecision(confusion),
          recall: estimateRecall(confusion),
          accuracy: estimateAccuracy(confusion),
        };

  const referenceRows = { scores: ref.scores, labels: ref.labels, predicted: ref.scores.map((s) => (s >= threshold ? 1 : 0)) };
  const band = referenceBand(referenceRows, scores.length, options);
  const metrics = Object.fromEntries(
    PERFORMANCE_METRICS.map((metric): [PerformanceMetric, MetricEstimate] => {
      const value = Number.isFinite(estimated[metric]) ? estimated[metric] : null;
      const { mean, lower, upper } = band.metrics[metric];
      return [metric, { estimated: value, lower, upper, realized_reference_mean: mean, drop: value !== null && lower !== null && value < lower }];
    }),
  ) as Record<PerformanceMetric, MetricEstimate>;
  return PerformanceEstimateSchema.parse({ rows: scores.length, calibration: map.method, threshold, reference: band.info, metrics });
}
