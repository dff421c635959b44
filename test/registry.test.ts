import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ConcurrentUpdateError,
  CorruptObjectError,
  InvalidArgumentError,
  InvalidIdError,
  NothingToRollBackError,
  PreconditionFailedError,
  RegistryError,
  StoreUnavailableError,
  VersionNotFoundError,
} from '../shared/registry/errors.js';
import { parseRunKey, parseVersionId, VersionIdSchema, versionId, versionNumber } from '../shared/registry/ids.js';
import { artifactKey, claimKey, manifestKey, productionKey, trainingRunKey, verdictKey, versionOfModelKey } from '../shared/registry/keys.js';
import { MemoryObjectStore } from '../shared/registry/memoryObjectStore.js';
import { ModelRegistry } from '../shared/registry/modelRegistry.js';
import type { ObjectStore, PutOptions, StoredObject } from '../shared/registry/objectStore.js';
import { ManifestSchema } from '../shared/registry/schemas.js';
import { expectConsistentChain } from './support/registryAssertions.js';

const RUN_KEY = 'a'.repeat(64);
const FAST = { retry: { baseDelayMs: 0 } };

/** Wraps a store: records every call, and lets a test act just before a put reaches the store. */
class SpyStore implements ObjectStore {
  readonly calls: { op: string; key: string; options?: PutOptions }[] = [];
  beforePut?: (key: string, options: PutOptions) => Promise<void> | void;

  constructor(readonly inner: ObjectStore = new MemoryObjectStore()) {}

  get(key: string): Promise<StoredObject | undefined> {
    this.calls.push({ op: 'get', key });
    return this.inner.get(key);
  }
  head(key: string): Promise<{ etag: string } | undefined> {
    this.calls.push({ op: 'head', key });
    return this.inner.head(key);
  }
  async put(key: string, body: string, options: PutOptions = {}): Promise<{ etag: string }> {
    this.calls.push({ op: 'put', key, options });
    await this.beforePut?.(key, options);
    return this.inner.put(key, body, options);
  }
  list(prefix: string): Promise<string[]> {
    this.calls.push({ op: 'list', key: prefix });
    return this.inner.list(prefix);
  }
}

/** A clock the test moves by hand. */
function manualClock(start = '2025-01-01T00:00:00.000Z') {
  let time = Date.parse(start);
  return { now: () => new Date(time), advance: (ms: number) => void (time += ms) };
}

function files(tag: string): Record<string, string> {
  return { 'model.json': `{"model":"${tag}"}\n`, 'metrics.json': `{"auc":0.9,"tag":"${tag}"}\n` };
}


async function registryWithVersions(count: number, options = {}) {
  const store = new SpyStore();
  const registry = new ModelRegistry(store, { ...FAST, ...options });
  const versions = [];
  for (let i = 1; i <= count; i++) versions.push(await registry.registerVersion(files(`m${i}`), { n: i }));
  return { store, registry, versions };
}

describe('errors', () => {
  it('are RegistryErrors named after their class, with cause', () => {
    const cause = new Error('socket hang up');
    const error = new StoreUnavailableError('S3 down', { cause });
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StoreUnavailableError');
    expect(error.cause).toBe(cause);
    expect(new PreconditionFailedError('x').name).toBe('PreconditionFailedError');
  });
});

