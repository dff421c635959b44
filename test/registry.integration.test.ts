import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { S3ObjectStore } from '../shared/aws/s3ObjectStore.js';
import { PreconditionFailedError, StoreUnavailableError } from '../shared/ports/errors.js';
import { versionId, type VersionId } from '../shared/registry/ids.js';
import { verdictKey } from '../shared/registry/keys.js';
import { createModelRegistry, type ModelRegistry, type ModelRegistryOptions } from '../shared/registry/modelRegistry.js';
import { freePort } from '../local/processes.js';
import { manualClock } from './support/manualClock.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';
import { expectConsistentChain } from './support/registryAssertions.js';
import { files, metadata, registerVersions, RUN_KEY, verdict } from './support/registryFixtures.js';

const FRESH = { staleAfterMs: 60_000 };

let moto: MotoServer;
const clients: S3Client[] = [];

/** A fresh S3 client, as a separate Lambda invocation would have; destroyed after each test. */
function client(options?: { maxAttempts?: number }): S3Client {
  const s3 = moto.client(options);
  clients.push(s3);
  return s3;
}

function store(s3 = client()): S3ObjectStore {
  return new S3ObjectStore(s3, moto.bucket);
}

/** A registry with its own client (and, unless given, its own manual clock). */
function registry(options: Partial<ModelRegistryOptions> = {}): ModelRegistry {
  return createModelRegistry(store(), { clock: manualClock(), ...options });
}

function registerMany(count: number): Promise<VersionId[]> {
  return registerVersions(registry().versions, count);
}

beforeAll(async () => {
  moto = await startMotoServer();
}, 30_000);

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
});

afterEach(() => {
  for (const s3 of clients.splice(0)) s3.destroy();
});

