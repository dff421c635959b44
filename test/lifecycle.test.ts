import { describe, expect, it } from 'vitest';
import { InvalidDatasetError } from '../shared/automl/errors.js';
import { decidePromotion } from '../shared/lifecycle/decidePromotion.js';
import { DatasetNotFoundError, NoProductionModelError, TrainingRunInProgressError } from '../shared/lifecycle/errors.js';
import { runKeyOf } from '../shared/lifecycle/runKey.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import type { PromoteMessage, TrainMessage } from '../shared/lifecycle/messages.js';
import { modelInfo } from '../shared/lifecycle/modelInfo.js';
import { promoteManually, rollbackManually } from '../shared/lifecycle/moveProduction.js';
import { ProductionModelProvider } from '../shared/lifecycle/productionModel.js';
import { describeRegistry } from '../shared/lifecycle/registryStatus.js';
import { FeedbackTally } from '../shared/serving/feedbackTally.js';
import { serviceHealth } from '../shared/lifecycle/serviceHealth.js';
import { trainAndRegister } from '../shared/lifecycle/trainAndRegister.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { sha256Hex } from '../shared/util/sha256.js';
import { InvalidPredictRequestError } from '../shared/serving/errors.js';
import { predictRecords } from '../shared/serving/predictRecords.js';
import { firstRecord, readData, relabeledCsv, shuffledLabelsCsv } from './support/datasets.js';
import { manualClock, testTrainingEnvironment } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { MemoryQueue } from './support/memoryQueue.js';
import { RecordingMetrics } from './support/recordingMetrics.js';
import { testPredictPorts } from './support/predictPorts.js';

const pima = readData('pima_indians_diabetes.csv');
const FAST = { candidates: ['linear' as const], cv_folds: 3 };
const RECORD = firstRecord('pima_indians_diabetes.csv');
/** Pima whose label is a threshold on glucose: linear ranks it almost perfectly, so it must beat a model of the real labels. */
const glucoseLabeled = relabeledCsv(pima, (fields) => (Number(fields[1]) > 120 ? '1' : '0'));

/** A store whose HEAD requests (the serving pointer check) can be held until released. */
class GatedHeadStore extends MemoryObjectStore {
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  heads = 0;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  override async head(key: string): Promise<{ etag: string } | undefined> {
    this.heads++;
    await this.gate;
    return super.head(key);
  }
}

function setup() {
  const store = new GatedHeadStore();
  const clock = manualClock();
  const registry = createModelRegistry(store, { clock });
  const trainQueue = new MemoryQueue<TrainMessage>();
  const promoteQueue = new MemoryQueue<PromoteMessage>();
  const metrics = new RecordingMetrics();
  const ingest = (csv: string, options = {}) => ingestDataset({ datasets: registry.datasets, trainQueue }, csv, { ...FAST, ...options });
  const train = (message: TrainMessage) =>
    trainAndRegister({ registry, promoteQueue, training: testTrainingEnvironment(), staleRunAfterMs: 60_000, metrics }, message);
  const decide = (message: PromoteMessage) => decidePromotion({ registry, clock, metrics }, message);
  /** Ingest, train and judge one dataset; the verdict. */
  const cycle = async (csv: string, options = {}) => {
    await ingest(csv, options);
    await train(trainQueue.sent.at(-1) as TrainMessage);
    return (await decide(promoteQueue.sent.at(-1) as PromoteMessage)).verdict;
  };
  return { store, clock, registry, trainQueue, promoteQueue, metrics, ingest, train, decide, cycle };
}