describe('ids and keys', () => {
  it('formats and parses version ids v0001 … v9999', () => {
    expect(versionId(1)).toBe('v0001');
    expect(versionId(9999)).toBe('v9999');
    expect(versionNumber('v0042')).toBe(42);
    expect(parseVersionId('v0007')).toBe('v0007');
    for (const bad of [0, 10000, 1.5, -1, Number.NaN]) expect(() => versionId(bad)).toThrow(InvalidIdError);
  });

  it.each(['../x', 'v1', 'v00001', 'v0000', 'V0001', 'v0001/', ' v0001', 'v0001\n', '', 'v12a4'])('rejects version id %j', (bad) => {
    expect(() => parseVersionId(bad)).toThrow(InvalidIdError);
    expect(VersionIdSchema.safeParse(bad).success).toBe(false);
  });

  it('names the bad input and the expected form in the message', () => {
    expect(() => parseVersionId('../x')).toThrow(/invalid version id "\.\.\/x": expected "v" and four digits/);
    expect(() => parseVersionId(42)).toThrow(/invalid version id 42: expected a string, got number/);
    expect(() => parseRunKey('A'.repeat(64))).toThrow(/64 lowercase hex/);
  });

  it('lays out the keys', () => {
    expect(claimKey('v0003')).toBe('models/v0003/claim.json');
    expect(artifactKey('v0003', 'model.json')).toBe('models/v0003/model.json');
    expect(artifactKey('v0003', 'predictions_sample.csv')).toBe('models/v0003/predictions_sample.csv');
    expect(manifestKey('v0003')).toBe('models/v0003/manifest.json');
    expect(productionKey()).toBe('registry/production.json');
    expect(verdictKey('v0003')).toBe('registry/verdicts/v0003.json');
    expect(trainingRunKey(RUN_KEY)).toBe(`registry/training-runs/${RUN_KEY}.json`);
    expect(versionOfModelKey('models/v0012/model.json')).toBe('v0012');
    expect(versionOfModelKey('models/tmp/model.json')).toBeUndefined();
    expect(versionOfModelKey('registry/production.json')).toBeUndefined();
  });

  it.each(['../x.json', 'Model.json', 'model.txt', 'model', 'a/b.json', 'manifest.json', 'claim.json', 'model-1.json', ''])(
    'rejects artifact file name %j',
    (bad) => expect(() => artifactKey('v0001', bad)).toThrow(InvalidIdError),
  );

  it.each(['abc', 'A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), `../${'a'.repeat(61)}`, 'g'.repeat(64)])('rejects run key %j', (bad) => {
    expect(() => trainingRunKey(bad)).toThrow(InvalidIdError);
  });
});

describe('MemoryObjectStore', () => {
  it('enforces conditions like S3 and lists sorted by prefix', async () => {
    const store = new MemoryObjectStore();
    expect(await store.get('a')).toBeUndefined();
    expect(await store.head('a')).toBeUndefined();
    const { etag } = await store.put('a', 'one', { ifNoneMatch: '*' });
    expect(etag).toBe(`"${createHash('md5').update('one').digest('hex')}"`);
    await expect(store.put('a', 'two', { ifNoneMatch: '*' })).rejects.toThrow(PreconditionFailedError);
    await expect(store.put('a', 'two', { ifMatch: '"nope"' })).rejects.toThrow(PreconditionFailedError);
    await expect(store.put('absent', 'two', { ifMatch: etag })).rejects.toThrow(PreconditionFailedError);
    const second = await store.put('a', 'two', { ifMatch: etag });
    expect(await store.get('a')).toEqual({ body: 'two', etag: second.etag });
    await store.put('b/2', 'x');
    await store.put('b/1', 'x');
    expect(await store.list('b/')).toEqual(['b/1', 'b/2']);
    expect(await store.list('')).toEqual(['a', 'b/1', 'b/2']);
  });
});

