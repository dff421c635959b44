import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, VersionNotFoundError } from '../shared/registry/errors.js';
import { trainingRunRecordKey, verdictKey } from '../shared/registry/keys.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { manualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { NO_BACKOFF, RUN_KEY, registryWithVersions, verdict, withField } from './support/registryFixtures.js';

const RUN_RECORD = trainingRunRecordKey(RUN_KEY);
const FRESH = { staleAfterMs: 60_000 };

describe('verdicts', () => {
  it('records the first verdict once under its own version; a replay is a no-op returning the stored verdict', async () => {
    const { store, registry } = await registryWithVersions(2);
    expect(await registry.verdicts.get('v0002')).toBeUndefined();
    const first = verdict('v0002', { decision: 'promoted', candidate_score: 0.9 });
    expect(await registry.verdicts.record(first)).toEqual({ created: true, verdict: first });
    const stored = await store.inner.get(verdictKey('v0002'));
    expect(JSON.parse(stored!.body)).toEqual(first);
    const replay = await registry.verdicts.record(verdict('v0002', { decision: 'rejected', candidate_score: 0.1 }));
    expect(replay).toEqual({ created: false, verdict: first });
    expect(await store.inner.get(verdictKey('v0002'))).toEqual(stored);
    expect(await registry.verdicts.get('v0002')).toEqual(first);
    expect(await registry.verdicts.get('v0001')).toBeUndefined();
  });

  it('refuses a verdict on an unregistered version', async () => {
    const registry = createModelRegistry(new MemoryObjectStore(), { clock: manualClock() });
    await expect(registry.verdicts.record(verdict('v0001'))).rejects.toThrow(VersionNotFoundError);
  });

  it.each([
    ['decision', 'maybe'],
    ['reason', undefined],
    ['version', 'v1'],
    ['version', null],
    ['primary_metric', 'f1'],
    ['candidate_score', Number.NaN],
    ['production_version', 'latest'],
    ['production_score', '0.8'],
    ['decided_at', 'yesterday'],
    ['decided_at', '2025-01-01T00:00:00'],
  ])('rejects a verdict with %s = %o as InvalidArgumentError naming the field, before any store call', async (field, value) => {
    const { store, registry } = await registryWithVersions(1);
    const callsBefore = store.calls.length;
    const error = await registry.verdicts.record(withField(verdict('v0001'), field, value)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(new RegExp(`^invalid verdict: ${field}: `));
    expect(store.calls).toHaveLength(callsBefore);
  });
});

describe('training runs', () => {
  it('claims once, reports in_progress on replay, then done with the version', async () => {
    const { clock, registry } = await registryWithVersions(1);
    const { runs } = registry;
    expect(await runs.claim(RUN_KEY, FRESH)).toEqual({ status: 'claimed' });
    clock.advance(59_000);
    expect(await runs.claim(RUN_KEY, FRESH)).toEqual({ status: 'in_progress' });
    expect(await runs.complete(RUN_KEY, 'v0001')).toBe('v0001');
    expect(await runs.claim(RUN_KEY, FRESH)).toEqual({ status: 'done', version: 'v0001' });
    clock.advance(3_600_000);
    expect(await runs.claim(RUN_KEY, FRESH)).toEqual({ status: 'done', version: 'v0001' });
  });

  it('lets a stale started run be taken over, once', async () => {
    const { store, clock, registry } = await registryWithVersions(2);
    expect(await registry.runs.claim(RUN_KEY, { staleAfterMs: 1000 })).toEqual({ status: 'claimed' });
    clock.advance(1001);
    const takeovers = await Promise.all(Array.from({ length: 5 }, () => registry.runs.claim(RUN_KEY, { staleAfterMs: 1000 })));
    expect(takeovers.filter((c) => c.status === 'claimed')).toHaveLength(1);
    expect(takeovers.filter((c) => c.status === 'in_progress')).toHaveLength(4);
    const record = JSON.parse((await store.inner.get(RUN_RECORD))!.body);
    expect(record).toMatchObject({ status: 'started', started_at: clock.now().toISOString(), attempt: 2 });
  });

  it('lets only one of several concurrent first claims win', async () => {
    const registry = createModelRegistry(new MemoryObjectStore(), { clock: manualClock(), ...NO_BACKOFF });
    const claims = await Promise.all(Array.from({ length: 5 }, () => registry.runs.claim(RUN_KEY, FRESH)));
    expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.status === 'in_progress')).toHaveLength(4);
  });

  it('keeps the first completion: a late completion returns the recorded version and changes nothing', async () => {
    const { store, registry } = await registryWithVersions(2);
    await registry.runs.claim(RUN_KEY, { staleAfterMs: 0 });
    expect(await registry.runs.complete(RUN_KEY, 'v0001')).toBe('v0001');
    const record = await store.inner.get(RUN_RECORD);
    expect(await registry.runs.complete(RUN_KEY, 'v0002')).toBe('v0001');
    expect(await store.inner.get(RUN_RECORD)).toEqual(record);
  });

  it('completes with If-Match on the record, and refuses an unregistered version', async () => {
    const { store, registry } = await registryWithVersions(1);
    await registry.runs.claim(RUN_KEY, { staleAfterMs: 0 });
    const etag = (await store.inner.head(RUN_RECORD))!.etag;
    await expect(registry.runs.complete(RUN_KEY, 'v0004')).rejects.toThrow(VersionNotFoundError);
    await registry.runs.complete(RUN_KEY, 'v0001');
    expect(store.puts(RUN_RECORD).at(-1)?.options?.ifMatch).toBe(etag);
    expect(JSON.parse((await store.inner.get(RUN_RECORD))!.body)).toMatchObject({ status: 'done', version: 'v0001', attempt: 1 });
  });

  it('refuses negative or missing staleAfterMs before any store call', async () => {
    const { store, registry } = await registryWithVersions(0);
    await expect(registry.runs.claim(RUN_KEY, { staleAfterMs: -1 })).rejects.toThrow(/invalid claim options: staleAfterMs: /);
    await expect(registry.runs.claim(RUN_KEY, {} as typeof FRESH)).rejects.toThrow(InvalidArgumentError);
    expect(store.calls).toEqual([]);
  });
});
