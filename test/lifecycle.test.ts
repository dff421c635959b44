import { describe, expect, it } from 'vitest';
import { InvalidDatasetError } from '../shared/automl/errors.js';
import { checkDrift } from '../shared/lifecycle/checkDrift.js';
import { DatasetStore } from '../shared/lifecycle/datasetStore.js';
import { decidePromotion } from '../shared/lifecycle/decidePromotion.js';
import { describeRegistry } from '../shared/lifecycle/describeRegistry.js';
import { InvalidRequestError, NoProductionModelError } from '../shared/lifecycle/errors.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import type { PromoteMessage, TrainMessage } from '../shared/lifecycle/messages.js';
import { predictRecords } from '../shared/lifecycle/predictRecords.js';
import { ProductionModelProvider } from '../shared/lifecycle/productionModel.js';
import { trainAndRegister } from '../shared/lifecycle/trainAndRegister.js';
import { MemoryObjectStore } from '../shared/registry/memoryObjectStore.js';
import { ModelRegistry } from '../shared/registry/modelRegistry.js';
import { readData } from './support/datasets.js';
import { MemoryQueue } from './support/memoryQueue.js';

const pima = readData('pima_indians_diabetes.csv');
const FAST = { candidates: ['linear' as const], cv_folds: 3 };

function setup() {
  const store = new MemoryObjectStore();
  const registry = new ModelRegistry(store);
  const datasets = new DatasetStore(store);
  const trainQueue = new MemoryQueue<TrainMessage>();
  const promoteQueue = new MemoryQueue<PromoteMessage>();
  const train = (message: TrainMessage) => trainAndRegister({ datasets, registry, promoteQueue, staleRunAfterMs: 60_000 }, message);
  return { store, registry, datasets, trainQueue, promoteQueue, train };
}