describe('registerVersion', () => {
  it('numbers versions from v0001 and writes claim, files, then manifest, all create-only', async () => {
    const clock = manualClock();
    const store = new SpyStore();
    const registry = new ModelRegistry(store, { now: clock.now });
    expect(await registry.registerVersion(files('a'), { run_key: RUN_KEY })).toBe('v0001');
    const puts = store.calls.filter((c) => c.op === 'put');
    expect(puts.map((c) => c.key)).toEqual(['models/v0001/claim.json', 'models/v0001/model.json', 'models/v0001/metrics.json', 'models/v0001/manifest.json']);
    for (const put of puts) expect(put.options?.ifNoneMatch).toBe('*');
    expect(await registry.registerVersion(files('b'), {})).toBe('v0002');
    expect(await registry.readFile('v0001', 'model.json')).toBe(files('a')['model.json']);
    expect(await registry.readFile('v0002', 'model.json')).toBe(files('b')['model.json']);
  });

  it('writes a manifest with sha256, sizes, created_at and the caller metadata', async () => {
    const clock = manualClock('2025-03-04T05:06:07.000Z');
    const registry = new ModelRegistry(new MemoryObjectStore(), { now: clock.now });
    const body = '{"name":"é"}\n';
    const version = await registry.registerVersion({ 'model.json': body }, { dataset_digest: 'd'.repeat(64), test_score: 0.91, skipped: undefined });
    const manifest = await registry.getManifest(version);
    ManifestSchema.parse(manifest);
    expect(manifest).toEqual({
      version: 'v0001',
      created_at: '2025-03-04T05:06:07.000Z',
      files: { 'model.json': { sha256: createHash('sha256').update(body).digest('hex'), size: Buffer.byteLength(body) } },
      metadata: { dataset_digest: 'd'.repeat(64), test_score: 0.91 },
    });
    expect(manifest.files['model.json'].size).toBe(body.length + 1);
  });

  it('continues after the highest claimed number, gaps and incomplete versions included', async () => {
    const store = new MemoryObjectStore();
    await store.put('models/v0007/claim.json', '{}');
    await store.put('models/notaversion/x.json', '{}');
    const registry = new ModelRegistry(store);
    expect(await registry.registerVersion(files('a'), {})).toBe('v0008');
  });

  it('moves to the next number when a concurrent writer claims the one it wanted, leaving that version intact', async () => {
    const store = new SpyStore();
    const rival = new ModelRegistry(store.inner);
    let sneaked = false;
    store.beforePut = async (key) => {
      if (key === 'models/v0001/claim.json' && !sneaked) {
        sneaked = true;
        await rival.registerVersion(files('rival'), { who: 'rival' });
      }
    };
    const registry = new ModelRegistry(store);
    expect(await registry.registerVersion(files('mine'), { who: 'me' })).toBe('v0002');
    expect(await registry.readFile('v0001', 'model.json')).toBe(files('rival')['model.json']);
    expect((await registry.getManifest('v0001')).metadata).toEqual({ who: 'rival' });
    expect(await registry.readFile('v0002', 'model.json')).toBe(files('mine')['model.json']);
  });

  it('gives 10 concurrent registrations 10 distinct versions, each with its own files', async () => {
    const store = new MemoryObjectStore();
    const versions = await Promise.all(
      Array.from({ length: 10 }, (_, i) => new ModelRegistry(store).registerVersion(files(`c${i}`), { caller: i })),
    );
    expect([...versions].sort()).toEqual(Array.from({ length: 10 }, (_, i) => versionId(i + 1)));
    const registry = new ModelRegistry(store);
    for (const [i, version] of versions.entries()) {
      expect(await registry.readFile(version, 'model.json')).toBe(files(`c${i}`)['model.json']);
      expect((await registry.getManifest(version)).metadata).toEqual({ caller: i });
    }
  });

  it('never overwrites an artifact: a squatted file fails the registration instead', async () => {
    const store = new MemoryObjectStore();
    await store.put('models/v0001/claim.json', '{}');
    const registry = new ModelRegistry(store);
    // Someone wrote v0002's model before it was claimed: the claim succeeds, the artifact does not.
    const spy = new SpyStore(store);
    spy.beforePut = async (key) => {
      if (key === 'models/v0002/claim.json') await store.put('models/v0002/model.json', 'squatter');
    };
    await expect(new ModelRegistry(spy).registerVersion(files('a'), {})).rejects.toThrow(PreconditionFailedError);
    expect((await store.get('models/v0002/model.json'))?.body).toBe('squatter');
    expect(await store.head('models/v0002/manifest.json')).toBeUndefined();
    await expect(registry.readFile('v0002', 'model.json')).rejects.toThrow(VersionNotFoundError);
  });

  it('gives up with ConcurrentUpdateError when every claim is lost', async () => {
    const store = new SpyStore();
    store.beforePut = (key) => {
      if (key.endsWith('claim.json')) throw new PreconditionFailedError(`taken: ${key}`);
    };
    const registry = new ModelRegistry(store, { claimAttempts: 5 });
    await expect(registry.registerVersion(files('a'), {})).rejects.toThrow(ConcurrentUpdateError);
    expect(store.calls.filter((c) => c.op === 'put')).toHaveLength(5);
  });

  it('rejects bad file names, empty file sets and non-JSON metadata before any store call', async () => {
    const store = new SpyStore();
    const registry = new ModelRegistry(store);
    await expect(registry.registerVersion({ '../model.json': '{}' }, {})).rejects.toThrow(InvalidIdError);
    await expect(registry.registerVersion({ 'manifest.json': '{}' }, {})).rejects.toThrow(InvalidIdError);
    await expect(registry.registerVersion({}, {})).rejects.toThrow(InvalidArgumentError);
    await expect(registry.registerVersion({ 'model.json': '{}' }, { big: 1n })).rejects.toThrow(InvalidArgumentError);
    expect(store.calls).toEqual([]);
  });
});

