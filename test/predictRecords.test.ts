import { describe, expect, it } from 'vitest';
import { InvalidPredictRequestError } from '../shared/serving/errors.js';
import { predictionTime } from '../shared/serving/predictionId.js';
import { PredictionLogRecordSchema } from '../shared/serving/predictionLogRecord.js';
import { PredictResponseSchema } from '../shared/serving/predictionOutput.js';
import { predictRecords } from '../shared/serving/predictRecords.js';
import { relabeledCsv, syntheticBinaryCsv, syntheticMulticlassCsv } from './support/datasets.js';
import { manualClock } from './support/manualClock.js';
import { testPredictPorts } from './support/predictPorts.js';
import { DIABETES_RECORD, diabetesSlice, fixedProvider, servedModel } from './support/servedModels.js';

const LINEAR = { candidates: ['linear' as const], cv_folds: 2 };
const diabetes = servedModel(diabetesSlice());
const textLabels = servedModel(syntheticBinaryCsv(300), 'v0007', LINEAR);
const multiclass = servedModel(syntheticMulticlassCsv(300), 'v0002', LINEAR);
const regression = servedModel(
  relabeledCsv(syntheticMulticlassCsv(300), (fields) => (2 * Number(fields[0]) + Number(fields[1])).toFixed(3)),
  'v0004',
  LINEAR,
);
const PATIENT = DIABETES_RECORD;
const HEALTHY = { ...PATIENT, age: 25, heart_disease: 0, HbA1c_level: 4.8, blood_glucose_level: 85 };
/** HbA1c ≥ 7 and glucose ≥ 200: diabetic on every such row of the dataset. */
const DIABETIC = { ...PATIENT, HbA1c_level: 8.8, blood_glucose_level: 260 };

function setup(model = diabetes) {
  const clock = manualClock('2026-05-06T07:08:09.010Z');
  const provider = fixedProvider(model);
  return { clock, provider, ...testPredictPorts(provider, clock) };
}

describe('predictRecords: the response', () => {
  it('answers a 0/1 target with numeric labels and the positive-class probability', async () => {
    const { ports } = setup();
    const response = await predictRecords(ports, { records: [DIABETIC, HEALTHY] });
    expect(PredictResponseSchema.parse(response)).toEqual(response);
    expect(response).toMatchObject({ model_version: 'v0003', warnings: [] });
    const [sick, healthy] = response.predictions;
    expect(sick.prediction).toBe(1);
    expect(healthy.prediction).toBe(0);
    expect(sick.probability).toBeGreaterThan(healthy.probability as number);
    expect(Object.keys(sick).sort()).toEqual(['prediction', 'prediction_id', 'probability']);
  });

  it('answers one record as a batch of one', async () => {
    const { ports } = setup();
    expect((await predictRecords(ports, PATIENT)).predictions).toHaveLength(1);
  });

  it('answers a text target with its labels as strings', async () => {
    const { ports } = setup(textLabels);
    const response = await predictRecords(ports, { records: [{ x1: 9.5, x2: 1, color: 'red' }, { x1: 0.5, x2: 1, color: 'blue' }] });
    expect(response.predictions.map((p) => p.prediction)).toEqual(['yes', 'no']);
    expect(response.predictions[0].probability).toBeGreaterThan(0.5);
  });

  it('answers multiclass with every class probability and the most probable label', async () => {
    const { ports } = setup(multiclass);
    const [low, high] = (await predictRecords(ports, { records: [{ x1: 0.5, x2: 0.5 }, { x1: 8.5, x2: 0.5 }] })).predictions;
    expect(Object.keys(low.probabilities ?? {})).toEqual(['a', 'b', 'c']);
    expect(low).not.toHaveProperty('probability');
    expect([low.prediction, high.prediction]).toEqual(['a', 'c']);
    const sum = Object.values(high.probabilities ?? {}).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 9);
  });

  it('answers regression with the predicted value only', async () => {
    const { ports } = setup(regression);
    const [prediction] = (await predictRecords(ports, { x1: 4, x2: 0.5 })).predictions;
    expect(Object.keys(prediction).sort()).toEqual(['prediction', 'prediction_id']);
    expect(prediction.prediction).toBeCloseTo(8.5, 0);
  });

  it('passes the validator’s warnings through', async () => {
    const { ports } = setup();
    const response = await predictRecords(ports, { ...PATIENT, smoking_history: 'sometimes', foo: 1 });
    expect(response.warnings).toEqual([
      "unseen category 'sometimes' of feature 'smoking_history' (not in the training data of v0003)",
      "ignored field 'foo' (not a feature of v0003)",
    ]);
  });

  it('validates against the version being served, rebuilt when the served model changes', async () => {
    const { ports, provider } = setup(textLabels);
    await expect(predictRecords(ports, PATIENT)).rejects.toThrow(InvalidPredictRequestError);
    provider.serve(diabetes);
    expect((await predictRecords(ports, PATIENT)).model_version).toBe('v0003');
  });
});

