import { describe, expect, it } from 'vitest';
import { fitCalibration } from '../shared/automl/calibration/fitCalibration.js';
import { InvalidOptionsError } from '../shared/automl/errors.js';
import { bestF1Threshold, f1Score, rocAuc } from '../shared/automl/metrics/index.js';
import { createRandom } from '../shared/automl/util/random.js';
import { estimateAccuracy } from '../shared/performance/estimateAccuracy.js';
import { estimateF1 } from '../shared/performance/estimateF1.js';
import { estimatePerformance } from '../shared/performance/estimatePerformance.js';
import { estimatePrecision } from '../shared/performance/estimatePrecision.js';
import { estimateRecall } from '../shared/performance/estimateRecall.js';
import { estimateRocAuc, round5 } from '../shared/performance/estimateRocAuc.js';
import { expectedConfusion } from '../shared/performance/expectedConfusion.js';
import { PERFORMANCE_METRICS, PerformanceEstimateSchema, type PerformanceMetric } from '../shared/performance/performanceSchemas.js';
import { realizedMetric } from '../shared/performance/realizedMetric.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** P(y = 1 | x) of the reference; the model ranks by it but is overconfident (needs calibration). */
const trueProbability = (x: number) => sigmoid(2 * x - 1);
const modelScore = (x: number) => sigmoid(3 * (2 * x - 1));

interface Rows {
  readonly scores: number[];
  readonly labels: number[];
}

/** Seeded rows: x from `drawX`, the label from `probability(x)`, the model's score of x. */
function draw(n: number, seed: number, drawX: (random: () => number) => number, probability = trueProbability): Rows {
  const random = createRandom(seed);
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = drawX(random);
    scores.push(modelScore(x));
    labels.push(random() < probability(x) ? 1 : 0);
  }
  return { scores, labels };
}
const normal = (mean: number) => (random: () => number) => mean + (random() + random() + random() + random() - 2) * Math.sqrt(3);

const referenceRows = draw(20_000, 1, normal(0));
const threshold = bestF1Threshold(referenceRows.labels, referenceRows.scores).threshold;
const reference = fitCalibration({ labels: referenceRows.labels, predictions: referenceRows.scores }, threshold, 42);

function realized(rows: Rows): Record<PerformanceMetric, number> {
  const predicted = rows.scores.map((s) => (s >= threshold ? 1 : 0));
  return Object.fromEntries(PERFORMANCE_METRICS.map((m) => [m, realizedMetric(m, { ...rows, predicted })])) as Record<PerformanceMetric, number>;
}

describe('CBPE estimators (NannyML formulas)', () => {
  it('with probabilities equal to the labels they give the realized metrics', () => {
    const random = createRandom(3);
    const scores = Array.from({ length: 300 }, () => random());
    const labels = scores.map((s) => (random() < s ? 1 : 0));
    const predicted = scores.map((s) => (s >= 0.5 ? 1 : 0));
    expect(estimateRocAuc(labels, scores)).toBeCloseTo(rocAuc(labels, scores), 4); // counts rounded to 5 decimals, as NannyML
    const confusion = expectedConfusion(predicted, labels);
    const rows = { scores, labels, predicted };
    expect(estimateF1(confusion)).toBeCloseTo(f1Score(labels, predicted), 12);
    expect(estimatePrecision(confusion)).toBeCloseTo(realizedMetric('precision', rows), 12);
    expect(estimateRecall(confusion)).toBeCloseTo(realizedMetric('recall', rows), 12);
    expect(estimateAccuracy(confusion)).toBeCloseTo(realizedMetric('accuracy', rows), 12);
  });

  it('ROC AUC is undefined when every probability is 0; np.round halves go to even', () => {
    expect(estimateRocAuc([0, 0, 0], [0.1, 0.2, 0.3])).toBeNaN();
    expect(estimateRocAuc([0.5, 0.5], [0.4, 0.4])).toBeCloseTo(0.5, 12);
    // numpy: np.round(v, 5) for v = 2.5e-5, 4.5e-5, 1.5e-5, 3.5e-5 (3.4999999999999996 × 1e-5), 1.234565
    const numpy = [[2.5e-5, 2e-5], [4.5e-5, 4e-5], [1.5e-5, 2e-5], [3.5e-5, 3e-5], [1.234565, 1.23456]];
    for (const [value, rounded] of numpy) expect(round5(value)).toBe(rounded);
  });
});

