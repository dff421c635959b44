import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { labeledPredictions } from '../shared/serving/labeledPredictions.js';
import { storePredictionLog } from '../shared/serving/storePredictionLog.js';
import { manualClock } from './support/manualClock.js';
import { label, logRecords, predictionIdAt, window } from './support/predictionLogFixtures.js';
import { SpyStore } from './support/spyStore.js';

function registry() {
  const store = new SpyStore();
  return { store, registry: createModelRegistry(store, { clock: manualClock() }) };
}

const WINDOW = window('2025-03-01T09:00:00Z', '2025-03-01T12:00:00Z');

describe('storePredictionLog', () => {
  it('writes a message to the prediction log, and a redelivered message writes nothing new', async () => {
    const { store, registry: r } = registry();
    const message = { records: logRecords('2025-03-01T09:50:00Z', 6, 5 * 60_000) };
    expect(await storePredictionLog(r, message)).toEqual({ written: 2, alreadyPresent: 0 });
    const keys = await store.inner.list('predictions/');
    expect(await storePredictionLog(r, message)).toEqual({ written: 0, alreadyPresent: 2 });
    expect(await store.inner.list('predictions/')).toEqual(keys);
    expect(await r.predictions.read(WINDOW)).toEqual({ records: message.records, duplicates: 0 });
  });
});

describe('labeledPredictions', () => {
  it('yields exactly the labeled subset of the logged predictions, with their latest labels, and counts the orphans', async () => {
    const { registry: r } = registry();
    const logged = logRecords('2025-03-01T09:30:00Z', 10, 15 * 60_000);
    await storePredictionLog(r, { records: logged.slice(0, 6) });
    await storePredictionLog(r, { records: logged.slice(4) });
    const subset = [logged[1], logged[4], logged[8]];
    const orphans = [predictionIdAt('2025-03-01T10:10:00Z'), predictionIdAt('2025-03-01T11:20:00Z')];
    await r.labels.writeBatch([label(subset[0].prediction_id, 1), label(subset[1].prediction_id, 1), label(orphans[0], 0)]);
    await r.labels.writeBatch([label(subset[1].prediction_id, 0, '2025-03-01T13:00:00.000Z'), label(subset[2].prediction_id, 0), label(orphans[1], 1)]);

    const joined = await labeledPredictions(r, WINDOW);
    expect(joined).toEqual({
      rows: [
        { prediction: subset[0], actual: 1, labeled_at: '2025-03-01T12:00:00.000Z' },
        { prediction: subset[1], actual: 0, labeled_at: '2025-03-01T13:00:00.000Z' },
        { prediction: subset[2], actual: 0, labeled_at: '2025-03-01T12:00:00.000Z' },
      ],
      predictions: 10,
      labels: 5,
      orphans: 2,
      duplicates: 2,
    });
  });

  it('joins within the window only: a label of a prediction outside it is not an orphan of this window', async () => {
    const { registry: r } = registry();
    const [inside, outside] = logRecords('2025-03-01T11:59:00Z', 2, 60_000);
    await storePredictionLog(r, { records: [inside, outside] });
    await r.labels.writeBatch([label(inside.prediction_id, 1), label(outside.prediction_id, 0)]);
    const joined = await labeledPredictions(r, WINDOW);
    expect(joined.rows.map((row) => row.prediction)).toEqual([inside]);
    expect({ predictions: joined.predictions, labels: joined.labels, orphans: joined.orphans }).toEqual({ predictions: 1, labels: 1, orphans: 0 });
  });
});