describe('predictRecords: the prediction log', () => {
  it('appends one record per prediction: unique ids, timestamp = the id’s time, the validated record, the answer', async () => {
    const { ports, logged, clock } = setup();
    const first = await predictRecords(ports, { records: [{ ...PATIENT, age: '80', extra: true }, HEALTHY, PATIENT] });
    clock.advance(3_600_000);
    const second = await predictRecords(ports, HEALTHY);
    const predictions = [...first.predictions, ...second.predictions];

    expect(logged).toHaveLength(4);
    expect(new Set(logged.map((r) => r.prediction_id)).size).toBe(4);
    const validated = [PATIENT, HEALTHY, PATIENT, HEALTHY];
    logged.forEach((entry, i) => {
      expect(PredictionLogRecordSchema.parse(entry)).toEqual(entry);
      expect(entry.timestamp).toBe(predictionTime(entry.prediction_id).toISOString());
      expect(entry).toEqual({ ...predictions[i], model_version: 'v0003', timestamp: entry.timestamp, record: validated[i] });
    });
    expect(logged.map((r) => r.timestamp)).toEqual([...Array(3).fill('2026-05-06T07:08:09.010Z'), '2026-05-06T08:08:09.010Z']);
  });

  it('logs nothing for a rejected request', async () => {
    const { ports, logged } = setup();
    await expect(predictRecords(ports, { records: [PATIENT, { ...PATIENT, age: 'maybe' }] })).rejects.toThrow(InvalidPredictRequestError);
    expect(logged).toEqual([]);
  });
});

describe('predictRecords: metrics', () => {
  it('counts predictions by version and observes each prediction’s value', async () => {
    const { ports, metrics } = setup();
    const batch = await predictRecords(ports, { records: [PATIENT, HEALTHY, DIABETIC] });
    const single = await predictRecords(ports, HEALTHY);
    expect(metrics.total('predictions_total', { model_version: 'v0003' })).toBe(4);
    const probabilities = [...batch.predictions, ...single.predictions].map((p) => p.probability);
    expect(metrics.observed('prediction_value', { model_version: 'v0003' })).toEqual(probabilities);
  });

  it('observes the top probability for multiclass and the value for regression', async () => {
    const classes = setup(multiclass);
    const [answer] = (await predictRecords(classes.ports, { x1: 4.5, x2: 0.5 })).predictions;
    expect(classes.metrics.observed('prediction_value')).toEqual([Math.max(...Object.values(answer.probabilities ?? {}))]);
    const values = setup(regression);
    const [value] = (await predictRecords(values.ports, { x1: 4, x2: 0.5 })).predictions;
    expect(values.metrics.observed('prediction_value')).toEqual([value.prediction]);
  });

  it('counts unseen categories by feature, one per occurrence', async () => {
    const { ports, metrics } = setup();
    const records = [{ ...PATIENT, smoking_history: 'sometimes' }, { ...PATIENT, smoking_history: 'rarely', gender: 'Other' }];
    await predictRecords(ports, { records });
    expect(metrics.total('unseen_categories_total', { feature: 'smoking_history' })).toBe(2);
    expect(metrics.total('unseen_categories_total', { feature: 'gender' })).toBe(1);
    expect(metrics.total('unseen_categories_total')).toBe(3);
  });
});
