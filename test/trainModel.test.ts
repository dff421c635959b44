import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { frameFromTable } from '../shared/automl/data/frame.js';
import { parseModel, serializeModel } from '../shared/automl/pipeline/modelArtifact.js';
import { createPredictor } from '../shared/automl/pipeline/predictor.js';
import { createRowPredictor } from '../shared/automl/pipeline/rowPredictor.js';
import { DatasetSchemaSchema } from '../shared/automl/schema/datasetSchema.js';
import { FeatureStatisticsSchema } from '../shared/automl/statistics/featureStatistics.js';
import { artifactFiles } from '../shared/automl/training/artifactFiles.js';
import { LeaderboardEntrySchema, TrainingInfoSchema, TrainingMetricsSchema } from '../shared/automl/training/reports.js';
import { trainModel } from '../shared/automl/training/trainModel.js';
import { InvalidInputError, ModelArtifactError } from '../shared/automl/errors.js';
import { readData } from './support/datasets.js';
import { libraryVersions } from '../shared/platform/libraryVersions.js';
import { testTrainingEnvironment } from './support/manualClock.js';

const pima = parseCsv(readData('pima_indians_diabetes.csv'));
const fast = { max_tree_rows: 150, seed: 3 };

describe('trainModel', () => {
  const result = trainModel(pima, fast, testTrainingEnvironment());

  it('ranks every candidate on the same folds by ROC AUC, best first', () => {
    expect(result.leaderboard.map((e) => e.candidate).sort()).toEqual(['decision_tree', 'gradient_boosting', 'linear', 'random_forest', 'weighted_ensemble']);
    for (const entry of result.leaderboard) {
      LeaderboardEntrySchema.parse(entry);
      expect(entry.primary_metric).toBe('roc_auc');
      expect(entry.test).toBeGreaterThan(0.6);
    }
    const means = result.leaderboard.map((e) => e.cv_mean);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect(result.metrics.candidate).toBe(result.leaderboard[0].candidate);
    expect(result.leaderboard.find((e) => e.candidate === 'random_forest')?.rows_used).toBe(150);
    expect(result.leaderboard.find((e) => e.candidate === 'linear')?.rows_used).toBe(614);
  });

  it('writes artifacts that match their schemas, with binary secondary metrics and a threshold', () => {
    DatasetSchemaSchema.parse(result.schema);
    FeatureStatisticsSchema.parse(result.featureStatistics);
    TrainingMetricsSchema.parse(result.metrics);
    TrainingInfoSchema.parse(result.info);
    expect(Object.keys(result.metrics.test).sort()).toEqual(['accuracy', 'brier', 'f1', 'log_loss', 'pr_auc', 'roc_auc', 'threshold']);
    expect(result.metrics.threshold).toBeGreaterThan(0);
    expect(result.metrics.threshold).toBeLessThan(1);
    expect(result.info).toMatchObject({ rows: 768, train_rows: 614, test_rows: 154, seed: 3 });
    // The engine reads no clock and no package.json itself: it records what it is handed.
    expect(result.info).toMatchObject({ versions: { node: 'test' }, started_at: '2025-01-01T00:00:00.000Z', duration_seconds: 0 });
    expect(libraryVersions()['ml-cart']).toMatch(/^\d+\.\d+\.\d+$/);
    const glucose = result.featureStatistics.features.PlGlcConc;
    expect(glucose.type).toBe('numeric');
    if (glucose.type === 'numeric') {
      expect(glucose.histogram.counts.reduce((a, b) => a + b, 0)).toBe(glucose.count);
      expect(glucose.quantiles.p50).toBeGreaterThan(glucose.min);
    }
  });

  it('gives a byte-identical model.json for the same data and seed', () => {
    const again = trainModel(pima, fast, testTrainingEnvironment());
    expect(artifactFiles(again)['model.json']).toBe(artifactFiles(result)['model.json']);
    const otherSeed = trainModel(pima, { ...fast, seed: 4, candidates: ['random_forest'] }, testTrainingEnvironment());
    const sameSeed = trainModel(pima, { ...fast, candidates: ['random_forest'] }, testTrainingEnvironment());
    expect(artifactFiles(otherSeed)['model.json']).not.toBe(artifactFiles(sameSeed)['model.json']);
  });

  it('reloads model.json to the same predictions, by batch and by record', () => {
    const text = serializeModel(result.pipeline);
    const pipeline = parseModel(text);
    const frame = frameFromTable(pima, pipeline.features);
    const batch = createPredictor(pipeline).predictFrame(frame).values;
    const direct = createPredictor(result.pipeline).predictFrame(frame).values;
    expect(Array.from(batch)).toEqual(Array.from(direct));
    const predictRecord = createRowPredictor(pipeline);
    for (const row of [0, 1, 100, 767]) {
      const record = Object.fromEntries(pima.columns.map((c, i) => [c, pima.cells[i][row]]));
      expect(predictRecord(record)[0]).toBeCloseTo(batch[row], 12);
    }
    expect(() => predictRecord({ PlGlcConc: 'high' })).toThrow(InvalidInputError);
    expect(() => parseModel(text.replace('"format_version":1', '"format_version":2'))).toThrow(ModelArtifactError);
    expect(() => parseModel('{"format":"pickle"}')).toThrow(ModelArtifactError);
  });

  it('agrees between the gradient boosting record path and its batch path', () => {
    const gbm = trainModel(pima, { ...fast, candidates: ['gradient_boosting'] }, testTrainingEnvironment());
    const frame = frameFromTable(pima, gbm.pipeline.features);
    const batch = createPredictor(gbm.pipeline).predictFrame(frame).values;
    const predictRecord = createRowPredictor(gbm.pipeline);
    for (const row of [0, 5, 500]) {
      const record = Object.fromEntries(pima.columns.map((c, i) => [c, Number(pima.cells[i][row])]));
      expect(predictRecord(record)[0]).toBeCloseTo(batch[row], 12);
    }
  });
});

describe('trainModel on other tasks', () => {
  it('ranks regression by RMSE and reports R² and MAE', () => {
    const result = trainModel(parseCsv(readData('diabetes_sklearn.csv')), { candidates: ['linear', 'gradient_boosting'] }, testTrainingEnvironment());
    expect(result.schema.target.task).toBe('regression');
    expect(result.leaderboard[0].primary_metric).toBe('rmse');
    expect(result.leaderboard[0].cv_mean).toBeLessThanOrEqual(result.leaderboard[1].cv_mean);
    expect(Object.keys(result.metrics.test).sort()).toEqual(['mae', 'r2', 'rmse']);
    expect(result.metrics.test.r2).toBeGreaterThan(0.3);
    expect(result.metrics.threshold).toBeUndefined();
  });

  it('holds out one validation split when cv_folds is 0', () => {
    const result = trainModel(pima, { cv_folds: 0, candidates: ['linear'] }, testTrainingEnvironment());
    expect(result.metrics.validation.folds).toBe(1);
    expect(result.leaderboard[0].cv_std).toBe(0);
  });
});
