import { describe, expect, it } from 'vitest';
import { InvalidIdError } from '../shared/registry/errors.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { sha256Hex } from '../shared/util/sha256.js';
import { manualClock } from './support/manualClock.js';
import { SpyStore } from './support/spyStore.js';

const CSV = 'x1,label\n1,yes\n2,no\n';
const OTHER_CSV = 'x1,label\n3,yes\n';

function datasetStore() {
  const store = new SpyStore();
  const clock = manualClock('2025-02-03T04:05:06.000Z');
  return { store, clock, datasets: createModelRegistry(store, { clock }).datasets };
}

describe('DatasetStore', () => {
  it('stores a CSV once under the SHA-256 of its text; the same content again is not created', async () => {
    const { store, datasets } = datasetStore();
    const digest = sha256Hex(CSV);
    const key = `datasets/${digest}.csv`;
    expect(await datasets.put(CSV)).toEqual({ digest, key, created: true });
    expect(await datasets.put(CSV)).toEqual({ digest, key, created: false });
    expect(store.puts().map((c) => c.options)).toEqual([
      { ifNoneMatch: '*', contentType: 'text/csv' },
      { ifNoneMatch: '*', contentType: 'text/csv' },
    ]);
    expect(await store.inner.list('datasets/')).toEqual([key]);
    expect((await datasets.put(OTHER_CSV)).digest).toBe(sha256Hex(OTHER_CSV));
    expect(await datasets.get(digest)).toBe(CSV);
  });

  it('names the latest dataset, with the clock time of markLatest, each call replacing the last', async () => {
    const { clock, datasets } = datasetStore();
    expect(await datasets.latest()).toBeUndefined();
    const first = (await datasets.put(CSV)).digest;
    expect(await datasets.markLatest(first)).toEqual({ digest: first, ingested_at: '2025-02-03T04:05:06.000Z' });
    expect(await datasets.latest()).toEqual({ digest: first, ingested_at: '2025-02-03T04:05:06.000Z' });
    clock.advance(60_000);
    const second = (await datasets.put(OTHER_CSV)).digest;
    await datasets.markLatest(second);
    expect(await datasets.latest()).toEqual({ digest: second, ingested_at: '2025-02-03T04:06:06.000Z' });
  });

  it.each(['../x', 'D'.repeat(64), 'd'.repeat(63), '', 42])('rejects digest %j with InvalidIdError before any store call', async (bad) => {
    const { store, datasets } = datasetStore();
    await expect(datasets.get(bad as string)).rejects.toThrow(InvalidIdError);
    await expect(datasets.markLatest(bad as string)).rejects.toThrow(InvalidIdError);
    expect(store.calls).toEqual([]);
  });

  it('reads an unknown digest as undefined', async () => {
    const { datasets } = datasetStore();
    await datasets.put(CSV);
    expect(await datasets.get(sha256Hex(OTHER_CSV))).toBeUndefined();
  });
});
