import { describe, expect, it } from 'vitest';
import type { TargetSpec } from '../shared/automl/schema/datasetSchema.js';
import { PayloadTooLargeError } from '../shared/http/errors.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { InvalidFeedbackError, type RequestProblem } from '../shared/serving/errors.js';
import { recordFeedback } from '../shared/serving/recordFeedback.js';
import { manualClock } from './support/manualClock.js';
import { BINARY_01, label, predictionIdAt, window } from './support/predictionLogFixtures.js';
import { RecordingMetrics } from './support/recordingMetrics.js';
import { SpyStore } from './support/spyStore.js';

const YES_NO: TargetSpec = { name: 'churn', rule: 'name', task: 'binary', classes: ['no', 'yes'], positive_class: 'yes' };
const MULTICLASS: TargetSpec = { name: 'tier', rule: 'last_column', task: 'multiclass', classes: ['bronze', 'gold', 'silver'] };
const STARS: TargetSpec = { name: 'stars', rule: 'last_column', task: 'multiclass', classes: ['1', '2', '3', '4', '5'] };
const REGRESSION: TargetSpec = { name: 'price', rule: 'option', task: 'regression' };

const ID = predictionIdAt('2025-03-01T10:00:00Z');
const NOW = '2025-03-02T08:00:00.000Z';
const ALL = window('2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z');

function feedback() {
  const store = new SpyStore();
  const clock = manualClock(NOW);
  const metrics = new RecordingMetrics();
  const registry = createModelRegistry(store, { clock });
  return { store, metrics, labels: registry.labels, ports: { labels: registry.labels, clock, metrics } };
}

/** The problems of a refused request (and that nothing reached the store). */
async function problems(target: TargetSpec, body: unknown): Promise<readonly RequestProblem[]> {
  const { ports, store } = feedback();
  const error = await recordFeedback(ports, target, body).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidFeedbackError);
  expect(store.calls).toEqual([]);
  return (error as InvalidFeedbackError).details;
}

