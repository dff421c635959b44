import { describe, expect, it } from 'vitest';
import { ConcurrentUpdateError, InvalidArgumentError, NothingToRollBackError, VersionNotFoundError } from '../shared/registry/errors.js';
import { productionKey } from '../shared/registry/keys.js';
import { expectConsistentChain } from './support/registryAssertions.js';
import { registryWithVersions, rivalOf } from './support/registryFixtures.js';

const POINTER = productionKey();

describe('production.promote', () => {
  it('starts the history at sequence 1 and appends one event per promotion', async () => {
    const { clock, registry } = await registryWithVersions(2);
    const { production } = registry;
    expect(await production.get()).toBeUndefined();
    expect(await production.etag()).toBeUndefined();
    const first = await production.promote('v0001', { reason: 'first model', actor: 'alice' });
    const at = clock.now().toISOString();
    expect(first).toEqual({
      version: 'v0001',
      sequence: 1,
      promoted_at: at,
      reason: 'first model',
      actor: 'alice',
      previous: null,
      history: [{ sequence: 1, version: 'v0001', previous: null, at, reason: 'first model', actor: 'alice', kind: 'promote' }],
    });
    clock.advance(1000);
    const second = await production.promote('v0002', { reason: 'better auc', actor: 'promote-queue' });
    expect(second.history.slice(0, 1)).toEqual(first.history);
    expect(second).toMatchObject({ version: 'v0002', sequence: 2, previous: 'v0001', promoted_at: clock.now().toISOString() });
    expectConsistentChain(second);
    const stored = await production.get();
    expect(stored?.pointer).toEqual(second);
    expect(stored?.etag).toBe(await production.etag());
  });

  it('is a no-op for the version already in production', async () => {
    const { store, registry } = await registryWithVersions(1);
    const first = await registry.production.promote('v0001', { reason: 'r', actor: 'a' });
    const etag = await registry.production.etag();
    const putsBefore = store.puts().length;
    expect(await registry.production.promote('v0001', { reason: 'again', actor: 'b' })).toEqual(first);
    expect(store.puts()).toHaveLength(putsBefore);
    expect(await registry.production.etag()).toBe(etag);
  });

  it('refuses incomplete or unknown versions and bad options', async () => {
    const { store, registry } = await registryWithVersions(1);
    await store.inner.put('models/v0002/claim.json', '{}');
    const { production } = registry;
    await expect(production.promote('v0002', { reason: 'r', actor: 'a' })).rejects.toThrow(VersionNotFoundError);
    await expect(production.promote('v0005', { reason: 'r', actor: 'a' })).rejects.toThrow(VersionNotFoundError);
    await expect(production.promote('v0001', { reason: '', actor: 'a' })).rejects.toThrow(/invalid promote options: reason: /);
    await expect(production.promote('v0001', { reason: 'r', actor: '' })).rejects.toThrow(InvalidArgumentError);
    expect(await production.get()).toBeUndefined();
  });

  it('retries the compare-and-swap after a concurrent promotion and appends after it', async () => {
    const { store, registry } = await registryWithVersions(3);
    await registry.production.promote('v0001', { reason: 'base', actor: 'a' });
    const putsBefore = store.puts(POINTER).length;
    let raced = false;
    store.beforePut = async (key) => {
      if (key === POINTER && !raced) {
        raced = true;
        await rivalOf(store.inner).production.promote('v0002', { reason: 'rival', actor: 'b' });
      }
    };
    const pointer = await registry.production.promote('v0003', { reason: 'mine', actor: 'c' });
    expect(pointer.history.map((e) => [e.sequence, e.version, e.previous])).toEqual([
      [1, 'v0001', null],
      [2, 'v0002', 'v0001'],
      [3, 'v0003', 'v0002'],
    ]);
    expectConsistentChain(pointer);
    const pointerPuts = store.puts(POINTER).slice(putsBefore);
    expect(pointerPuts.map((c) => c.options?.ifMatch !== undefined)).toEqual([true, true]);
  });

  it('creates the first pointer with If-None-Match and retries when another creation won', async () => {
    const { store, registry } = await registryWithVersions(2);
    let raced = false;
    store.beforePut = async (key, options) => {
      if (key === POINTER && !raced) {
        expect(options.ifNoneMatch).toBe('*');
        raced = true;
        await rivalOf(store.inner).production.promote('v0002', { reason: 'rival', actor: 'b' });
      }
    };
    const pointer = await registry.production.promote('v0001', { reason: 'mine', actor: 'a' });
    expect(pointer.history.map((e) => e.version)).toEqual(['v0002', 'v0001']);
    expectConsistentChain(pointer);
  });

  it('throws ConcurrentUpdateError when every attempt loses, leaving the chain consistent', async () => {
    const { store, registry } = await registryWithVersions(3, { retry: { attempts: 4, baseDelayMs: 1 } });
    await registry.production.promote('v0001', { reason: 'base', actor: 'a' });
    const putsBefore = store.puts(POINTER).length;
    let n = 0;
    store.beforePut = async (key) => {
      // Another writer moves the pointer just before every attempt (v0003, v0001, v0003, …).
      if (key === POINTER) await rivalOf(store.inner).production.promote(n++ % 2 === 0 ? 'v0003' : 'v0001', { reason: 'noise', actor: 'x' });
    };
    await expect(registry.production.promote('v0002', { reason: 'mine', actor: 'a' })).rejects.toThrow(ConcurrentUpdateError);
    expect(store.puts(POINTER).slice(putsBefore)).toHaveLength(4);
    const pointer = (await registry.production.get())!.pointer;
    expect(pointer.history.map((e) => e.version)).not.toContain('v0002');
    expectConsistentChain(pointer);
  });

  it('keeps a consistent chain under 5 concurrent promotions: every event kept, none lost', async () => {
    const { registry, versions } = await registryWithVersions(5);
    await Promise.all(versions.map((v, i) => registry.production.promote(v, { reason: `candidate ${i}`, actor: `worker-${i}` })));
    const { pointer } = (await registry.production.get())!;
    expect(pointer.sequence).toBe(5);
    expect(pointer.history.map((e) => e.version).sort()).toEqual(versions);
    expectConsistentChain(pointer);
  });
});