describe('the lifecycle on in-memory adapters', () => {
  it('ingest → train → promote → serve, and replays change nothing', async () => {
    const { registry, clock, trainQueue, promoteQueue, ingest, train, decide } = setup();
    const ingested = await ingest(pima);
    expect(ingested).toMatchObject({ rows: 768, target: 'target', task: 'binary' });
    expect(trainQueue.sent).toHaveLength(1);

    const first = await train(trainQueue.sent[0]);
    expect(first).toMatchObject({ status: 'registered', version: 'v0001' });
    expect(promoteQueue.sent).toEqual([{ version: 'v0001' }]);

    const replay = await train(trainQueue.sent[0]);
    expect(replay).toMatchObject({ status: 'already_registered', version: 'v0001' });
    expect((await registry.versions.list()).map((v) => v.version)).toEqual(['v0001']);

    const decided = await decide(promoteQueue.sent[0]);
    expect(decided).toMatchObject({ decidedNow: true, promotedNow: true, verdict: { decision: 'promoted', production_version: null } });
    const pointer = (await registry.production.get())?.pointer;
    expect(pointer).toMatchObject({ version: 'v0001', sequence: 1 });

    const again = await decide(promoteQueue.sent[1]);
    expect(again).toMatchObject({ decidedNow: false, promotedNow: false });
    expect((await registry.production.get())?.pointer).toEqual(pointer);

    const { ports } = testPredictPorts(new ProductionModelProvider(registry, 0, clock, new RecordingMetrics()), clock);
    const result = await predictRecords(ports, { records: [RECORD, { ...RECORD, PlGlcConc: 80, BMI: 20 }] });
    expect(result.model_version).toBe('v0001');
    expect(result.predictions[0].prediction).toBe(1);
    expect(result.predictions[0].probability).toBeGreaterThan(result.predictions[1].probability as number);
    await expect(predictRecords(ports, { BMI: 30 })).rejects.toThrow(InvalidPredictRequestError);
  });

  it('a message whose run another delivery claimed (killed mid-training) is never acknowledged: it throws until the claim is stale, then trains', async () => {
    const { registry, clock, trainQueue, promoteQueue, ingest, train } = setup();
    await ingest(pima);
    const message = trainQueue.sent[0];
    // The first delivery claimed the run and died during the computation, before registering.
    const claimed = await registry.runs.claim(runKeyOf(message.dataset_digest, message.options, message.trigger?.report_id), { staleAfterMs: 60_000 });
    expect(claimed.status).toBe('claimed');
    clock.advance(59_000);
    await expect(train(message)).rejects.toThrow(TrainingRunInProgressError); // back to the queue, not deleted
    expect(await registry.versions.list()).toEqual([]);
    expect(promoteQueue.sent).toEqual([]);
    clock.advance(1_001); // the claim is now older than the stale time: the redelivery takes it over
    expect(await train(message)).toMatchObject({ status: 'registered', version: 'v0001' });
    expect((await registry.versions.list()).map((v) => [v.version, v.complete])).toEqual([['v0001', true]]);
    expect(promoteQueue.sent).toEqual([{ version: 'v0001' }]);
  });

  it('promotes a better candidate, rejects a worse one, and serves the promotion without restart', async () => {
    const { registry, clock, cycle } = setup();
    const loads = new RecordingMetrics();
    const provider = new ProductionModelProvider(registry, 5_000, clock, loads);
    await expect(provider.current()).rejects.toThrow(NoProductionModelError);

    const first = await cycle(pima);
    expect(first).toMatchObject({ version: 'v0001', decision: 'promoted' });
    clock.advance(5_000);
    expect((await provider.current()).version).toBe('v0001');
    expect(loads.total('alm_model_reloads_total', { model_version: 'v0001' })).toBe(1);

    const worse = await cycle(shuffledLabelsCsv(pima));
    expect(worse).toMatchObject({ version: 'v0002', decision: 'rejected', production_version: 'v0001' });
    expect(worse.candidate_score).toBeLessThan(worse.production_score as number);
    expect(worse.reason).toMatch(/^not better: roc_auc .* on the same \d+ holdout rows/);
    // Both scored on the candidate's own test split, with the paired bootstrap's interval kept.
    expect(worse.comparison).toMatchObject({ metric: 'roc_auc', samples: 1000, confidence: 0.95, holdout: { source: 'test_split' } });
    expect(worse.comparison?.interval[0]).toBeLessThanOrEqual(0);

    const better = await cycle(glucoseLabeled);
    expect(better).toMatchObject({ version: 'v0003', decision: 'promoted', production_version: 'v0001' });
    expect(better.candidate_score).toBeGreaterThan(better.production_score as number);
    expect(better.comparison?.interval[0]).toBeGreaterThan(0);
    expect(better.comparison?.rows).toBe(worse.comparison?.rows); // the same 20% of pima's rows
    expect((await registry.production.get())?.pointer).toMatchObject({ version: 'v0003', previous: 'v0001', sequence: 2 });

    // Served from cache until the next pointer check; the check that is then due runs in the
    // background (the request that starts it still gets v0001, never waits), then v0003 is served.
    expect((await provider.current()).version).toBe('v0001');
    clock.advance(5_000);
    expect((await provider.current()).version).toBe('v0001');
    await provider.refreshIfDue();
    expect((await provider.current()).version).toBe('v0003');

    const status = await describeRegistry(registry, new FeedbackTally(registry), clock);
    expect(status.candidates.map((c) => [c.version, c.verdict?.decision])).toEqual([
      ['v0003', 'promoted'],
      ['v0002', 'rejected'],
      ['v0001', 'promoted'],
    ]);
    expect(status.production).toMatchObject({ version: 'v0003', metrics: { candidate: 'linear', primary_metric: 'roc_auc' } });
  });

  it('describes the production model for /model_info', async () => {
    const { registry, cycle } = setup();
    await expect(modelInfo(registry)).rejects.toThrow(NoProductionModelError);
    await cycle(pima);
    const info = await modelInfo(registry);
    expect(info).toMatchObject({ version: 'v0001', candidate: 'linear', created_at: '2025-01-01T00:00:00.000Z', promoted_at: '2025-01-01T00:00:00.000Z' });
    expect(info.training_data_digest).toBe(sha256Hex(pima));
    expect(info.leaderboard).toEqual([expect.objectContaining({ candidate: 'linear', primary_metric: 'roc_auc' })]);
    expect(info.schema.target).toMatchObject({ name: 'target', task: 'binary' });
  });

  it('moves production by hand, recording who and why', async () => {
    const { registry, cycle, metrics } = setup();
    await cycle(pima);
    await cycle(shuffledLabelsCsv(pima));
    expect([metrics.total('alm_promotions_total', { trigger: 'verdict' }), metrics.total('alm_rejections_total')]).toEqual([1, 1]);
    const forced = await promoteManually({ registry, metrics }, { version: 'v0002', reason: 'operator override' }, 'api');
    expect(forced).toMatchObject({ version: 'v0002', previous: 'v0001', reason: 'operator override', actor: 'api' });
    const back = await rollbackManually({ registry, metrics }, { reason: 'worse in practice' }, 'api');
    expect(back.history.map((e) => [e.kind, e.version, e.reason])).toEqual([
      ['promote', 'v0001', expect.stringMatching(/^first model/)],
      ['promote', 'v0002', 'operator override'],
      ['rollback', 'v0001', 'worse in practice'],
    ]);
    expect([metrics.total('alm_promotions_total', { trigger: 'manual' }), metrics.total('alm_rollbacks_total', { trigger: 'manual' })]).toEqual([1, 1]);
  });

  it('never makes a prediction wait for the pointer check once a model is loaded (stale-while-revalidate)', async () => {
    const { store, registry, clock, cycle } = setup();
    const provider = new ProductionModelProvider(registry, 5_000, clock, new RecordingMetrics());
    await cycle(pima);
    expect((await provider.current()).version).toBe('v0001'); // the first request waits for its model
    store.hold(); // the registry stops answering pointer checks
    clock.advance(5_000);
    const heads = store.heads;
    const answered = await Promise.race([provider.current().then((m) => m.version), new Promise((r) => setTimeout(() => r('waited'), 200))]);
    expect(answered).toBe('v0001');
    expect(store.heads).toBe(heads + 1); // the due check did start, in the background
    expect(await Promise.race([serviceHealth(provider).then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 50))])).toBe('waiting');
    store.release();
    expect(await serviceHealth(provider)).toMatchObject({ status: 'ok', model_version: 'v0001' }); // health waits for the check it reports on
  });

  it('keeps serving the previous model when a reload fails, and health says degraded', async () => {
    const { store, registry, clock, cycle, ingest, train, trainQueue } = setup();
    const provider = new ProductionModelProvider(registry, 1_000, clock, new RecordingMetrics());
    expect(await serviceHealth(provider)).toMatchObject({ status: 'no_model', model_version: null });
    await cycle(pima);
    clock.advance(1_000);
    expect(await serviceHealth(provider)).toMatchObject({ status: 'ok', model_version: 'v0001', last_reload_error: null });

    await ingest(pima, { seed: 9 });
    await train(trainQueue.sent.at(-1) as TrainMessage);
    await store.put('models/v0002/model.json', '{"format":"pickle"}'); // damaged behind the registry's back
    await registry.production.promote('v0002', { reason: 'test', actor: 'test' });
    clock.advance(1_000);
    expect((await provider.current()).version).toBe('v0001'); // starts the check in the background
    await provider.refreshIfDue();
    expect((await provider.current()).version).toBe('v0001');
    expect(await serviceHealth(provider)).toMatchObject({
      status: 'degraded',
      model_version: 'v0001',
      last_reload_error: expect.stringMatching(/CorruptObjectError: models\/v0002\/model\.json does not match the SHA-256/),
    });
  });

  it('refuses a bad CSV at ingest and queues nothing; a train message for an unknown dataset fails', async () => {
    const { trainQueue, ingest, train } = setup();
    await expect(ingest('a,b\n1,2\n3\n')).rejects.toThrow(InvalidDatasetError);
    await expect(ingest('a,label\n1,0\n2,1\n')).rejects.toThrow(/too few rows/);
    expect(trainQueue.sent).toHaveLength(0);
    const options = { seed: 42, candidates: ['linear' as const], cv_folds: 3, test_fraction: 0.2, refit: true };
    await expect(train({ dataset_digest: 'f'.repeat(64), options, requested_at: new Date(0).toISOString() })).rejects.toThrow(DatasetNotFoundError);
  });
});
