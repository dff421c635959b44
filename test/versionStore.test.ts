import { describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../shared/ports/errors.js';
import { sha256Hex } from '../shared/util/sha256.js';
import {
  ConcurrentUpdateError,
  CorruptObjectError,
  InvalidArgumentError,
  InvalidIdError,
  VersionNotFoundError,
  VersionNumbersExhaustedError,
} from '../shared/registry/errors.js';
import { versionId } from '../shared/registry/ids.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { ManifestSchema } from '../shared/registry/schemas.js';
import { manualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { files, metadata, registryWithVersions, rivalOf, withField } from './support/registryFixtures.js';
import { SpyStore } from './support/spyStore.js';

function versionStore(store: SpyStore | MemoryObjectStore = new SpyStore(), claimAttempts?: number) {
  return createModelRegistry(store, { clock: manualClock(), ...(claimAttempts ? { claimAttempts } : {}) }).versions;
}

describe('versions.register', () => {
  it('numbers versions from v0001 and writes claim, files, then manifest, all create-only', async () => {
    const store = new SpyStore();
    const versions = versionStore(store);
    expect(await versions.register(files('a'), metadata())).toBe('v0001');
    const puts = store.puts();
    expect(puts.map((c) => c.key)).toEqual(['models/v0001/claim.json', 'models/v0001/model.json', 'models/v0001/metrics.json', 'models/v0001/manifest.json']);
    for (const put of puts) expect(put.options?.ifNoneMatch).toBe('*');
    expect(await versions.register(files('b'), metadata())).toBe('v0002');
    expect(await versions.readFile('v0001', 'model.json')).toBe(files('a')['model.json']);
    expect(await versions.readFile('v0002', 'model.json')).toBe(files('b')['model.json']);
  });

  it('writes a manifest with sha256, sizes, created_at and the metadata', async () => {
    const clock = manualClock('2025-03-04T05:06:07.000Z');
    const versions = createModelRegistry(new MemoryObjectStore(), { clock }).versions;
    const body = '{"name":"é"}\n';
    const version = await versions.register({ 'model.json': body }, metadata());
    const manifest = await versions.manifest(version);
    ManifestSchema.parse(manifest);
    expect(manifest).toEqual({
      version: 'v0001',
      created_at: '2025-03-04T05:06:07.000Z',
      files: { 'model.json': { sha256: sha256Hex(body), size: Buffer.byteLength(body) } },
      metadata: metadata(),
    });
    expect(manifest.files['model.json'].size).toBe(body.length + 1);
  });

  it('continues after the highest claimed number, gaps and incomplete versions included', async () => {
    const store = new MemoryObjectStore();
    await store.put('models/v0007/claim.json', '{}');
    await store.put('models/notaversion/x.json', '{}');
    expect(await versionStore(store).register(files('a'), metadata())).toBe('v0008');
  });

  it('refuses to number a version beyond v9999 with VersionNumbersExhaustedError', async () => {
    const store = new MemoryObjectStore();
    await store.put('models/v9999/claim.json', '{}');
    await expect(versionStore(store).register(files('a'), metadata())).rejects.toThrow(VersionNumbersExhaustedError);
  });

  it('moves to the next number when a concurrent writer claims the one it wanted, leaving that version intact', async () => {
    const store = new SpyStore();
    let sneaked = false;
    store.beforePut = async (key) => {
      if (key === 'models/v0001/claim.json' && !sneaked) {
        sneaked = true;
        await rivalOf(store.inner).versions.register(files('rival'), metadata({ candidate: 'linear' }));
      }
    };
    const versions = versionStore(store);
    expect(await versions.register(files('mine'), metadata())).toBe('v0002');
    expect(await versions.readFile('v0001', 'model.json')).toBe(files('rival')['model.json']);
    expect((await versions.manifest('v0001')).metadata.candidate).toBe('linear');
    expect(await versions.readFile('v0002', 'model.json')).toBe(files('mine')['model.json']);
    expect((await versions.manifest('v0002')).metadata.candidate).toBe('gradient_boosting');
  });

  it('gives 10 concurrent registrations v0001…v0010, each with its own files and metadata', async () => {
    const store = new MemoryObjectStore();
    const registered = await Promise.all(Array.from({ length: 10 }, (_, i) => versionStore(store).register(files(`c${i}`), metadata({ rows: i }))));
    expect([...registered].sort()).toEqual(Array.from({ length: 10 }, (_, i) => versionId(i + 1)));
    const reader = versionStore(store);
    for (const [i, version] of registered.entries()) {
      expect(await reader.readFile(version, 'model.json')).toBe(files(`c${i}`)['model.json']);
      expect((await reader.manifest(version)).metadata).toEqual(metadata({ rows: i }));
    }
  });

  it('never overwrites an artifact: a squatted file fails the registration instead', async () => {
    const store = new MemoryObjectStore();
    await store.put('models/v0001/claim.json', '{}');
    // Someone wrote v0002's model before it was claimed: the claim succeeds, the artifact does not.
    const spy = new SpyStore(store);
    spy.beforePut = async (key) => {
      if (key === 'models/v0002/claim.json') await store.put('models/v0002/model.json', 'squatter');
    };
    await expect(versionStore(spy).register(files('a'), metadata())).rejects.toThrow(PreconditionFailedError);
    expect((await store.get('models/v0002/model.json'))?.body).toBe('squatter');
    expect(await store.head('models/v0002/manifest.json')).toBeUndefined();
    await expect(versionStore(store).readFile('v0002', 'model.json')).rejects.toThrow(VersionNotFoundError);
  });

  it('gives up with ConcurrentUpdateError when every claim is lost', async () => {
    const store = new SpyStore();
    store.beforePut = (key) => {
      if (key.endsWith('claim.json')) throw new PreconditionFailedError(`taken: ${key}`);
    };
    await expect(versionStore(store, 5).register(files('a'), metadata())).rejects.toThrow(ConcurrentUpdateError);
    expect(store.puts()).toHaveLength(5);
  });

  it('rejects bad file names, empty file sets and non-string bodies before any store call', async () => {
    const store = new SpyStore();
    const versions = versionStore(store);
    await expect(versions.register({ '../model.json': '{}' }, metadata())).rejects.toThrow(InvalidIdError);
    await expect(versions.register({ 'manifest.json': '{}' }, metadata())).rejects.toThrow(InvalidIdError);
    await expect(versions.register({}, metadata())).rejects.toThrow(InvalidArgumentError);
    await expect(versions.register({ 'model.json': { weights: [1] } as unknown as string }, metadata())).rejects.toThrow(
      /the body of model.json is not a string/,
    );
    expect(store.calls).toEqual([]);
  });

  it.each([
    ['dataset_digest', 'D'.repeat(64)],
    ['run_key', '../etc'],
    ['candidate', 'svm'],
    ['primary_metric', 'accuracy'],
    ['test_score', Number.NaN],
    ['test_score', 1n],
    ['cv_mean', '0.89'],
    ['rows', -1],
    ['rows', 2.5],
    ['rows', undefined],
  ])('rejects metadata with %s = %o as InvalidArgumentError naming the field, before any store call', async (field, value) => {
    const store = new SpyStore();
    const error = await versionStore(store).register(files('a'), withField(metadata(), field, value)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(new RegExp(`^invalid manifest metadata: ${field}: `));
    expect(store.calls).toEqual([]);
  });
});

describe('reading versions', () => {
  it('lists versions ascending, complete or not', async () => {
    const { store, clock, registry } = await registryWithVersions(2);
    await store.inner.put('models/v0003/claim.json', '{}');
    expect(await registry.versions.list()).toEqual([
      { version: 'v0001', complete: true, created_at: clock.now().toISOString(), metadata: metadata({ rows: 1 }) },
      { version: 'v0002', complete: true, created_at: clock.now().toISOString(), metadata: metadata({ rows: 2 }) },
      { version: 'v0003', complete: false, created_at: null, metadata: null },
    ]);
  });

  it('reports absent or incomplete versions and absent files as VersionNotFoundError', async () => {
    const { store, registry } = await registryWithVersions(1);
    await store.inner.put('models/v0002/claim.json', '{}');
    await store.inner.put('models/v0002/model.json', '{}');
    const { versions } = registry;
    await expect(versions.manifest('v0009')).rejects.toThrow(VersionNotFoundError);
    await expect(versions.readFile('v0009', 'model.json')).rejects.toThrow(VersionNotFoundError);
    await expect(versions.readFile('v0002', 'model.json')).rejects.toThrow(VersionNotFoundError);
    await expect(versions.requireComplete('v0002')).rejects.toThrow(VersionNotFoundError);
    await expect(versions.readFile('v0001', 'schema.json')).rejects.toThrow(/version v0001 has no file schema.json/);
    expect(await versions.requireComplete('v0001')).toBe('v0001');
  });

  it('refuses an artifact that does not match its manifest checksum', async () => {
    const { store, registry } = await registryWithVersions(1);
    await store.inner.put('models/v0001/model.json', '{"tampered":true}');
    await expect(registry.versions.readFile('v0001', 'model.json')).rejects.toThrow(CorruptObjectError);
  });

  it('refuses a manifest stored under another version', async () => {
    const { store, registry } = await registryWithVersions(1);
    await store.inner.put('models/v0002/manifest.json', (await store.inner.get('models/v0001/manifest.json'))!.body);
    const error = await registry.versions.manifest('v0002').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptObjectError);
    expect((error as Error).message).toBe('models/v0002/manifest.json names version v0001');
  });
});