describe('production.rollback', () => {
  it('rolls back to the previous version with kind rollback, appending to the history', async () => {
    const { registry } = await registryWithVersions(2);
    await registry.production.promote('v0001', { reason: 'r1', actor: 'a' });
    const promoted = await registry.production.promote('v0002', { reason: 'r2', actor: 'a' });
    const rolled = await registry.production.rollback({ reason: 'drift alarm', actor: 'oncall' });
    expect(rolled).toMatchObject({ version: 'v0001', sequence: 3, previous: 'v0002', reason: 'drift alarm', actor: 'oncall' });
    expect(rolled.history.slice(0, 2)).toEqual(promoted.history);
    expect(rolled.history[2]).toMatchObject({ sequence: 3, version: 'v0001', previous: 'v0002', kind: 'rollback' });
    expectConsistentChain(rolled);
  });

  it('toggles: a second rollback goes back to the version rolled back from', async () => {
    const { registry } = await registryWithVersions(2);
    await registry.production.promote('v0001', { reason: 'r1', actor: 'a' });
    await registry.production.promote('v0002', { reason: 'r2', actor: 'a' });
    await registry.production.rollback({ reason: 'alarm', actor: 'oncall' });
    const again = await registry.production.rollback({ reason: 'false alarm', actor: 'oncall' });
    expect(again).toMatchObject({ version: 'v0002', sequence: 4, previous: 'v0001' });
    expectConsistentChain(again);
  });

  it('has nothing to roll back without a pointer or without a previous version', async () => {
    const { registry } = await registryWithVersions(1);
    await expect(registry.production.rollback({ reason: 'r', actor: 'a' })).rejects.toThrow(NothingToRollBackError);
    await registry.production.promote('v0001', { reason: 'r', actor: 'a' });
    await expect(registry.production.rollback({ reason: 'r', actor: 'a' })).rejects.toThrow(/v0001 has no previous version/);
  });

  it('refuses empty reason or actor before any store call', async () => {
    const { store, registry } = await registryWithVersions(1);
    const callsBefore = store.calls.length;
    await expect(registry.production.rollback({ reason: '', actor: 'a' })).rejects.toThrow(/invalid rollback options: reason: /);
    await expect(registry.production.rollback({ reason: 'r', actor: '' })).rejects.toThrow(/invalid rollback options: actor: /);
    expect(store.calls).toHaveLength(callsBefore);
  });

  it('rolls back from an expected version only: a promotion in between is never undone by mistake', async () => {
    const { registry } = await registryWithVersions(3);
    const { production } = registry;
    await production.promote('v0001', { reason: 'first', actor: 'a' });
    await production.promote('v0002', { reason: 'second', actor: 'a' });
    await production.promote('v0003', { reason: 'third', actor: 'a' });
    await expect(production.rollback({ reason: 'v0002 does worse', actor: 'guard' }, 'v0002')).rejects.toThrow(ConcurrentUpdateError);
    expect((await production.get())?.pointer.version).toBe('v0003');
    expect((await production.rollback({ reason: 'v0003 does worse', actor: 'guard' }, 'v0003')).version).toBe('v0002');
  });
});
