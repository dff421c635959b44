import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PortError, PreconditionFailedError, StoreUnavailableError } from '../shared/ports/errors.js';
import {
  ConcurrentUpdateError,
  CorruptObjectError,
  InvalidArgumentError,
  InvalidIdError,
  NothingToRollBackError,
  RegistryError,
  VersionNotFoundError,
  VersionNumbersExhaustedError,
} from '../shared/registry/errors.js';
import { parseDatasetDigest, parseRunKey, parseVersionId, VersionIdSchema, versionId, versionNumber } from '../shared/registry/ids.js';
import {
  artifactKey,
  claimKey,
  datasetKey,
  latestDatasetKey,
  manifestKey,
  productionKey,
  trainingRunRecordKey,
  verdictKey,
  versionOfModelKey,
} from '../shared/registry/keys.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { manualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { RUN_KEY } from './support/registryFixtures.js';
import { SpyStore } from './support/spyStore.js';

const DIGEST = 'd'.repeat(64);

describe('errors', () => {
  it('port errors are PortErrors named after their class, with cause, and not RegistryErrors', () => {
    const cause = new Error('socket hang up');
    const error = new StoreUnavailableError('S3 down', { cause });
    expect(error).toBeInstanceOf(PortError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(RegistryError);
    expect(error.name).toBe('StoreUnavailableError');
    expect(error.cause).toBe(cause);
    expect(new PreconditionFailedError('x')).toBeInstanceOf(PortError);
    expect(new PreconditionFailedError('x').name).toBe('PreconditionFailedError');
  });

  const registryErrors = [InvalidIdError, InvalidArgumentError, VersionNotFoundError, ConcurrentUpdateError, NothingToRollBackError, CorruptObjectError, VersionNumbersExhaustedError];
  it.each(registryErrors.map((ErrorClass) => [ErrorClass.name, ErrorClass] as const))(
    '%s is a RegistryError named after its class',
    (_, ErrorClass) => {
      const error = new ErrorClass('x');
      expect(error).toBeInstanceOf(RegistryError);
      expect(error).not.toBeInstanceOf(PortError);
      expect(error.name).toBe(ErrorClass.name);
    },
  );
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
    expect(() => parseDatasetDigest(null)).toThrow(/invalid dataset digest \(null\): expected a string, got null/);
  });

  it('lays out the keys', () => {
    expect(datasetKey(DIGEST)).toBe(`datasets/${DIGEST}.csv`);
    expect(latestDatasetKey()).toBe('datasets/latest.json');
    expect(claimKey('v0003')).toBe('models/v0003/claim.json');
    expect(artifactKey('v0003', 'model.json')).toBe('models/v0003/model.json');
    expect(artifactKey('v0003', 'predictions_sample.csv')).toBe('models/v0003/predictions_sample.csv');
    expect(manifestKey('v0003')).toBe('models/v0003/manifest.json');
    expect(productionKey()).toBe('registry/production.json');
    expect(verdictKey('v0003')).toBe('registry/verdicts/v0003.json');
    expect(trainingRunRecordKey(RUN_KEY)).toBe(`registry/training-runs/${RUN_KEY}.json`);
    expect(versionOfModelKey('models/v0012/model.json')).toBe('v0012');
    expect(versionOfModelKey('models/tmp/model.json')).toBeUndefined();
    expect(versionOfModelKey('registry/production.json')).toBeUndefined();
  });

  it.each(['../x.json', 'Model.json', 'model.txt', 'model', 'a/b.json', 'manifest.json', 'claim.json', 'model-1.json', ''])(
    'rejects artifact file name %j',
    (bad) => expect(() => artifactKey('v0001', bad)).toThrow(InvalidIdError),
  );

  it.each(['abc', 'A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), `../${'a'.repeat(61)}`, 'g'.repeat(64)])('rejects run key and digest %j', (bad) => {
    expect(() => trainingRunRecordKey(bad)).toThrow(InvalidIdError);
    expect(() => datasetKey(bad)).toThrow(InvalidIdError);
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

describe('invalid ids', () => {
  const badVersions: unknown[] = ['../x', 'v1', 'v00001', 'v0000', '', 'latest', 1, null];

  it.each(badVersions)('are rejected by every store before any store call: %j', async (bad) => {
    const store = new SpyStore();
    const registry = createModelRegistry(store, { clock: manualClock() });
    const version = bad as string;
    const actions = [
      () => registry.versions.manifest(version),
      () => registry.versions.readFile(version, 'model.json'),
      () => registry.versions.requireComplete(version),
      () => registry.production.promote(version, { reason: 'r', actor: 'a' }),
      () => registry.verdicts.get(version),
      () => registry.runs.complete(RUN_KEY, version),
    ];
    for (const action of actions) await expect(action()).rejects.toThrow(InvalidIdError);
    expect(store.calls).toEqual([]);
  });

  it('rejects bad run keys and file names before any store call', async () => {
    const store = new SpyStore();
    const registry = createModelRegistry(store, { clock: manualClock() });
    await expect(registry.runs.claim('../etc', { staleAfterMs: 1 })).rejects.toThrow(InvalidIdError);
    await expect(registry.runs.complete('ABC', 'v0001')).rejects.toThrow(InvalidIdError);
    await expect(registry.versions.readFile('v0001', '../production.json')).rejects.toThrow(InvalidIdError);
    await expect(registry.versions.readFile('v0001', 'manifest.json')).rejects.toThrow(InvalidIdError);
    expect(store.calls).toEqual([]);
  });
});

describe('corrupt documents', () => {
  const registry = (store: MemoryObjectStore) => createModelRegistry(store, { clock: manualClock() });
  const readers: [string, string, (r: ReturnType<typeof registry>) => Promise<unknown>][] = [
    ['production.get', productionKey(), (r) => r.production.get()],
    ['production.rollback', productionKey(), (r) => r.production.rollback({ reason: 'r', actor: 'a' })],
    ['versions.manifest', manifestKey('v0001'), (r) => r.versions.manifest('v0001')],
    ['verdicts.get', verdictKey('v0001'), (r) => r.verdicts.get('v0001')],
    ['runs.claim', trainingRunRecordKey(RUN_KEY), (r) => r.runs.claim(RUN_KEY, { staleAfterMs: 0 })],
    ['datasets.latest', latestDatasetKey(), (r) => r.datasets.latest()],
  ];

  it.each(readers)('%s reads %s that is not JSON, or does not match its schema, as CorruptObjectError naming the key', async (_, key, read) => {
    const store = new MemoryObjectStore();
    for (const [body, problem] of [['not json', /JSON/], ['{"version":"v0001"}', /does not match its schema/]] as const) {
      await store.put(key, body);
      const error = await read(registry(store)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptObjectError);
      expect((error as Error).message.startsWith(`${key} `)).toBe(true);
      expect((error as Error).message).toMatch(problem);
    }
  });
});