describe('reading versions', () => {
  it('lists versions ascending, complete or not', async () => {
    const clock = manualClock();
    const { store, registry } = await registryWithVersions(2, { now: clock.now });
    await store.inner.put('models/v0003/claim.json', '{}');
    expect(await registry.listVersions()).toEqual([
      { version: 'v0001', complete: true, created_at: clock.now().toISOString(), metadata: { n: 1 } },
      { version: 'v0002', complete: true, created_at: clock.now().toISOString(), metadata: { n: 2 } },
      { version: 'v0003', complete: false, created_at: null, metadata: null },
    ]);
  });

  it('reports absent or incomplete versions and absent files as VersionNotFoundError', async () => {
    const { store, registry } = await registryWithVersions(1);
    await store.inner.put('models/v0002/claim.json', '{}');
    await store.inner.put('models/v0002/model.json', '{}');
    await expect(registry.getManifest('v0009')).rejects.toThrow(VersionNotFoundError);
    await expect(registry.readFile('v0009', 'model.json')).rejects.toThrow(VersionNotFoundError);
    await expect(registry.readFile('v0002', 'model.json')).rejects.toThrow(VersionNotFoundError);
    await expect(registry.readFile('v0001', 'schema.json')).rejects.toThrow(/version v0001 has no file schema.json/);
  });

  it('refuses an artifact that does not match its manifest checksum', async () => {
    const { store, registry } = await registryWithVersions(1);
    const key = 'models/v0001/model.json';
    await store.inner.put(key, '{"tampered":true}');
    await expect(registry.readFile('v0001', 'model.json')).rejects.toThrow(CorruptObjectError);
  });

  it('refuses a stored document that does not match its schema', async () => {
    const store = new MemoryObjectStore();
    await store.put('registry/production.json', '{"version":"v0001"}');
    await expect(new ModelRegistry(store).getProduction()).rejects.toThrow(CorruptObjectError);
    await store.put('models/v0001/manifest.json', 'not json');
    await expect(new ModelRegistry(store).getManifest('v0001')).rejects.toThrow(/is not JSON/);
  });
});