describe('estimatePerformance', () => {
  it('tracks the realized metrics under a covariate shift when the probabilities are calibrated', () => {
    expect(reference.map.method).toBe('isotonic');
    const base = realized(draw(6_000, 11, normal(0)));
    const shifted = draw(6_000, 12, normal(0.8));
    const truth = realized(shifted);
    const estimate = estimatePerformance(reference, shifted.scores);
    // The shift moves the realized figures (prevalence 0.32 → 0.55), and the estimates follow.
    expect(truth.f1 - base.f1).toBeGreaterThan(0.1);
    expect(Math.abs(estimate.metrics.roc_auc.estimated! - truth.roc_auc)).toBeLessThan(0.02);
    for (const metric of ['f1', 'precision', 'recall', 'accuracy'] as const) {
      expect(Math.abs(estimate.metrics[metric].estimated! - truth[metric])).toBeLessThan(0.03);
    }
    // The same window with the raw, overconfident scores taken as probabilities: off.
    const uncalibrated = estimatePerformance({ ...reference, map: { method: 'none' } }, shifted.scores);
    expect(Math.abs(uncalibrated.metrics.f1.estimated! - truth.f1)).toBeGreaterThan(0.05);
  });

  it('does not see a concept shift: labels change, inputs do not', () => {
    const concept = draw(6_000, 13, normal(0), (x) => sigmoid(0.4 * x - 1));
    const truth = realized(concept);
    const estimate = estimatePerformance(reference, concept.scores);
    const { roc_auc: auc } = estimate.metrics;
    expect(truth.roc_auc).toBeLessThan(auc.lower!); // the model did get worse …
    expect(auc.drop).toBe(false); // … and CBPE, by construction, does not see it
    expect(auc.estimated! - truth.roc_auc).toBeGreaterThan(0.1);
    expect(Math.abs(auc.estimated! - auc.realized_reference_mean!)).toBeLessThan(0.02);
  });

  it('flags a drop when the window moves to where the model cannot separate the classes', () => {
    const hard = draw(2_000, 14, (random) => 0.3 + 0.4 * random());
    const estimate = estimatePerformance(reference, hard.scores);
    expect(estimate.metrics.roc_auc.drop).toBe(true);
    expect(realized(hard).roc_auc).toBeLessThan(estimate.metrics.roc_auc.lower!);
    const stationary = estimatePerformance(reference, draw(2_000, 15, normal(0)).scores);
    for (const metric of PERFORMANCE_METRICS) expect(stationary.metrics[metric].drop).toBe(false);
  });

  it("draws the band from reference chunks of the window's size (mean ± 3σ, clipped to [0, 1])", () => {
    const window = draw(2_000, 16, normal(0)).scores;
    const estimate = PerformanceEstimateSchema.parse(estimatePerformance(reference, window));
    expect(estimate.reference).toEqual({ rows: 20_000, chunk_rows: 2_000, chunks: 10, scaled: false });
    for (const metric of PERFORMANCE_METRICS) {
      const { lower, upper, realized_reference_mean: mean } = estimate.metrics[metric];
      expect(lower!).toBeLessThanOrEqual(mean!);
      expect(upper!).toBeGreaterThanOrEqual(mean!);
      expect(lower!).toBeGreaterThanOrEqual(0);
      expect(upper!).toBeLessThanOrEqual(1);
    }
    // Chunks of 2,000 rows of the reference, realized, as the band's mean.
    const predicted = reference.performance_reference.scores.map((s) => (s >= threshold ? 1 : 0));
    const chunkAucs = Array.from({ length: 10 }, (_, c) => {
      const slice = (v: readonly number[]) => v.slice(c * 2000, (c + 1) * 2000);
      return realizedMetric('roc_auc', { scores: slice(reference.performance_reference.scores), labels: slice(reference.performance_reference.labels), predicted: slice(predicted) });
    });
    const mean = chunkAucs.reduce((a, b) => a + b, 0) / 10;
    const std = Math.sqrt(chunkAucs.reduce((a, v) => a + (v - mean) ** 2, 0) / 10);
    expect(estimate.metrics.roc_auc.realized_reference_mean).toBeCloseTo(mean, 12);
    expect(estimate.metrics.roc_auc.lower).toBeCloseTo(mean - 3 * std, 12);
    // A window larger than a tenth of the reference: chunks of 2,000, σ scaled by √(2000/5000): a narrower band.
    const large = estimatePerformance(reference, draw(5_000, 17, normal(0)).scores);
    expect(large.reference).toEqual({ rows: 20_000, chunk_rows: 2_000, chunks: 10, scaled: true });
    expect(large.metrics.roc_auc.lower).toBeCloseTo(mean - 3 * std * Math.sqrt(2000 / 5000), 12);
  });

  it('leaves non-finite scores out, gives nulls for an empty window, refuses bad options', () => {
    const window = draw(500, 18, normal(0)).scores;
    expect(estimatePerformance(reference, [...window, Number.NaN]).rows).toBe(500);
    const empty = estimatePerformance(reference, []);
    expect(empty.metrics.f1).toEqual({ estimated: null, lower: null, upper: null, realized_reference_mean: null, drop: false });
    expect(() => estimatePerformance(reference, window, { std_multiplier: -1 })).toThrow(InvalidOptionsError);
  });
});
