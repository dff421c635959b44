import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../shared/ports/errors.js';
import { compareAndSwap, tryPut, type RetryPolicy } from '../shared/registry/compareAndSwap.js';
import { ConcurrentUpdateError } from '../shared/registry/errors.js';
import { SpyStore } from './support/spyStore.js';

const KEY = 'counter.json';
const POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 };

/** A step that appends `suffix` to the current body ('' when absent) and returns the new body. */
const append = (suffix: string) => (current: { body: string } | undefined) => {
  const body = `${current?.body ?? ''}${suffix}`;
  return { write: body, result: body };
};

describe('compareAndSwap', () => {
  it('creates an absent key with If-None-Match *, passing the content type', async () => {
    const store = new SpyStore();
    const result = await compareAndSwap(store, KEY, POLICY, (current) => {
      expect(current).toBeUndefined();
      return { write: 'one', result: 1, contentType: 'application/json' };
    });
    expect(result).toBe(1);
    expect(store.puts()).toEqual([{ op: 'put', key: KEY, body: 'one', options: { ifNoneMatch: '*', contentType: 'application/json' } }]);
    expect((await store.inner.get(KEY))?.body).toBe('one');
  });

  it('replaces a present key with If-Match on the ETag it read', async () => {
    const store = new SpyStore();
    const { etag } = await store.inner.put(KEY, 'one');
    expect(await compareAndSwap(store, KEY, POLICY, append('+two'))).toBe('one+two');
    expect(store.puts()).toEqual([{ op: 'put', key: KEY, body: 'one+two', options: { ifMatch: etag } }]);
  });

  it('writes nothing when the step is done, returning its result', async () => {
    const store = new SpyStore();
    await store.inner.put(KEY, 'one');
    expect(await compareAndSwap(store, KEY, POLICY, (current) => ({ done: current?.body }))).toBe('one');
    expect(store.calls).toEqual([{ op: 'get', key: KEY }]);
  });

  it('re-reads and retries after losing a race, applying the step to the winner state', async () => {
    const store = new SpyStore();
    await store.inner.put(KEY, 'one');
    let raced = false;
    store.beforePut = async () => {
      if (raced) return;
      raced = true;
      await store.inner.put(KEY, 'rival');
    };
    const seen: (string | undefined)[] = [];
    const result = await compareAndSwap(store, KEY, POLICY, (current) => {
      seen.push(current?.body);
      return append('+mine')(current);
    });
    expect(result).toBe('rival+mine');
    expect(seen).toEqual(['one', 'rival']);
    expect(store.puts().map((c) => c.body)).toEqual(['one+mine', 'rival+mine']);
    expect((await store.inner.get(KEY))?.body).toBe('rival+mine');
  });

  it('throws ConcurrentUpdateError naming the key after `attempts` lost races, the rival writes kept', async () => {
    const store = new SpyStore();
    let rivals = 0;
    store.beforePut = async () => void (await store.inner.put(KEY, `rival ${++rivals}`));
    const error = await compareAndSwap(store, KEY, POLICY, append('+mine')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrentUpdateError);
    expect((error as Error).message).toBe(`${KEY}: 3 compare-and-swap attempts lost to concurrent writers`);
    expect(store.puts()).toHaveLength(3);
    expect((await store.inner.get(KEY))?.body).toBe('rival 3');
  });

  it('aborts when the step throws: the error propagates and nothing is written', async () => {
    const store = new SpyStore();
    await store.inner.put(KEY, 'one');
    const refusal = new Error('refused');
    await expect(
      compareAndSwap(store, KEY, POLICY, () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(store.puts()).toEqual([]);
    expect((await store.inner.get(KEY))?.body).toBe('one');
  });

  it('lets a store failure propagate without retrying', async () => {
    const store = new SpyStore();
    store.beforePut = () => {
      throw new StoreUnavailableError('S3 down');
    };
    await expect(compareAndSwap(store, KEY, POLICY, append('x'))).rejects.toThrow(StoreUnavailableError);
    expect(store.puts()).toHaveLength(1);
  });
});

describe('tryPut', () => {
  it('is true when written, false when the condition failed, and rethrows other errors', async () => {
    const store = new SpyStore();
    expect(await tryPut(store, KEY, 'one', { ifNoneMatch: '*' })).toBe(true);
    expect(await tryPut(store, KEY, 'two', { ifNoneMatch: '*' })).toBe(false);
    expect((await store.inner.get(KEY))?.body).toBe('one');
    store.beforePut = () => {
      throw new StoreUnavailableError('S3 down');
    };
    await expect(tryPut(store, KEY, 'three', {})).rejects.toThrow(StoreUnavailableError);
  });
});
