import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { manualClock } from './support/manualClock.js';
import { label, predictionIdAt, window } from './support/predictionLogFixtures.js';
import { SpyStore } from './support/spyStore.js';

function labelStore() {
  const store = new SpyStore();
  return { store, labels: createModelRegistry(store, { clock: manualClock() }).labels };
}

const DAY = window('2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z');

describe('LabelStore', () => {
  it("partitions a label by its prediction's time (from the id), not by when it was received", async () => {
    const { store, labels } = labelStore();
    const id = predictionIdAt('2025-03-01T09:15:00Z');
    await labels.writeBatch([label(id, 'yes', '2025-03-05T17:00:00.000Z')]);
    const keys = await store.inner.list('labels/');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^labels\/date=2025-03-01\/hour=09\/\d{13}-\d{13}-[0-9a-f]{64}\.ndjson$/);
    expect((await store.inner.get(keys[0]))?.body).toBe(`{"prediction_id":"${id}","actual":"yes","received_at":"2025-03-05T17:00:00.000Z"}\n`);
    expect((await labels.read(window('2025-03-01T09:00:00Z', '2025-03-01T10:00:00Z'))).records).toEqual([label(id, 'yes', '2025-03-05T17:00:00.000Z')]);
    expect((await labels.read(window('2025-03-05T17:00:00Z', '2025-03-05T18:00:00Z'))).records).toEqual([]);
  });

  it('treats a replayed batch as a no-op', async () => {
    const { labels } = labelStore();
    const batch = [label(predictionIdAt('2025-03-01T09:15:00Z'), 1), label(predictionIdAt('2025-03-01T10:15:00Z'), 0)];
    expect(await labels.writeBatch(batch)).toEqual({ written: 2, alreadyPresent: 0 });
    expect(await labels.writeBatch(batch)).toEqual({ written: 0, alreadyPresent: 2 });
    expect(await labels.read(DAY)).toEqual({ records: batch, duplicates: 0 });
  });

  it('returns the latest label per prediction_id by received_at, whatever order the batches came in', async () => {
    const { labels } = labelStore();
    const [a, b] = [predictionIdAt('2025-03-01T10:00:00Z'), predictionIdAt('2025-03-01T10:00:01Z')];
    await labels.writeBatch([label(a, 'no', '2025-03-01T12:00:00.000Z'), label(b, 'no', '2025-03-01T12:00:00.000Z')]);
    await labels.writeBatch([label(a, 'yes', '2025-03-01T13:00:00.000Z')]);
    await labels.writeBatch([label(b, 'yes', '2025-03-01T11:00:00.000Z')]);
    const read = await labels.read(DAY);
    expect(read.duplicates).toBe(2);
    expect(new Map(read.records.map((l) => [l.prediction_id, l.actual]))).toEqual(new Map([[a, 'yes'], [b, 'no']]));
  });

  it('breaks a tie of received_at in favour of the later line', async () => {
    const { labels } = labelStore();
    const id = predictionIdAt('2025-03-01T10:00:00Z');
    await labels.writeBatch([label(id, 'no'), label(id, 'yes')]);
    expect(await labels.read(DAY)).toEqual({ records: [label(id, 'yes')], duplicates: 1 });
  });

  it('selects labels by their prediction time in [from, to): from inclusive, to exclusive', async () => {
    const { labels } = labelStore();
    const [atFrom, atTo] = [predictionIdAt('2025-03-01T10:00:00.000Z'), predictionIdAt('2025-03-01T11:00:00.000Z')];
    await labels.writeBatch([label(atFrom, 1), label(atTo, 0)]);
    expect((await labels.read(window('2025-03-01T10:00:00Z', '2025-03-01T11:00:00Z'))).records).toEqual([label(atFrom, 1)]);
  });
});
