import { describe, expect, it } from 'vitest';
import { calibrate } from '../shared/automl/calibration/applyCalibration.js';
import { CalibrationSchema, PERFORMANCE_REFERENCE_ROWS } from '../shared/automl/calibration/calibrationSchema.js';
import { binIndexEdges, expectedCalibrationError } from '../shared/automl/calibration/expectedCalibrationError.js';
import { fitCalibration } from '../shared/automl/calibration/fitCalibration.js';
import { needsCalibration } from '../shared/automl/calibration/needsCalibration.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { InvalidInputError } from '../shared/automl/errors.js';
import { artifactFiles } from '../shared/automl/training/artifactFiles.js';
import { TrainingMetricsSchema } from '../shared/automl/training/reports.js';
import { trainModel } from '../shared/automl/training/trainModel.js';
import { createRandom } from '../shared/automl/util/random.js';
import { readCalibration, readMetrics } from '../shared/lifecycle/readArtifacts.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { syntheticBinaryCsv, syntheticMulticlassCsv } from './support/datasets.js';
import { manualClock, testTrainingEnvironment } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { NO_BACKOFF, metadata } from './support/registryFixtures.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Seeded rows whose true probability is sigmoid(2x − 1); `score` maps it to what a model outputs. */
function rows(n: number, seed: number, score: (p: number) => number): { labels: number[]; scores: number[] } {
  const random = createRandom(seed);
  const labels: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = (random() + random() + random() - 1.5) * 2;
    const p = sigmoid(2 * x - 1);
    labels.push(random() < p ? 1 : 0);
    scores.push(score(p));
  }
  return { labels, scores };
}

describe('expected calibration error (NannyML)', () => {
  it('bins by position as _get_bin_index_edges', () => {
    expect(binIndexEdges(20, 4)).toEqual([[0, 5], [5, 10], [10, 15], [15, 20]]);
    // n ≤ 2·bins: ⌊n/2⌋ bins; 25 rows in 10 bins: width 2, the last edge moved to 25 (12 bins).
    expect(binIndexEdges(6)).toEqual([[0, 2], [2, 4], [4, 6]]);
    const edges = binIndexEdges(25);
    expect(edges).toHaveLength(12);
    expect(edges[11]).toEqual([22, 25]);
    expect(() => binIndexEdges(3)).toThrow(InvalidInputError);
  });

  it('is the row-weighted |mean probability − mean label| over bins of the sorted rows', () => {
    const labels = [0, 0, 1, 1, 0, 1];
    const probabilities = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9];
    // Sorted: (0.1,0) (0.2,0) | (0.35,1) (0.4,0) | (0.8,1) (0.9,1): |0.15−0| + |0.375−0.5| + |0.85−1|, each × 2/6.
    expect(expectedCalibrationError(labels, probabilities, binIndexEdges(6))).toBeCloseTo((0.15 + 0.125 + 0.15) / 3, 14);
  });
});

describe('needsCalibration (NannyML rule: calibrate only when it lowers the ECE)', () => {
  it('calibrates overconfident scores and lowers their ECE', () => {
    const { labels, scores } = rows(4000, 1, (p) => sigmoid(3 * Math.log(p / (1 - p))));
    const decision = needsCalibration(labels, scores, 42);
    expect(decision.applied).toBe(true);
    expect(decision.ece_after!).toBeLessThan(decision.ece_before! / 2);
  });

  it('applies exactly when the cross-fitted ECE is lower, deterministically for a seed', () => {
    const { labels, scores } = rows(3000, 2, (p) => p);
    const decision = needsCalibration(labels, scores, 7);
    expect(decision.applied).toBe(decision.ece_before! > decision.ece_after!);
    expect(needsCalibration(labels, scores, 7)).toEqual(decision);
  });

  it('does not calibrate one class or scores that separate the classes (ROC AUC > 0.999)', () => {
    expect(needsCalibration([1, 1, 1, 1], [0.2, 0.3, 0.4, 0.5], 1)).toMatchObject({ applied: false, ece_before: null });
    const labels = Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 1));
    const separated = needsCalibration(labels, labels.map((y, i) => (y === 1 ? 0.6 : 0.1) + i * 1e-4), 1);
    expect(separated.applied).toBe(false);
    expect(separated.reason).toMatch(/ROC AUC/);
  });
});