describe('S3ObjectStore on moto_server', () => {
  it('reads absent keys as undefined and keeps ETags quoted as S3 returns them', async () => {
    const s3 = store();
    expect(await s3.get('nothing/here.json')).toBeUndefined();
    expect(await s3.head('nothing/here.json')).toBeUndefined();
    expect(await s3.list('nothing/')).toEqual([]);
    const { etag } = await s3.put('a/b.json', '{"x":1}', { contentType: 'application/json' });
    expect(etag).toBe(`"${createHash('md5').update('{"x":1}').digest('hex')}"`);
    expect(await s3.head('a/b.json')).toEqual({ etag });
    expect(await s3.get('a/b.json')).toEqual({ body: '{"x":1}', etag });
  });

  it('maps 412 to PreconditionFailedError for If-None-Match and If-Match, and an absent If-Match target too', async () => {
    const s3 = store();
    const { etag } = await s3.put('k.json', 'one', { ifNoneMatch: '*' });
    const conflict = await s3.put('k.json', 'two', { ifNoneMatch: '*' }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(PreconditionFailedError);
    expect((conflict as PreconditionFailedError).cause).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    await expect(s3.put('k.json', 'two', { ifMatch: '"0123456789abcdef0123456789abcdef"' })).rejects.toThrow(PreconditionFailedError);
    await expect(s3.put('absent.json', 'two', { ifMatch: etag })).rejects.toThrow(PreconditionFailedError);
    expect((await s3.get('k.json'))?.body).toBe('one');
    const swapped = await s3.put('k.json', 'two', { ifMatch: etag });
    expect(await s3.get('k.json')).toEqual({ body: 'two', etag: swapped.etag });
    await expect(s3.put('k.json', 'three', { ifMatch: etag })).rejects.toThrow(PreconditionFailedError);
  });

  it('lets exactly one of many concurrent conditional creates win', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store().put('race.json', `writer ${i}`, { ifNoneMatch: '*' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(PreconditionFailedError);
  });

  it('lists every page under a prefix, sorted', async () => {
    const s3 = client();
    const paged = new S3ObjectStore(s3, moto.bucket, { pageSize: 2 });
    for (const key of ['p/3', 'p/1', 'p/5', 'p/2', 'p/4', 'q/1']) await paged.put(key, 'x');
    const send = vi.spyOn(s3, 'send');
    expect(await paged.list('p/')).toEqual(['p/1', 'p/2', 'p/3', 'p/4', 'p/5']);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('wraps other failures in StoreUnavailableError with the cause, never reading them as absent', async () => {
    const missingBucket = new S3ObjectStore(client(), 'no-such-bucket-here');
    const error = await missingBucket.get('k.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).cause).toMatchObject({ name: 'NoSuchBucket' });
    await expect(missingBucket.put('k.json', 'x', { ifNoneMatch: '*' })).rejects.toThrow(StoreUnavailableError);

    const unreachable = new S3Client({
      endpoint: `http://127.0.0.1:${await freePort()}`, // free now: nothing listens there
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    clients.push(unreachable);
    const down = await new S3ObjectStore(unreachable, moto.bucket).list('x/').catch((e: unknown) => e);
    expect(down).toBeInstanceOf(StoreUnavailableError);
    expect((down as StoreUnavailableError).cause).toBeInstanceOf(Error);
  });
});

describe('ModelRegistry on moto_server', () => {
  it('gives 10 concurrent registrations (own client each) versions v0001…v0010, each with its own intact files', async () => {
    const versions = await Promise.all(Array.from({ length: 10 }, (_, i) => registry().versions.register(files(`c${i}`), metadata({ rows: i }))));
    expect([...versions].sort()).toEqual(Array.from({ length: 10 }, (_, i) => versionId(i + 1)));
    const reader = registry().versions;
    for (const [i, version] of versions.entries()) {
      expect(await reader.readFile(version, 'model.json')).toBe(files(`c${i}`)['model.json']);
      expect(await reader.readFile(version, 'metrics.json')).toBe(files(`c${i}`)['metrics.json']);
      expect((await reader.manifest(version)).metadata).toEqual(metadata({ rows: i }));
    }
    const listed = await reader.list();
    expect(listed.map((v) => [v.version, v.complete])).toEqual([...versions].sort().map((v) => [v, true]));
  });

  it('lists and numbers versions past the first page of ListObjectsV2', async () => {
    const paged = createModelRegistry(new S3ObjectStore(client(), moto.bucket, { pageSize: 3 }), { clock: manualClock() });
    const versions = await registerVersions(paged.versions, 3);
    expect(versions).toEqual(['v0001', 'v0002', 'v0003']);
    expect((await paged.versions.list()).map((v) => [v.version, v.metadata?.rows])).toEqual([['v0001', 1], ['v0002', 2], ['v0003', 3]]);
  });

  it('serializes 2 concurrent first promotions into sequences 1 and 2 with a consistent chain', async () => {
    const [v1, v2] = await registerMany(2);
    const results = await Promise.all([
      registry().production.promote(v1, { reason: 'first', actor: 'a' }),
      registry().production.promote(v2, { reason: 'second', actor: 'b' }),
    ]);
    const { pointer } = (await registry().production.get())!;
    expect(pointer.history.map((e) => e.sequence)).toEqual([1, 2]);
    expect(pointer.history.map((e) => e.version).sort()).toEqual([v1, v2]);
    expectConsistentChain(pointer);
    expect(results.map((r) => r.sequence).sort()).toEqual([1, 2]);
    expect(results.find((r) => r.sequence === 2)).toEqual(pointer);
  });

  it('serializes 2 concurrent promotions over an existing pointer into sequences 2 and 3', async () => {
    const [v1, v2, v3] = await registerMany(3);
    await registry().production.promote(v1, { reason: 'base', actor: 'a' });
    await Promise.all([registry().production.promote(v2, { reason: 'x', actor: 'b' }), registry().production.promote(v3, { reason: 'y', actor: 'c' })]);
    const { pointer } = (await registry().production.get())!;
    expect(pointer.history.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(pointer.history[0].version).toBe(v1);
    expect(pointer.history.slice(1).map((e) => e.version).sort()).toEqual([v2, v3]);
    expectConsistentChain(pointer);
  });

  it('serializes 5 concurrent promotions: every event kept, consecutive, chained; then rolls back', async () => {
    const versions = await registerMany(5);
    await Promise.all(versions.map((v, i) => registry().production.promote(v, { reason: `candidate ${i}`, actor: `worker-${i}` })));
    const { pointer, etag } = (await registry().production.get())!;
    expect(pointer.sequence).toBe(5);
    expect(pointer.history.map((e) => e.version).sort()).toEqual(versions);
    expectConsistentChain(pointer);
    expect(await registry().production.etag()).toBe(etag);
    const rolled = await registry().production.rollback({ reason: 'alarm', actor: 'oncall' });
    expect(rolled).toMatchObject({ version: pointer.previous, previous: pointer.version, sequence: 6 });
    expect(rolled.history.slice(0, 5)).toEqual(pointer.history);
    expectConsistentChain(rolled);
  });

  it('keeps the first verdict: a replay answers created false and changes nothing', async () => {
    const [v1] = await registerMany(1);
    const s3 = store();
    const first = verdict(v1, { candidate_score: 0.91 });
    expect(await registry().verdicts.record(first)).toEqual({ created: true, verdict: first });
    const before = await s3.get(verdictKey(v1));
    const replays = await Promise.all([
      registry().verdicts.record(first),
      registry().verdicts.record(verdict(v1, { decision: 'rejected', candidate_score: 0.2 })),
    ]);
    for (const replay of replays) expect(replay).toEqual({ created: false, verdict: first });
    expect(await s3.get(verdictKey(v1))).toEqual(before);
  });

  it('claims a training run once: replays see in_progress, then done with the version', async () => {
    const [v1] = await registerMany(1);
    const claims = await Promise.all(Array.from({ length: 5 }, () => registry().runs.claim(RUN_KEY, FRESH)));
    expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.status === 'in_progress')).toHaveLength(4);
    expect(await registry().runs.claim(RUN_KEY, FRESH)).toEqual({ status: 'in_progress' });
    expect(await registry().runs.complete(RUN_KEY, v1)).toBe(v1);
    expect(await registry().runs.claim(RUN_KEY, FRESH)).toEqual({ status: 'done', version: v1 });
  });

  it('lets a stale run be taken over by exactly one of several claimers', async () => {
    const clock = manualClock('2025-06-01T00:00:00.000Z');
    expect(await registry({ clock }).runs.claim(RUN_KEY, { staleAfterMs: 1000 })).toEqual({ status: 'claimed' });
    clock.advance(5000);
    const claims = await Promise.all(Array.from({ length: 4 }, () => registry({ clock }).runs.claim(RUN_KEY, { staleAfterMs: 1000 })));
    expect(claims.map((c) => c.status).sort()).toEqual(['claimed', 'in_progress', 'in_progress', 'in_progress']);
  });

  it('stores datasets content-addressed: a second put of the same CSV is not created', async () => {
    const csv = 'x1,label\n1,yes\n';
    const [first, second] = [await registry().datasets.put(csv), await registry().datasets.put(csv)];
    expect([first.created, second.created]).toEqual([true, false]);
    expect(await registry().datasets.get(first.digest)).toBe(csv);
  });
});
