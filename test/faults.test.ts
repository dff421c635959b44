import { describe, expect, it } from 'vitest';
import { serializeModel } from '../shared/automl/pipeline/modelArtifact.js';
import { errorStatus } from '../shared/edge/errorStatus.js';
import { acceptModel } from '../shared/lifecycle/acceptModel.js';
import { ModelRejectedError } from '../shared/lifecycle/errors.js';
import { promoteManually } from '../shared/lifecycle/moveProduction.js';
import { ProductionModelProvider } from '../shared/lifecycle/productionModel.js';
import { serviceHealth } from '../shared/lifecycle/serviceHealth.js';
import type { ObjectStore, PutOptions } from '../shared/ports/objectStore.js';
import { artifactKey } from '../shared/registry/keys.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import type { PredictionLogStats } from '../shared/serving/predictionLog.js';
import { sha256Hex } from '../shared/util/sha256.js';
import { manualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { metadata } from './support/registryFixtures.js';
import { RecordingMetrics } from './support/recordingMetrics.js';
import { diabetesSlice, servedModel } from './support/servedModels.js';

/** A store whose whole content can be lost at once (moto_server restarted): `lose()` swaps in an empty one. */
class LosableStore implements ObjectStore {
  inner = new MemoryObjectStore();
  lose(): void {
    this.inner = new MemoryObjectStore();
  }
  get(key: string) {
    return this.inner.get(key);
  }
  head(key: string) {
    return this.inner.head(key);
  }
  put(key: string, body: string, options?: PutOptions) {
    return this.inner.put(key, body, options);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
}

const MODEL = serializeModel(servedModel(diabetesSlice().split('\n').slice(0, 401).join('\n'), 'v0001', { candidates: ['linear'], cv_folds: 2 }).pipeline);

function setup() {
  const store = new LosableStore();
  const clock = manualClock();
  const registry = createModelRegistry(store, { clock, retry: { baseDelayMs: 0 } });
  const metrics = new RecordingMetrics();
  const provider = new ProductionModelProvider(registry, 1_000, clock, metrics);
  const register = (model = MODEL) => registry.versions.register({ 'model.json': model }, metadata());
  return { store, clock, registry, metrics, provider, register };
}

const log = (stats: Partial<PredictionLogStats>) => ({ stats: () => ({ heldRecords: 0, failing: false, ...stats }) as PredictionLogStats });

describe('fault handling of the serving path and the promotion gate', () => {
  it('a registry lost while serving: keeps the model, health degraded with registry "lost", ok again once a pointer is back', async () => {
    const { store, clock, registry, provider, register } = setup();
    const version = await register();
    await registry.production.promote(version, { reason: 'r', actor: 't' });
    expect((await serviceHealth(provider)).status).toBe('ok');
    store.lose();
    clock.advance(1_000);
    const lost = await serviceHealth(provider);
    expect(lost).toMatchObject({ status: 'degraded', model_version: 'v0001', registry: 'lost', last_reload_error: 'registry lost: registry/production.json is gone; still serving v0001' });
    expect(lost.reasons?.[0]).toMatch(/^registry lost/);
    expect((await provider.current()).version).toBe('v0001');

    await registry.versions.register({ 'model.json': MODEL }, metadata()); // re-bootstrapped: a new v0001
    await registry.production.promote('v0001', { reason: 'bootstrap again', actor: 't' });
    clock.advance(1_000);
    expect(await serviceHealth(provider)).toMatchObject({ status: 'ok', registry: 'ok', last_reload_error: null, reasons: [] });
  });

  it('a pointer to a tampered model.json is refused at load, counted once per pointer, and the previous model serves', async () => {
    const { store, clock, registry, metrics, provider, register } = setup();
    await registry.production.promote(await register(), { reason: 'r', actor: 't' });
    await provider.current();
    const bad = await register();
    await store.put(artifactKey(bad, 'model.json'), MODEL.replace('"format_version":1', '"format_version":1 ')); // one byte more
    await registry.production.promote(bad, { reason: 'unchecked writer', actor: 't' });
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      await provider.refreshIfDue();
    }
    expect((await provider.current()).version).toBe('v0001');
    expect(metrics.total('alm_model_rejected_total', { reason: 'sha256', stage: 'serve' })).toBe(1);
    expect(await serviceHealth(provider)).toMatchObject({ status: 'degraded', registry: 'ok', reasons: ['last reload failed'], last_reload_error: expect.stringMatching(/^ModelRejectedError: v0002 refused \(sha256\)/) });
  });

  it('promoteManually refuses a version whose model.json fails its checksum or format (409), production unchanged', async () => {
    const { registry, metrics, register } = setup();
    await registry.production.promote(await register(), { reason: 'r', actor: 't' });
    const pipeline = { not: 'a pipeline' };
    const malformed = await register(JSON.stringify({ format: 'alm-model', format_version: 1, sha256: sha256Hex(JSON.stringify(pipeline)), pipeline }));
    const at = MODEL.indexOf('"pipeline":') + MODEL.slice(MODEL.indexOf('"pipeline":')).search(/[1-8]/);
    const altered = await register(`${MODEL.slice(0, at)}${Number(MODEL[at]) + 1}${MODEL.slice(at + 1)}`); // a value changed, the envelope's checksum not
    const ports = { registry, metrics };
    const refusal = promoteManually(ports, { version: malformed, reason: 'try' }, 'api');
    await expect(refusal).rejects.toThrow(ModelRejectedError);
    await expect(promoteManually(ports, { version: malformed, reason: 'try' }, 'api')).rejects.toThrow(/refused \(format\): ModelArtifactError: model.json pipeline is malformed/);
    await expect(promoteManually(ports, { version: altered, reason: 'try' }, 'api')).rejects.toThrow(/refused \(checksum\)/);
    expect(errorStatus(await refusal.catch((e) => e))).toMatchObject({ http: 409, expose: true });
    expect((await registry.production.get())!.pointer).toMatchObject({ version: 'v0001', sequence: 1 });
    expect([metrics.total('alm_model_rejected_total', { reason: 'format', stage: 'promote' }), metrics.total('alm_model_rejected_total', { reason: 'checksum', stage: 'promote' })]).toEqual([2, 1]);
    await expect(acceptModel(registry.versions, 'v0001', metrics, 'promote')).resolves.toMatchObject({ target: expect.any(Object) });
  });

  it('health is degraded while the prediction log fails with records held, ok when it fails with nothing held or delivers', async () => {
    const { registry, provider, register } = setup();
    await registry.production.promote(await register(), { reason: 'r', actor: 't' });
    const failing = await serviceHealth(provider, log({ heldRecords: 40, failing: true, lastFailure: 'socket hang up' }));
    expect(failing).toMatchObject({ status: 'degraded', prediction_log: { held_records: 40, failing: true, last_failure: 'socket hang up' }, reasons: ['prediction log failing: 40 records held for retry'] });
    expect((await serviceHealth(provider, log({ heldRecords: 0, failing: true }))).status).toBe('ok');
    expect((await serviceHealth(provider, log({ heldRecords: 12, failing: false }))).status).toBe('ok');
  });
});
