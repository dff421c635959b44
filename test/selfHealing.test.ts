import { describe, expect, it } from 'vitest';
import { decodePrediction } from '../shared/automl/pipeline/decodePrediction.js';
import { parseModel } from '../shared/automl/pipeline/modelArtifact.js';
import { createRowPredictor } from '../shared/automl/pipeline/rowPredictor.js';
import { decidePromotion } from '../shared/lifecycle/decidePromotion.js';
import { guardProduction } from '../shared/lifecycle/guardProduction.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import type { PromoteMessage, TrainMessage } from '../shared/lifecycle/messages.js';
import { runDriftCheck } from '../shared/lifecycle/runDriftCheck.js';
import { watchProduction } from '../shared/lifecycle/watchProduction.js';
import { listVersions, versionDetail } from '../shared/lifecycle/registryStatus.js';
import { InvalidIdError, VersionNotFoundError } from '../shared/registry/errors.js';
import { trainAndRegister } from '../shared/lifecycle/trainAndRegister.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import type { PredictionLogRecord } from '../shared/registry/schemas.js';
import { dataRecords, readData, shuffledLabelsCsv } from './support/datasets.js';
import { manualClock, testTrainingEnvironment } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { MemoryQueue } from './support/memoryQueue.js';
import { predictionIdAt, seededRandomFill } from './support/predictionLogFixtures.js';
import { RecordingMetrics } from './support/recordingMetrics.js';
import { NO_BACKOFF } from './support/registryFixtures.js';
import { diabetesSlice } from './support/servedModels.js';

const DATA = 'diabetes_prediction_dataset.csv';
const FAST = { candidates: ['gradient_boosting' as const], cv_folds: 2 };