describe('invalid ids', () => {
  const badVersions: unknown[] = ['../x', 'v1', 'v00001', 'v0000', '', 'latest', 1, null];
  it.each(badVersions)('are rejected before any store call: %j', async (bad) => {
    const store = new SpyStore();
    const registry = new ModelRegistry(store);
    const version = bad as string;
    const actions = [
      () => registry.getManifest(version),
      () => registry.readFile(version, 'model.json'),
      () => registry.promote(version, { reason: 'r', actor: 'a' }),
      () => registry.recordVerdict(version, { decision: 'promoted' }),
      () => registry.getVerdict(version),
      () => registry.completeTrainingRun(RUN_KEY, version),
    ];
    for (const action of actions) await expect(action()).rejects.toThrow(InvalidIdError);
    expect(store.calls).toEqual([]);
  });

  it('rejects bad run keys and file names before any store call', async () => {
    const store = new SpyStore();
    const registry = new ModelRegistry(store);
    await expect(registry.claimTrainingRun('../etc', { staleAfterMs: 1 })).rejects.toThrow(InvalidIdError);
    await expect(registry.completeTrainingRun('ABC', 'v0001')).rejects.toThrow(InvalidIdError);
    await expect(registry.readFile('v0001', '../production.json')).rejects.toThrow(InvalidIdError);
    await expect(registry.readFile('v0001', 'manifest.json')).rejects.toThrow(InvalidIdError);
    expect(store.calls).toEqual([]);
  });
});