describe('the lifecycle on in-memory adapters', () => {
  it('ingest → train → promote → serve, and replays change nothing', async () => {
    const { registry, datasets, trainQueue, promoteQueue, train } = setup();
    const ingested = await ingestDataset({ datasets, trainQueue }, pima, FAST);
    expect(ingested).toMatchObject({ rows: 768, target: 'target', task: 'binary' });
    expect(trainQueue.sent).toHaveLength(1);

    const first = await train(trainQueue.sent[0]);
    expect(first).toMatchObject({ status: 'registered', version: 'v0001' });
    expect(promoteQueue.sent).toEqual([{ version: 'v0001' }]);

    const replay = await train(trainQueue.sent[0]);
    expect(replay).toMatchObject({ status: 'already_registered', version: 'v0001' });
    expect((await registry.listVersions()).map((v) => v.version)).toEqual(['v0001']);

    const decided = await decidePromotion({ registry }, promoteQueue.sent[0]);
    expect(decided).toMatchObject({ decidedNow: true, promotedNow: true, verdict: { decision: 'promoted', production_version: null } });
    const pointer = (await registry.getProduction())?.pointer;
    expect(pointer).toMatchObject({ version: 'v0001', sequence: 1 });

    const again = await decidePromotion({ registry }, promoteQueue.sent[1]);
    expect(again).toMatchObject({ decidedNow: false, promotedNow: false });
    expect((await registry.getProduction())?.pointer).toEqual(pointer);

    const provider = new ProductionModelProvider(registry, 0);
    const record = { NumTimesPrg: 6, PlGlcConc: 148, BloodP: 72, SkinThick: 35, TwoHourSerIns: 0, BMI: 33.6, DiPedFunc: 0.627, Age: 50 };
    const result = await predictRecords(provider, { records: [record, { ...record, PlGlcConc: 80, BMI: 20 }] });
    expect(result.model_version).toBe('v0001');
    expect(result.predictions[0].prediction).toBe('1');
    expect(result.predictions[0].probability).toBeGreaterThan(result.predictions[1].probability as number);
    await expect(predictRecords(provider, { BMI: 30 })).rejects.toThrow(InvalidRequestError);
  });

  it('promotes a better candidate, rejects a worse one, and serves the promotion without restart', async () => {
    const { registry, datasets, trainQueue, promoteQueue, train } = setup();
    let now = 0;
    const provider = new ProductionModelProvider(registry, 5_000, () => new Date(now));
    await expect(provider.current()).rejects.toThrow(NoProductionModelError);

    await ingestDataset({ datasets, trainQueue }, pima, { ...FAST, seed: 1 });
    await train(trainQueue.sent[0]);
    await decidePromotion({ registry }, promoteQueue.sent[0]);
    now += 5_000;
    expect((await provider.current()).version).toBe('v0001');

    // Same data, other seeds: scores differ; each is judged against production's.
    for (const seed of [2, 3, 4]) {
      await ingestDataset({ datasets, trainQueue }, pima, { ...FAST, seed });
      await train(trainQueue.sent.at(-1) as TrainMessage);
      await decidePromotion({ registry }, promoteQueue.sent.at(-1) as PromoteMessage);
    }
    const status = await describeRegistry(registry);
    const verdicts = status.candidates.map((c) => c.verdict);
    expect(verdicts.every((v) => v !== null)).toBe(true);
    for (const v of verdicts) {
      if (v?.production_score == null) continue;
      expect(v.decision === 'promoted').toBe(v.candidate_score > v.production_score);
    }
    const production = await registry.getProduction();
    expect(provider.health().model_version).toBe('v0001');
    now += 5_000;
    expect((await provider.current()).version).toBe(production?.pointer.version);
  });

  it('keeps serving the previous model when a reload fails, and says so', async () => {
    const { store, registry, datasets, trainQueue, promoteQueue, train } = setup();
    let now = 0;
    const provider = new ProductionModelProvider(registry, 1_000, () => new Date(now));
    await ingestDataset({ datasets, trainQueue }, pima, FAST);
    await train(trainQueue.sent[0]);
    await decidePromotion({ registry }, promoteQueue.sent[0]);
    expect((await provider.current()).version).toBe('v0001');

    await ingestDataset({ datasets, trainQueue }, pima, { ...FAST, seed: 9 });
    await train(trainQueue.sent[1]);
    await store.put('models/v0002/model.json', '{"format":"pickle"}'); // damaged behind the registry's back
    await registry.promote('v0002', { reason: 'test', actor: 'test' });
    now += 1_000;
    expect((await provider.current()).version).toBe('v0001');
    expect(provider.health()).toMatchObject({ model_version: 'v0001', last_reload_error: expect.stringMatching(/v0002|model\.json|checksum|sha256/i) });
  });

  it('refuses a bad CSV at ingest and queues nothing', async () => {
    const { datasets, trainQueue } = setup();
    await expect(ingestDataset({ datasets, trainQueue }, 'a,b\n1,2\n3\n')).rejects.toThrow(InvalidDatasetError);
    await expect(ingestDataset({ datasets, trainQueue }, 'a,label\n1,0\n2,1\n')).rejects.toThrow(/too few rows/);
    expect(trainQueue.sent).toHaveLength(0);
  });

  it('checks drift of the latest ingested data against production statistics', async () => {
    const { registry, datasets, trainQueue, promoteQueue, train } = setup();
    expect(await checkDrift({ registry, datasets })).toEqual({ status: 'no_model' });
    await ingestDataset({ datasets, trainQueue }, pima, FAST);
    await train(trainQueue.sent[0]);
    await decidePromotion({ registry }, promoteQueue.sent[0]);
    const same = await checkDrift({ registry, datasets });
    expect(same.status).toBe('checked');
    if (same.status === 'checked') expect(same.drifted).toEqual([]);

    const lines = pima.trim().split('\n');
    const shifted = [lines[0], ...lines.slice(1).map((l) => l.split(',').map((v, i) => (i === 1 ? String(Number(v) + 60) : v)).join(','))];
    await ingestDataset({ datasets, trainQueue }, `${shifted.join('\n')}\n`, FAST);
    const drifted = await checkDrift({ registry, datasets });
    expect(drifted.status === 'checked' && drifted.drifted).toEqual(['PlGlcConc']);
  });
});