describe('recordFeedback', () => {
  it.each([
    ['binary 0/1, a number', BINARY_01, 1, 1],
    ['binary 0/1, the class text', BINARY_01, '0', 0],
    ['yes/no, the class text', YES_NO, 'yes', 'yes'],
    ['yes/no, the class text with spaces (trimmed, as in training)', YES_NO, ' no ', 'no'],
    ['multiclass text', MULTICLASS, 'silver', 'silver'],
    ['multiclass numeric, a number', STARS, 5, 5],
    ['regression, a number', REGRESSION, 1234.5, 1234.5],
    ['regression, zero', REGRESSION, 0, 0],
  ])('accepts %s and stores it in the target type', async (_, target, actual, stored) => {
    const { ports, labels, metrics } = feedback();
    expect(await recordFeedback(ports, target, { records: [{ prediction_id: ID, actual }] })).toEqual({ accepted: 1 });
    expect((await labels.read(ALL)).records).toEqual([label(ID, stored, NOW)]);
    expect(metrics.total('feedback_labels_total')).toBe(1);
  });

  it.each([
    ['not hex', 'not-a-uuid', /'not-a-uuid' is not a prediction id/],
    ['upper case', ID.toUpperCase(), /is not a prediction id/],
    ['a UUIDv4', '3b241101-e2bb-4255-8caf-4136c566a962', /is not a prediction id/],
    ['a number', 42, /expected a prediction id, got a number/],
    ['null', null, /expected a prediction id, got null/],
    ['missing', undefined, /^missing$/],
  ])('refuses a prediction_id that is %s', async (_, prediction_id, message) => {
    expect(await problems(BINARY_01, { records: [{ prediction_id, actual: 1 }] })).toEqual([{ index: 0, field: 'prediction_id', message: expect.stringMatching(message) }]);
  });

  it.each([
    ['binary 0/1', BINARY_01, 2, /^2 is not a class; expected a class of 'diabetes': 0, 1 \(a number or its text\)$/],
    ['binary 0/1', BINARY_01, '2', /'2' is not a class/],
    ['binary 0/1', BINARY_01, 0.5, /0.5 is not a class/],
    ['binary 0/1', BINARY_01, 'yes', /'yes' is not a class/],
    ['binary 0/1', BINARY_01, true, /got a boolean/],
    ['binary 0/1', BINARY_01, null, /got null/],
    ['binary 0/1', BINARY_01, [1], /got an array/],
    ['yes/no', YES_NO, 'YES', /^'YES' is not a class; expected a class of 'churn': 'no', 'yes'$/],
    ['yes/no', YES_NO, 1, /1 is not a class/],
    ['yes/no', YES_NO, 'maybe', /'maybe' is not a class/],
    ['multiclass', MULTICLASS, 'platinum', /'platinum' is not a class; expected a class of 'tier': 'bronze', 'gold', 'silver'/],
    ['multiclass', MULTICLASS, 2, /2 is not a class/],
    ['multiclass numeric', STARS, 6, /6 is not a class/],
    ['regression', REGRESSION, '3.5', /expected a finite number, got a string/],
    ['regression', REGRESSION, Number.POSITIVE_INFINITY, /Infinity is not a finite number/],
    ['regression', REGRESSION, Number.NaN, /NaN is not a finite number/],
    ['regression', REGRESSION, null, /expected a finite number, got null/],
    ['regression', REGRESSION, undefined, /^missing$/],
  ])('refuses for a %s target the label %j', async (_, target, actual, message) => {
    expect(await problems(target, { records: [{ prediction_id: ID, actual }] })).toEqual([{ index: 0, field: 'actual', message: expect.stringMatching(message) }]);
  });

  it('reads 1e999 in a JSON body (Infinity) as not a finite number for regression', async () => {
    expect(await problems(REGRESSION, JSON.parse(`{"records":[{"prediction_id":"${ID}","actual":1e999}]}`))).toEqual([
      { index: 0, field: 'actual', message: expect.stringMatching(/^Infinity is not a finite number/) },
    ]);
  });

  it('names every bad index and field of a multi-error request, and stores none of its labels', async () => {
    const body = { records: [{ prediction_id: ID, actual: 'yes' }, { prediction_id: 'x', actual: 'no' }, { prediction_id: ID, actual: 'nope' }, 7, { actual: 3 }] };
    const details = await problems(YES_NO, body);
    expect(details.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 1, field: 'prediction_id' },
      { index: 2, field: 'actual' },
      { index: 3, field: null },
      { index: 4, field: 'prediction_id' },
      { index: 4, field: 'actual' },
    ]);
    const { ports } = feedback();
    await expect(recordFeedback(ports, YES_NO, body)).rejects.toThrow(/^invalid feedback \(5 problems\): record 1 'prediction_id': 'x' is not a prediction id/);
  });

  it.each([
    ['an array', [{ prediction_id: ID, actual: 1 }], null, /got an array/],
    ['null', null, null, /got null/],
    ['an object without records', { prediction_id: ID, actual: 1 }, 'records', /^missing$/],
    ['records that are not an array', { records: { prediction_id: ID, actual: 1 } }, 'records', /expected an array of labels, got an object/],
    ['an empty batch', { records: [] }, 'records', /the batch is empty/],
  ])('refuses a body that is %s', async (_, body, field, message) => {
    expect(await problems(BINARY_01, body)).toEqual([{ index: null, field, message: expect.stringMatching(message) }]);
  });

  it('answers more than 1,000 labels with PayloadTooLargeError, storing nothing', async () => {
    const { ports, store } = feedback();
    const records = Array.from({ length: 1001 }, () => ({ prediction_id: ID, actual: 1 }));
    await expect(recordFeedback(ports, BINARY_01, { records })).rejects.toThrow(PayloadTooLargeError);
    expect(store.calls).toEqual([]);
    expect(await recordFeedback(ports, BINARY_01, { records: records.slice(1) })).toEqual({ accepted: 1000 });
  });

  it("stores a batch with the clock's time as received_at, partitioned by each prediction's time, and counts it", async () => {
    const { ports, store, labels, metrics } = feedback();
    const [a, b] = [predictionIdAt('2025-03-01T09:30:00Z'), predictionIdAt('2025-03-01T10:30:00Z')];
    const body = { records: [{ prediction_id: a, actual: '1', note: 'ignored' }, { prediction_id: b, actual: 0 }] };
    expect(await recordFeedback(ports, BINARY_01, body)).toEqual({ accepted: 2 });
    expect((await store.inner.list('labels/')).map((key) => key.split('/').slice(1, 3).join('/'))).toEqual(['date=2025-03-01/hour=09', 'date=2025-03-01/hour=10']);
    expect((await labels.read(ALL)).records).toEqual([label(a, 1, NOW), label(b, 0, NOW)]);
    expect(metrics.total('feedback_labels_total')).toBe(2);
  });
});