describe('promote and rollback', () => {
  it('starts the history at sequence 1 and appends one event per promotion', async () => {
    const clock = manualClock();
    const { registry } = await registryWithVersions(2, { now: clock.now });
    expect(await registry.getProduction()).toBeUndefined();
    expect(await registry.productionEtag()).toBeUndefined();
    const first = await registry.promote('v0001', { reason: 'first model', actor: 'alice' });
    expect(first).toEqual({
      version: 'v0001',
      sequence: 1,
      promoted_at: clock.now().toISOString(),
      reason: 'first model',
      actor: 'alice',
      previous: null,
      history: [{ sequence: 1, version: 'v0001', previous: null, at: clock.now().toISOString(), reason: 'first model', actor: 'alice', kind: 'promote' }],
    });
    clock.advance(1000);
    const second = await registry.promote('v0002', { reason: 'better auc', actor: 'promote-queue' });
    expect(second.history.slice(0, 1)).toEqual(first.history);
    expect(second).toMatchObject({ version: 'v0002', sequence: 2, previous: 'v0001' });
    expectConsistentChain(second);
    const stored = await registry.getProduction();
    expect(stored?.pointer).toEqual(second);
    expect(stored?.etag).toBe(await registry.productionEtag());
  });

  it('is a no-op for the version already in production', async () => {
    const { store, registry } = await registryWithVersions(1);
    const first = await registry.promote('v0001', { reason: 'r', actor: 'a' });
    const etag = await registry.productionEtag();
    const putsBefore = store.calls.filter((c) => c.op === 'put').length;
    expect(await registry.promote('v0001', { reason: 'again', actor: 'b' })).toEqual(first);
    expect(store.calls.filter((c) => c.op === 'put').length).toBe(putsBefore);
    expect(await registry.productionEtag()).toBe(etag);
  });

  it('refuses incomplete or unknown versions and bad options', async () => {
    const { store, registry } = await registryWithVersions(1);
    await store.inner.put('models/v0002/claim.json', '{}');
    await expect(registry.promote('v0002', { reason: 'r', actor: 'a' })).rejects.toThrow(VersionNotFoundError);
    await expect(registry.promote('v0005', { reason: 'r', actor: 'a' })).rejects.toThrow(VersionNotFoundError);
    await expect(registry.promote('v0001', { reason: '', actor: 'a' })).rejects.toThrow(InvalidArgumentError);
    expect(await registry.getProduction()).toBeUndefined();
  });

  it('retries the compare-and-swap after a concurrent promotion and appends after it', async () => {
    const { store, registry } = await registryWithVersions(3);
    await registry.promote('v0001', { reason: 'base', actor: 'a' });
    const callsBefore = store.calls.length;
    const rival = new ModelRegistry(store.inner);
    let raced = false;
    store.beforePut = async (key) => {
      if (key === productionKey() && !raced) {
        raced = true;
        await rival.promote('v0002', { reason: 'rival', actor: 'b' });
      }
    };
    const pointer = await registry.promote('v0003', { reason: 'mine', actor: 'c' });
    expect(pointer.history.map((e) => [e.sequence, e.version, e.previous])).toEqual([
      [1, 'v0001', null],
      [2, 'v0002', 'v0001'],
      [3, 'v0003', 'v0002'],
    ]);
    expectConsistentChain(pointer);
    const pointerPuts = store.calls.slice(callsBefore).filter((c) => c.op === 'put' && c.key === productionKey());
    expect(pointerPuts.map((c) => c.options?.ifMatch !== undefined)).toEqual([true, true]);
  });

  it('creates the first pointer with If-None-Match and retries when another creation won', async () => {
    const { store, registry } = await registryWithVersions(2);
    const rival = new ModelRegistry(store.inner);
    let raced = false;
    store.beforePut = async (key, options) => {
      if (key === productionKey() && !raced) {
        expect(options.ifNoneMatch).toBe('*');
        raced = true;
        await rival.promote('v0002', { reason: 'rival', actor: 'b' });
      }
    };
    const pointer = await registry.promote('v0001', { reason: 'mine', actor: 'a' });
    expect(pointer.history.map((e) => e.version)).toEqual(['v0002', 'v0001']);
    expectConsistentChain(pointer);
  });

  it('throws ConcurrentUpdateError when every attempt loses', async () => {
    const { store, registry } = await registryWithVersions(3, { retry: { attempts: 4, baseDelayMs: 1 } });
    await registry.promote('v0001', { reason: 'base', actor: 'a' });
    const callsBefore = store.calls.length;
    let n = 0;
    store.beforePut = async (key) => {
      if (key === productionKey()) {
        // Another writer moves the pointer just before every attempt (v0003, v0001, v0003, …).
        await new ModelRegistry(store.inner).promote(n++ % 2 === 0 ? 'v0003' : 'v0001', { reason: 'noise', actor: 'x' });
      }
    };
    await expect(registry.promote('v0002', { reason: 'mine', actor: 'a' })).rejects.toThrow(ConcurrentUpdateError);
    expect(store.calls.slice(callsBefore).filter((c) => c.op === 'put' && c.key === productionKey())).toHaveLength(4);
    const pointer = (await registry.getProduction())!.pointer;
    expect(pointer.history.map((e) => e.version)).not.toContain('v0002');
    expectConsistentChain(pointer);
  });

  it('rolls back to the previous version with kind rollback, appending to the history', async () => {
    const { registry } = await registryWithVersions(2);
    await registry.promote('v0001', { reason: 'r1', actor: 'a' });
    const promoted = await registry.promote('v0002', { reason: 'r2', actor: 'a' });
    const rolled = await registry.rollback({ reason: 'drift alarm', actor: 'oncall' });
    expect(rolled).toMatchObject({ version: 'v0001', sequence: 3, previous: 'v0002', reason: 'drift alarm', actor: 'oncall' });
    expect(rolled.history.slice(0, 2)).toEqual(promoted.history);
    expect(rolled.history[2]).toMatchObject({ sequence: 3, version: 'v0001', previous: 'v0002', kind: 'rollback' });
    expectConsistentChain(rolled);
  });

  it('has nothing to roll back without a pointer or without a previous version', async () => {
    const { registry } = await registryWithVersions(1);
    await expect(registry.rollback({ reason: 'r', actor: 'a' })).rejects.toThrow(NothingToRollBackError);
    await registry.promote('v0001', { reason: 'r', actor: 'a' });
    await expect(registry.rollback({ reason: 'r', actor: 'a' })).rejects.toThrow(NothingToRollBackError);
  });
});