describe('the self-healing loop on in-memory adapters', () => {
  it('drift → retrain on reference + recent labeled rows → champion vs challenger on the recent holdout → promoted, with lineage', async () => {
    const clock = manualClock('2026-03-01T12:00:00.000Z');
    const registry = createModelRegistry(new MemoryObjectStore(), { clock, ...NO_BACKOFF });
    const trainQueue = new MemoryQueue<TrainMessage>();
    const promoteQueue = new MemoryQueue<PromoteMessage>();
    const metrics = new RecordingMetrics();
    const train = (message: TrainMessage) => trainAndRegister({ registry, promoteQueue, training: testTrainingEnvironment(), staleRunAfterMs: 60_000, metrics }, message);
    const decide = () => decidePromotion({ registry, clock, metrics }, promoteQueue.sent.at(-1) as PromoteMessage);

    await ingestDataset({ datasets: registry.datasets, trainQueue }, diabetesSlice(), FAST);
    await train(trainQueue.sent[0]);
    expect((await decide()).verdict).toMatchObject({ version: 'v0001', decision: 'promoted' });
    expect(await registry.lineage.get('v0001')).toMatchObject({ parent_version: null, trigger: { kind: 'ingest' }, data: null });

    // Covariate and concept drift: HbA1c_level +1 std, and labels that now also depend on bmi.
    const pipeline = parseModel(await registry.versions.readFile('v0001', 'model.json'));
    const predict = createRowPredictor(pipeline);
    const lines = readData(DATA).trim().split('\n').slice(2001, 3501);
    const labels = lines.map((line) => Number(line.slice(line.lastIndexOf(',') + 1)));
    const now = clock.now().getTime();
    const ids = seededRandomFill(9); // reproducible ids: the retraining's holdout split hashes them
    const served: PredictionLogRecord[] = [];
    const actual: number[] = [];
    dataRecords(DATA, 2000, 1500).forEach((raw, i) => {
      const record: Record<string, string | number> = { ...raw, HbA1c_level: Number(raw.HbA1c_level) + 1.07 };
      const at = new Date(now - 50 * 60_000 + i * 1000).toISOString();
      const decoded = decodePrediction(pipeline.target, pipeline.threshold ?? 0.5, predict(record));
      served.push({ prediction_id: predictionIdAt(at, ids), model_version: 'v0001', timestamp: at, record, prediction: decoded.prediction, probability: decoded.probability });
      actual.push(labels[i] === 1 || Number(raw.bmi) > 32 ? 1 : 0);
    });
    await registry.predictions.writeBatch(served);
    await registry.labels.writeBatch(served.map((p, i) => ({ prediction_id: p.prediction_id, actual: actual[i], received_at: clock.now().toISOString() })));

    const check = await runDriftCheck({ registry, trainQueue, metrics: new RecordingMetrics(), clock });
    expect(check).toMatchObject({ status: 'checked', action: 'retrain' });
    const retrain = trainQueue.sent.at(-1) as TrainMessage;
    expect(retrain.trigger).toMatchObject({ kind: 'drift', model_version: 'v0001' });
    expect(retrain.data?.holdout_rows).toBeGreaterThanOrEqual(50);

    const trained = await train(retrain);
    expect(trained).toMatchObject({ status: 'registered', version: 'v0002' });
    expect(await registry.lineage.get('v0002')).toMatchObject({
      parent_version: 'v0001',
      dataset_digest: retrain.dataset_digest,
      trigger: { kind: 'drift', report_id: retrain.trigger?.report_id, reasons: retrain.trigger?.reasons },
      data: retrain.data,
    });

    const { verdict, promotedNow } = await decide();
    expect(verdict.comparison).toMatchObject({ rows: retrain.data?.holdout_rows, holdout: { source: 'recent_labeled', dataset_digest: retrain.data?.holdout_digest } });
    expect(verdict).toMatchObject({ version: 'v0002', decision: 'promoted', production_version: 'v0001' });
    expect(verdict.comparison?.interval[0]).toBeGreaterThan(0);
    expect(promotedNow).toBe(true);
    expect((await registry.production.get())?.pointer.version).toBe('v0002');

    // The new version's drift reference is its recent holdout: the next check, on traffic as drifted
    // as the one it was retrained on, sees no drift and no quality drop (no retrain after retrain).
    const reference = JSON.parse(await registry.versions.readFile('v0002', 'drift_reference.json'));
    expect(reference).toMatchObject({ source: 'recent_holdout', rows: retrain.data?.holdout_rows });
    expect(JSON.parse(await registry.versions.readFile('v0001', 'drift_reference.json'))).toMatchObject({ source: 'training_split' });
    // So is its multivariate reference (the rows its reconstruction errors describe).
    const multivariate = JSON.parse(await registry.versions.readFile('v0002', 'multivariate_reference.json'));
    expect(multivariate).toMatchObject({ format: 'alm-multivariate-reference', source: 'recent_holdout', rows: retrain.data?.holdout_rows });
    expect(JSON.parse(await registry.versions.readFile('v0001', 'multivariate_reference.json'))).toMatchObject({ source: 'training_split' });
    clock.advance(2 * 3_600_000);
    const v2 = createRowPredictor(parseModel(await registry.versions.readFile('v0002', 'model.json')));
    const later = clock.now().getTime();
    const drifted = dataRecords(DATA, 4000, 1500).map((raw, i) => {
      const record: Record<string, string | number> = { ...raw, HbA1c_level: Number(raw.HbA1c_level) + 1.07 };
      const at = new Date(later - 50 * 60_000 + i * 1000).toISOString();
      const decoded = decodePrediction(pipeline.target, pipeline.threshold ?? 0.5, v2(record));
      return { prediction_id: predictionIdAt(at, ids), model_version: 'v0002', timestamp: at, record, prediction: decoded.prediction, probability: decoded.probability };
    });
    const laterLabels = readData(DATA).trim().split('\n').slice(4001, 5501).map((line) => Number(line.slice(line.lastIndexOf(',') + 1)));
    await registry.predictions.writeBatch(drifted);
    await registry.labels.writeBatch(
      drifted.map((p, i) => ({ prediction_id: p.prediction_id, actual: laterLabels[i] === 1 || Number(p.record.bmi) > 32 ? 1 : 0, received_at: clock.now().toISOString() })),
    );
    const next = await runDriftCheck({ registry, trainQueue, metrics: new RecordingMetrics(), clock });
    expect(next).toMatchObject({ status: 'checked', action: 'keep' });
    const quality = (await registry.quality.get('v0002'))!;
    expect(quality.recorded).toBe(verdict.candidate_score);

    // GET /versions and GET /versions/<v> show the lineage.
    const listed = await listVersions(registry);
    expect(listed.versions.map((v) => [v.version, v.lineage?.parent_version, v.lineage?.trigger.kind])).toEqual([
      ['v0001', null, 'ingest'],
      ['v0002', 'v0001', 'drift'],
    ]);
    const detail = await versionDetail(registry, 'v0002');
    expect(detail).toMatchObject({ version: 'v0002', lineage: { data: retrain.data }, verdict: { decision: 'promoted' } });
    await expect(versionDetail(registry, '../registry')).rejects.toThrow(InvalidIdError);
    await expect(versionDetail(registry, 'v0099')).rejects.toThrow(VersionNotFoundError);

    // Replaying the loop's messages changes nothing.
    expect(await train(retrain)).toMatchObject({ status: 'already_registered', version: 'v0002' });
    expect(await decidePromotion({ registry, clock, metrics }, { version: 'v0002' })).toMatchObject({ decidedNow: false, promotedNow: false });
    expect(await registry.versions.list()).toHaveLength(2);
  });

  /** v0001 in production, and a way to log `count` held-out predictions of `version` (with labels) in the hour before the clock. */
  async function loopWithProduction() {
    const clock = manualClock('2026-03-01T12:00:00.000Z');
    const registry = createModelRegistry(new MemoryObjectStore(), { clock, ...NO_BACKOFF });
    const trainQueue = new MemoryQueue<TrainMessage>();
    const promoteQueue = new MemoryQueue<PromoteMessage>();
    const metrics = new RecordingMetrics();
    const train = (message: TrainMessage) => trainAndRegister({ registry, promoteQueue, training: testTrainingEnvironment(), staleRunAfterMs: 60_000, metrics }, message);
    const decide = () => decidePromotion({ registry, clock, metrics }, promoteQueue.sent.at(-1) as PromoteMessage);
    await ingestDataset({ datasets: registry.datasets, trainQueue }, diabetesSlice(), FAST);
    await train(trainQueue.sent[0]);
    await decide();
    const serve = async (version: string, count: number, label: (raw: Record<string, string | number>, original: number) => number) => {
      const pipeline = parseModel(await registry.versions.readFile(version, 'model.json'));
      const predict = createRowPredictor(pipeline);
      const originals = readData(DATA).trim().split('\n').slice(2001, 2001 + count).map((line) => Number(line.slice(line.lastIndexOf(',') + 1)));
      const now = clock.now().getTime();
      const served: PredictionLogRecord[] = dataRecords(DATA, 2000, count).map((record, i) => {
        const at = new Date(now - 50 * 60_000 + Math.floor((i * 49 * 60_000) / count)).toISOString();
        const decoded = decodePrediction(pipeline.target, pipeline.threshold ?? 0.5, predict(record));
        return { prediction_id: predictionIdAt(at), model_version: version, timestamp: at, record, prediction: decoded.prediction, probability: decoded.probability };
      });
      const raws = dataRecords(DATA, 2000, count);
      await registry.predictions.writeBatch(served);
      await registry.labels.writeBatch(served.map((p, i) => ({ prediction_id: p.prediction_id, actual: label(raws[i], originals[i]), received_at: clock.now().toISOString() })));
    };
    return { clock, registry, trainQueue, promoteQueue, metrics, train, decide, serve };
  }

  it('retrains on concept drift alone: the live quality drops while no feature drifts', async () => {
    const { clock, registry, trainQueue, metrics, serve } = await loopWithProduction();
    await serve('v0001', 1000, (raw, original) => (Number(raw.age) > 45 ? 1 - original : original));
    const check = await runDriftCheck({ registry, trainQueue, metrics, clock });
    expect(check).toMatchObject({ status: 'checked', action: 'retrain', dataset_drift: false });
    if (check.status !== 'checked') throw new Error('not checked');
    expect(check.reasons.join(' ')).toMatch(/^live quality dropped: roc_auc [\d.]+ on 1000 labeled predictions vs [\d.]+ recorded/);
    const quality = await registry.quality.get('v0001');
    expect(quality).toMatchObject({ version: 'v0001', metric: 'roc_auc', rows: 1000 });
    expect(quality?.drop).toBeGreaterThan(0.05);
    expect((await registry.drift.document(check.report_id)).quality).toEqual(quality);
  });

  it('holds retraining while the guard waits for labeled rows of a fresh promotion, for at most holdMinutes', async () => {
    const { clock, registry, trainQueue, metrics, train, decide, serve } = await loopWithProduction();
    await ingestDataset({ datasets: registry.datasets, trainQueue }, shuffledLabelsCsv(diabetesSlice()), FAST);
    await train(trainQueue.sent.at(-1) as TrainMessage);
    await decide();
    await registry.production.promote('v0002', { reason: 'forced by a test', actor: 'api' });
    await serve('v0002', 600, (_raw, original) => original);
    await runDriftCheck({ registry, trainQueue, metrics, clock }); // records v0002's live quality
    clock.advance(60 * 60_000);
    await registry.production.promote('v0001', { reason: 'back to v0001, by a test', actor: 'api' });

    /** `count` predictions of v0001 on rows with HbA1c_level + 1.07, without labels, in the 10 minutes before the clock. */
    const driftedTraffic = async (count: number, from: number) => {
      const pipeline = parseModel(await registry.versions.readFile('v0001', 'model.json'));
      const predict = createRowPredictor(pipeline);
      const now = clock.now().getTime();
      await registry.predictions.writeBatch(
        dataRecords(DATA, from, count).map((raw, i) => {
          const record: Record<string, string | number> = { ...raw, HbA1c_level: Number(raw.HbA1c_level) + 1.07 };
          const at = new Date(now - 10 * 60_000 + Math.floor((i * 9 * 60_000) / count)).toISOString();
          const decoded = decodePrediction(pipeline.target, pipeline.threshold ?? 0.5, predict(record));
          return { prediction_id: predictionIdAt(at), model_version: 'v0001', timestamp: at, record, prediction: decoded.prediction, probability: decoded.probability };
        }),
      );
    };
    clock.advance(10 * 60_000);
    await driftedTraffic(800, 3000);
    const held = await watchProduction({ registry, trainQueue, metrics, clock });
    expect(held.guard).toMatchObject({ status: 'wait', version: 'v0001' });
    expect(held).toMatchObject({ status: 'checked', action: 'keep', train_requested: false });
    if (held.status !== 'checked') throw new Error('not checked');
    expect(held.reasons.at(-1)).toMatch(/^hold: the post-promotion guard is watching v0001 \(no labeled predictions of v0001 yet\); no retrain within 30 minutes/);
    expect(held.reasons.join('; ')).toMatch(/top-3 feature 'HbA1c_level' drifted/);

    clock.advance(25 * 60_000); // 35 minutes after the promotion: the guard still waits, the hold is over
    await driftedTraffic(800, 4000);
    const after = await watchProduction({ registry, trainQueue, metrics, clock });
    expect(after.guard).toMatchObject({ status: 'wait', version: 'v0001' });
    expect(after).toMatchObject({ status: 'checked', action: 'retrain', train_requested: true });
  });

  it('judges a promotion on the same rows: a drift after it is not held against the new version', async () => {
    const { clock, registry, trainQueue, metrics, train, serve } = await loopWithProduction();
    await serve('v0001', 600, (_raw, original) => original);
    await runDriftCheck({ registry, trainQueue, metrics, clock }); // v0001's live quality, before the drift
    await ingestDataset({ datasets: registry.datasets, trainQueue }, diabetesSlice(), { ...FAST, seed: 7 });
    await train(trainQueue.sent.at(-1) as TrainMessage); // the same data, another seed: as good as v0001
    await registry.production.promote('v0002', { reason: 'a retrain, promoted by a test', actor: 'api' });
    clock.advance(60 * 60_000);
    await serve('v0002', 600, (raw, original) => (Number(raw.age) > 45 ? 1 - original : original)); // concept drift after the promotion

    const guarded = await guardProduction({ registry, clock, metrics });
    expect(guarded).toMatchObject({ status: 'keep', version: 'v0002' });
    const [, live, before] = /^v0002 live roc_auc ([\d.]+) on 600 labeled predictions vs v0001 ([\d.]+) on the same rows/.exec(guarded.reason) ?? [];
    expect(Number(live)).toBeGreaterThan(Number(before) * 0.95); // within the margin of v0001 on the same rows
    // v0001's own live figure from before the drift is far higher: judged against it, v0002 would have been rolled back.
    expect((await registry.quality.get('v0001'))!.live - Number(live)).toBeGreaterThan(0.1);
    expect((await registry.production.get())?.pointer.version).toBe('v0002');
  });

  it.each([
    ['recorded by a drift check', true],
    ['measured by the guard on what it served before the promotion', false],
  ])("rolls a bad forced promotion back once its live quality is worse than its predecessor's (%s)", async (_how, recorded) => {
    const { clock, registry, trainQueue, promoteQueue, metrics, train, decide, serve } = await loopWithProduction();
    await serve('v0001', 600, (_raw, original) => original);
    if (recorded) await runDriftCheck({ registry, trainQueue, metrics, clock }); // records v0001's live quality
    expect(await registry.quality.get('v0001')).toEqual(recorded ? expect.objectContaining({ version: 'v0001', rows: 600 }) : undefined);
    expect(await guardProduction({ registry, clock, metrics })).toMatchObject({ status: 'idle' });

    await ingestDataset({ datasets: registry.datasets, trainQueue }, shuffledLabelsCsv(diabetesSlice()), FAST);
    await train(trainQueue.sent.at(-1) as TrainMessage);
    const rejected = (await decide()).verdict;
    // Scored on the 600 labeled production rows (ground truth), which it never trained on.
    expect(rejected).toMatchObject({ version: 'v0002', decision: 'rejected', comparison: { rows: 600, holdout: { source: 'recent_labeled' } } });
    expect(rejected.reason).toMatch(/^not better: roc_auc [\d.]+ vs production [\d.]+ on the same 600 holdout rows/);
    expect(promoteQueue.sent).toHaveLength(2);
    await registry.production.promote('v0002', { reason: 'forced by a test', actor: 'api' });

    clock.advance(60 * 60_000);
    expect(await guardProduction({ registry, clock, metrics })).toMatchObject({ status: 'wait', version: 'v0002' });
    await serve('v0002', 600, (_raw, original) => original);
    const guarded = await guardProduction({ registry, clock, metrics });
    expect(guarded).toMatchObject({ status: 'rolled_back', version: 'v0002', reason: expect.stringMatching(/^post-promotion guard: v0002 live roc_auc .* on 600 labeled predictions vs v0001 [\d.]+ on the same rows /) });
    const pointer = (await registry.production.get())?.pointer;
    expect(pointer).toMatchObject({ version: 'v0001', actor: 'guard', reason: guarded.reason });
    expect(pointer?.history.map((e) => [e.kind, e.version, e.actor])).toEqual([
      ['promote', 'v0001', 'promote-queue'],
      ['promote', 'v0002', 'api'],
      ['rollback', 'v0001', 'guard'],
    ]);
    expect(metrics.total('alm_rollbacks_total', { trigger: 'guard' })).toBe(1);
    expect(await guardProduction({ registry, clock, metrics })).toMatchObject({ status: 'idle' }); // once
  });
});