describe('fitCalibration', () => {
  it('fits the isotonic map on every out-of-fold row and keeps a bounded seeded reference', () => {
    const { labels, scores } = rows(5_000, 3, (p) => p ** 0.5);
    expect(PERFORMANCE_REFERENCE_ROWS).toBe(20_000); // the default bound; 2,000 here to keep the test fast
    const calibration = fitCalibration({ labels, predictions: scores }, 0.6, 42, 2_000);
    expect(CalibrationSchema.parse(JSON.parse(JSON.stringify(calibration)))).toEqual(calibration);
    expect(calibration.map.method).toBe('isotonic');
    const ref = calibration.performance_reference;
    expect(ref.scores).toHaveLength(2_000);
    expect(ref.rows_available).toBe(5_000);
    expect(ref.threshold).toBe(0.6);
    // Every kept row is an out-of-fold row with its own label.
    const byScore = new Map(scores.map((s, i) => [s, labels[i]]));
    ref.scores.forEach((s, i) => expect(byScore.get(s)).toBe(ref.labels[i]));
    // Calibrated scores of p^0.5 come back close to p on average (mean calibrated ≈ positive rate).
    const calibrated = calibrate(calibration.map, scores);
    const meanCalibrated = calibrated.reduce((a, b) => a + b, 0) / calibrated.length;
    expect(meanCalibrated).toBeCloseTo(labels.reduce((a, b) => a + b, 0) / labels.length, 6);
    expect(fitCalibration({ labels, predictions: scores }, 0.6, 42, 2_000)).toEqual(calibration);
  });
});

describe('trainModel writes calibration.json for binary tasks only', () => {
  const options = { candidates: ['linear' as const], seed: 3 };

  it('binary: calibration.json parses, metrics.json carries the decision, model.json unchanged by it', () => {
    const result = trainModel(parseCsv(syntheticBinaryCsv(400)), options, testTrainingEnvironment());
    const files = artifactFiles(result);
    const calibration = CalibrationSchema.parse(JSON.parse(files['calibration.json']!));
    const metrics = TrainingMetricsSchema.parse(JSON.parse(files['metrics.json']));
    expect(metrics.calibration).toEqual({ method: calibration.map.method, ...calibration.decision });
    expect(calibration.performance_reference.threshold).toBe(metrics.threshold);
    expect(calibration.performance_reference.scores.length).toBe(result.info.train_rows);
    const again = artifactFiles(trainModel(parseCsv(syntheticBinaryCsv(400)), options, testTrainingEnvironment()));
    expect(again['model.json']).toBe(files['model.json']);
    expect(again['calibration.json']).toBe(files['calibration.json']);
  });

  it('the registry stores calibration.json; a version without it (older, or multiclass) reads as undefined', async () => {
    const files = artifactFiles(trainModel(parseCsv(syntheticBinaryCsv(300)), options, testTrainingEnvironment()));
    const registry = createModelRegistry(new MemoryObjectStore(), { clock: manualClock(), ...NO_BACKOFF });
    const current = await registry.versions.register(files, metadata());
    expect(await readCalibration(registry.versions, current)).toEqual(JSON.parse(files['calibration.json']!));
    const { 'calibration.json': _dropped, ...older } = files;
    const old = await registry.versions.register({ ...older, 'metrics.json': JSON.stringify({ ...JSON.parse(files['metrics.json']), calibration: undefined }) }, metadata());
    expect(await readCalibration(registry.versions, old)).toBeUndefined();
    expect((await readMetrics(registry.versions, old)).calibration).toBeUndefined();
  });

  it('multiclass: no calibration.json, no calibration in metrics.json; older metrics.json still parses', () => {
    const result = trainModel(parseCsv(syntheticMulticlassCsv(300)), options, testTrainingEnvironment());
    const files = artifactFiles(result);
    expect(files['calibration.json']).toBeUndefined();
    const metrics = JSON.parse(files['metrics.json']);
    expect(metrics.calibration).toBeUndefined();
    expect(TrainingMetricsSchema.safeParse(metrics).success).toBe(true);
  });
});