describe('verdicts', () => {
  it('records the first verdict once; a replay is a no-op returning the stored verdict', async () => {
    const { store, registry } = await registryWithVersions(1);
    expect(await registry.getVerdict('v0001')).toBeUndefined();
    const first = await registry.recordVerdict('v0001', { decision: 'promoted', score: 0.9 });
    expect(first).toEqual({ created: true, verdict: { decision: 'promoted', score: 0.9 } });
    const stored = await store.inner.get(verdictKey('v0001'));
    const replay = await registry.recordVerdict('v0001', { decision: 'rejected', score: 0.1 });
    expect(replay).toEqual({ created: false, verdict: { decision: 'promoted', score: 0.9 } });
    expect(await store.inner.get(verdictKey('v0001'))).toEqual(stored);
    expect(await registry.getVerdict('v0001')).toEqual({ decision: 'promoted', score: 0.9 });
  });

  it('refuses a verdict on an unregistered version', async () => {
    const registry = new ModelRegistry(new MemoryObjectStore());
    await expect(registry.recordVerdict('v0001', { decision: 'promoted' })).rejects.toThrow(VersionNotFoundError);
  });
});

describe('training runs', () => {
  it('claims once, reports in_progress on replay, then done with the version', async () => {
    const clock = manualClock();
    const { registry } = await registryWithVersions(1, { now: clock.now });
    expect(await registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 60_000 })).toEqual({ status: 'claimed' });
    clock.advance(59_000);
    expect(await registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 60_000 })).toEqual({ status: 'in_progress' });
    expect(await registry.completeTrainingRun(RUN_KEY, 'v0001')).toBe('v0001');
    expect(await registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 60_000 })).toEqual({ status: 'done', version: 'v0001' });
    clock.advance(3_600_000);
    expect(await registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 60_000 })).toEqual({ status: 'done', version: 'v0001' });
  });

  it('lets a stale started run be taken over, once', async () => {
    const clock = manualClock();
    const { store, registry } = await registryWithVersions(2, { now: clock.now });
    expect(await registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 1000 })).toEqual({ status: 'claimed' });
    clock.advance(1001);
    const takeovers = await Promise.all(Array.from({ length: 5 }, () => registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 1000 })));
    expect(takeovers.filter((c) => c.status === 'claimed')).toHaveLength(1);
    expect(takeovers.filter((c) => c.status === 'in_progress')).toHaveLength(4);
    const record = JSON.parse((await store.inner.get(trainingRunKey(RUN_KEY)))!.body);
    expect(record).toMatchObject({ status: 'started', started_at: clock.now().toISOString(), attempt: 2 });
  });

  it('lets only one of several concurrent first claims win', async () => {
    const registry = new ModelRegistry(new MemoryObjectStore(), FAST);
    const claims = await Promise.all(Array.from({ length: 5 }, () => registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 60_000 })));
    expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
  });

  it('keeps the first completion: a late completion returns the recorded version and changes nothing', async () => {
    const { store, registry } = await registryWithVersions(2);
    await registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 0 });
    expect(await registry.completeTrainingRun(RUN_KEY, 'v0001')).toBe('v0001');
    const record = await store.inner.get(trainingRunKey(RUN_KEY));
    expect(await registry.completeTrainingRun(RUN_KEY, 'v0002')).toBe('v0001');
    expect(await store.inner.get(trainingRunKey(RUN_KEY))).toEqual(record);
  });

  it('completes with If-Match on the record, and refuses an unregistered version', async () => {
    const { store, registry } = await registryWithVersions(1);
    await registry.claimTrainingRun(RUN_KEY, { staleAfterMs: 0 });
    const etag = (await store.inner.head(trainingRunKey(RUN_KEY)))!.etag;
    await expect(registry.completeTrainingRun(RUN_KEY, 'v0004')).rejects.toThrow(VersionNotFoundError);
    await registry.completeTrainingRun(RUN_KEY, 'v0001');
    const put = store.calls.filter((c) => c.op === 'put' && c.key === trainingRunKey(RUN_KEY)).at(-1);
    expect(put?.options?.ifMatch).toBe(etag);
  });
});
