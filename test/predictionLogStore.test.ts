import { describe, expect, it } from 'vitest';
import { CorruptObjectError, InvalidArgumentError } from '../shared/registry/errors.js';
import { predictionBatchKey } from '../shared/registry/keys.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import type { PredictionLogRecord } from '../shared/registry/schemas.js';
import { sha256Hex } from '../shared/util/sha256.js';
import { manualClock } from './support/manualClock.js';
import { logRecord, logRecords, window } from './support/predictionLogFixtures.js';
import { SpyStore } from './support/spyStore.js';

function logStore() {
  const store = new SpyStore();
  return { store, predictions: createModelRegistry(store, { clock: manualClock() }).predictions };
}

const ndjson = (records: PredictionLogRecord[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
const ALL = window('2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z');

describe('PredictionLogStore', () => {
  it('writes one object per hourly partition of the prediction time, split at the hour boundary, lines in the given order', async () => {
    const { store, predictions } = logStore();
    const before = [logRecord('2025-03-01T09:59:58.000Z'), logRecord('2025-03-01T09:59:59.999Z')];
    const after = [logRecord('2025-03-01T10:00:00.000Z')];
    const batch = [before[0], after[0], before[1]];
    expect(await predictions.writeBatch(batch)).toEqual({ written: 2, alreadyPresent: 0 });
    const span = (records: PredictionLogRecord[]) => ({ first: Date.parse(records[0].timestamp), last: Date.parse(records.at(-1)!.timestamp) });
    const nine = predictionBatchKey({ date: '2025-03-01', hour: '09' }, sha256Hex(ndjson(before)), span(before));
    const ten = predictionBatchKey({ date: '2025-03-01', hour: '10' }, sha256Hex(ndjson(after)), span(after));
    expect(await store.inner.list('predictions/')).toEqual([nine, ten]);
    expect(nine).toMatch(/^predictions\/date=2025-03-01\/hour=09\/1740823198000-1740823199999-[0-9a-f]{64}\.ndjson$/);
    expect((await store.inner.get(nine))?.body).toBe(ndjson(before));
    expect(store.puts().map((call) => call.options)).toEqual([
      { ifNoneMatch: '*', contentType: 'application/x-ndjson' },
      { ifNoneMatch: '*', contentType: 'application/x-ndjson' },
    ]);
    expect((await predictions.read(ALL)).records).toEqual([...before, ...after]);
  });

  it('treats a replayed batch as a no-op: same content, same keys, nothing new', async () => {
    const { store, predictions } = logStore();
    const batch = logRecords('2025-03-01T09:59:00Z', 4, 30_000);
    await predictions.writeBatch(batch);
    const keys = await store.inner.list('predictions/');
    expect(await predictions.writeBatch(batch)).toEqual({ written: 0, alreadyPresent: 2 });
    expect(await store.inner.list('predictions/')).toEqual(keys);
    expect(await predictions.read(ALL)).toEqual({ records: batch, duplicates: 0 });
  });

  it('reads each prediction_id once, the first line seen winning, and counts the duplicates', async () => {
    const { predictions } = logStore();
    const [a, b, c] = logRecords('2025-03-01T10:00:00Z', 3, 1000);
    await predictions.writeBatch([a, b, { ...a, prediction: 0 }]);
    await predictions.writeBatch([b, c]);
    const read = await predictions.read(ALL);
    expect(read.duplicates).toBe(2);
    const byId = (records: PredictionLogRecord[]) => [...records].sort((x, y) => x.prediction_id.localeCompare(y.prediction_id));
    expect(byId(read.records)).toEqual(byId([a, b, c]));
  });

  it('selects predictions by the window [from, to): from inclusive, to exclusive', async () => {
    const { store, predictions } = logStore();
    const [early, atFrom, inside, atTo] = ['2025-03-01T09:59:59.999Z', '2025-03-01T10:00:00.000Z', '2025-03-01T10:30:00.000Z', '2025-03-01T11:00:00.000Z'].map((at) => logRecord(at));
    await predictions.writeBatch([early, atFrom, inside, atTo]);
    store.calls.length = 0;
    const read = await predictions.read(window('2025-03-01T10:00:00.000Z', '2025-03-01T11:00:00.000Z'));
    expect(read.records).toEqual([atFrom, inside]);
    expect(store.calls.filter((call) => call.op === 'list').map((call) => call.key)).toEqual(['predictions/date=2025-03-01/hour=10/']);
    expect((await predictions.read(window('2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z'))).records).toEqual([]);
  });

  it('lists only the hourly partitions overlapping the window, across midnight', async () => {
    const { store, predictions } = logStore();
    await predictions.read(window('2025-03-01T22:30:00Z', '2025-03-02T00:00:00.001Z'));
    expect(store.calls.map((call) => call.key)).toEqual([
      'predictions/date=2025-03-01/hour=22/',
      'predictions/date=2025-03-01/hour=23/',
      'predictions/date=2025-03-02/hour=00/',
    ]);
  });

  it('reports a corrupt line as CorruptObjectError naming the key and the line', async () => {
    const { store, predictions } = logStore();
    const good = JSON.stringify(logRecord('2025-03-01T10:00:00Z'));
    const key = predictionBatchKey({ date: '2025-03-01', hour: '10' }, 'e'.repeat(64));
    await store.inner.put(key, `${good}\n{"prediction_id":"x"}\n`);
    const error = await predictions.read(ALL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptObjectError);
    expect((error as Error).message).toMatch(new RegExp(`^${key} line 2 does not match its schema: `));
    await store.inner.put(key, `${good}\n\n`);
    await expect(predictions.read(ALL)).rejects.toThrow(`${key} line 2 is not valid JSON`);
  });

  it('refuses a record that does not match its schema, a reversed window and one over a year, before any store call', async () => {
    const { store, predictions } = logStore();
    const bad = { ...logRecord('2025-03-01T10:00:00Z'), prediction_id: 'not-a-uuid' };
    await expect(predictions.writeBatch([bad])).rejects.toThrow(InvalidArgumentError);
    await expect(predictions.read(window('2025-03-02T00:00:00Z', '2025-03-01T00:00:00Z'))).rejects.toThrow(InvalidArgumentError);
    await expect(predictions.read(window('2024-01-01T00:00:00Z', '2025-01-01T00:00:00.001Z'))).rejects.toThrow(/more than 8784 hours/);
    expect(store.calls).toEqual([]);
  });

  it('skips, unread, the objects whose prediction times are all outside the window (the span in their key)', async () => {
    const { store, predictions } = logStore();
    await predictions.writeBatch([logRecord('2025-03-01T10:01:00Z'), logRecord('2025-03-01T10:02:00Z')]);
    await predictions.writeBatch([logRecord('2025-03-01T10:30:00Z')]);
    await predictions.writeBatch([logRecord('2025-03-01T10:58:00Z'), logRecord('2025-03-01T10:59:00Z')]);
    const before = store.calls.length;
    const read = await predictions.read(window('2025-03-01T10:29:00Z', '2025-03-01T10:31:00Z'));
    expect(read.records.map((r) => r.timestamp)).toEqual(['2025-03-01T10:30:00.000Z']);
    expect(store.calls.slice(before).filter((call) => call.op === 'get')).toHaveLength(1);
    expect((await predictions.read(window('2025-03-01T10:02:00Z', '2025-03-01T10:58:00Z'))).records).toHaveLength(2); // edges: from inclusive, to exclusive
  });
});
