import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { createRowPredictor } from '../shared/automl/pipeline/rowPredictor.js';
import { decodePrediction } from '../shared/automl/pipeline/decodePrediction.js';
import { artifactFiles } from '../shared/automl/training/artifactFiles.js';
import { trainModel, type TrainingResult } from '../shared/automl/training/trainModel.js';
import { listReports, readReport } from '../shared/lifecycle/driftReports.js';
import type { TrainMessage } from '../shared/lifecycle/messages.js';
import { runDriftCheck } from '../shared/lifecycle/runDriftCheck.js';
import { createModelRegistry, type ModelRegistry } from '../shared/registry/modelRegistry.js';
import type { PredictionLogRecord } from '../shared/registry/schemas.js';
import { dataRecords, readData } from './support/datasets.js';
import { manualClock, testTrainingEnvironment, type ManualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { MemoryQueue } from './support/memoryQueue.js';
import { predictionIdAt } from './support/predictionLogFixtures.js';
import { RecordingMetrics } from './support/recordingMetrics.js';
import { driftCheckSettingsOf, runtimeConfigFromEnv } from '../shared/runtime/runtimeConfig.js';
import { diabetesSlice } from './support/servedModels.js';
import { NO_BACKOFF, metadata } from './support/registryFixtures.js';

const DATA = 'diabetes_prediction_dataset.csv';
const OPTIONS = { candidates: ['gradient_boosting' as const], cv_folds: 2 };
let trained: TrainingResult;

beforeAll(() => {
  trained = trainModel(parseCsv(diabetesSlice()), OPTIONS, testTrainingEnvironment());
});

async function setup(start = '2026-03-01T12:00:00.000Z') {
  const clock: ManualClock = manualClock(start);
  const registry: ModelRegistry = createModelRegistry(new MemoryObjectStore(), { clock, ...NO_BACKOFF });
  const trainQueue = new MemoryQueue<TrainMessage>();
  const metrics = new RecordingMetrics();
  const ports = { registry, trainQueue, metrics, clock };
  return { clock, registry, trainQueue, metrics, ports, check: (settings = {}) => runDriftCheck(ports, settings) };
}

async function register(registry: ModelRegistry): Promise<string> {
  const { digest } = await registry.datasets.put(diabetesSlice());
  const version = await registry.versions.register(artifactFiles(trained), metadata({ dataset_digest: digest, train_options: { ...OPTIONS, seed: 42, test_fraction: 0.2, refit: true } }));
  await registry.production.promote(version, { reason: 'test', actor: 'test' });
  return version;
}

/** Held-out rows (after the 2,000 trained on) served by `version` over the minute before `clock`, `edit` applied to each record. */
async function serve(registry: ModelRegistry, clock: ManualClock, version: string, count: number, edit = (r: Record<string, string | number>) => r, labeled = false) {
  const predict = createRowPredictor(trained.pipeline);
  const now = clock.now().getTime();
  const records: PredictionLogRecord[] = dataRecords(DATA, 2000, count).map((raw, i) => {
    const record = edit({ ...raw });
    delete record.diabetes;
    const at = new Date(now - 60_000 + Math.floor((i * 59_000) / count)).toISOString();
    const decoded = decodePrediction(trained.pipeline.target, trained.pipeline.threshold ?? 0.5, predict(record));
    return { prediction_id: predictionIdAt(at), model_version: version, timestamp: at, record, prediction: decoded.prediction, probability: decoded.probability };
  });
  await registry.predictions.writeBatch(records);
  if (labeled) {
    const lines = readData(DATA).trim().split('\n').slice(2001, 2001 + count);
    const actual = lines.map((line) => Number(line.slice(line.lastIndexOf(',') + 1)));
    await registry.labels.writeBatch(records.map((r, i) => ({ prediction_id: r.prediction_id, actual: actual[i], received_at: clock.now().toISOString() })));
  }
}

describe('runDriftCheck: production traffic against the stored reference', () => {
  it('says no_model before a production model, and reads the window', async () => {
    const { check } = await setup();
    expect(await check()).toEqual({ status: 'no_model' });
  });

  it('keeps on held-out traffic, and writes report, decision and state', async () => {
    const { registry, clock, check, trainQueue, metrics } = await setup();
    const version = await register(registry);
    await serve(registry, clock, version, 1000);
    const outcome = await check();
    expect(outcome).toMatchObject({ status: 'checked', action: 'keep', model_version: version, current_rows: 1000, train_requested: false });
    if (outcome.status !== 'checked') throw new Error('not checked');
    const document = await registry.drift.document(outcome.report_id);
    expect(document.model_rows).toBe(1000);
    expect(Object.keys(document.result.columns)).toEqual(trained.schema.features.map((f) => f.name));
    expect(document.result.prediction_drift?.status).toBe('checked');
    // The version's multivariate reference and calibration are read: both signals are in the result, neither fires.
    expect(document.result.multivariate_drift).toMatchObject({ status: 'checked', rows: 1000, drift: false });
    expect(document.result.estimated_performance).toMatchObject({ rows: 1000 });
    expect(Object.values(document.result.estimated_performance!.metrics).some((m) => m.drop)).toBe(false);
    expect(await registry.drift.decision(outcome.report_id)).toMatchObject({ action: 'keep', report_id: outcome.report_id, train_requested: false });
    expect(await registry.drift.state()).toMatchObject({ model_version: version, consecutive_drifted_windows: 0, last_report_id: outcome.report_id, last_retrain_at: null });
    expect(trainQueue.sent).toHaveLength(0);
    expect(metrics.total('alm_drift_checks_total', { action: 'keep' })).toBe(1);

    const listed = await listReports(registry);
    expect(listed).toEqual({ latest: outcome.report_id, reports: [{ id: outcome.report_id, html: `/reports/${outcome.report_id}`, json: `/reports/${outcome.report_id}.json` }] });
    const latest = await readReport(registry, 'latest');
    expect(latest.format).toBe('html');
    expect(latest.body).toContain('<svg class="histogram"');
    expect((await readReport(registry, `${outcome.report_id}.json`)).body).toEqual(document);
  });

  it('retrains when HbA1c_level shifts by +1 std, carrying the window; the cooldown holds the next one', async () => {
    const { registry, clock, check, trainQueue, metrics } = await setup();
    const version = await register(registry);
    const std = trained.featureStatistics.features.HbA1c_level;
    if (std.type !== 'numeric') throw new Error('HbA1c_level is numeric');
    const shift = (r: Record<string, string | number>) => ({ ...r, HbA1c_level: Number(r.HbA1c_level) + std.std });
    await serve(registry, clock, version, 1000, shift, true);
    const first = await check();
    expect(first).toMatchObject({ status: 'checked', action: 'retrain', train_requested: true });
    if (first.status !== 'checked') throw new Error('not checked');
    expect(first.reasons.join(' ')).toMatch(/HbA1c_level|prediction drift/);
    expect(trainQueue.sent).toHaveLength(1);
    const reference = (await registry.versions.manifest(version)).metadata.dataset_digest;
    const sent = trainQueue.sent[0];
    expect(sent).toMatchObject({
      options: { candidates: ['gradient_boosting'], cv_folds: 2 },
      trigger: { kind: 'drift', report_id: first.report_id, model_version: version, window: { to: clock.now().toISOString() }, reasons: first.reasons },
      data: { reference_digest: reference, holdout_digest: expect.stringMatching(/^[0-9a-f]{64}$/), recent_share: 0.5 },
    });
    // Which data went in: the 1,000 labeled production rows split into training rows and a
    // holdout, and as many reference rows as recent training rows (recent share 0.5).
    const data = sent.data!;
    expect(data.recent_rows + data.holdout_rows).toBe(1000);
    expect(data.holdout_rows).toBeGreaterThan(200);
    expect(data.reference_rows).toBe(data.recent_rows);
    const training = parseCsv((await registry.datasets.get(sent.dataset_digest))!);
    expect(training.nRows).toBe(data.reference_rows + data.recent_rows);
    expect(training.columns).toEqual(parseCsv(diabetesSlice()).columns);
    expect(parseCsv((await registry.datasets.get(data.holdout_digest!))!).nRows).toBe(data.holdout_rows);
    expect((await registry.drift.state())?.last_retrain_at).toBe(clock.now().toISOString());

    clock.advance(60_000);
    await serve(registry, clock, version, 1000, shift);
    const second = await check();
    expect(second).toMatchObject({ status: 'checked', action: 'keep', train_requested: false });
    if (second.status === 'checked') expect(second.reasons.join(' ')).toMatch(/cooldown/);
    expect(trainQueue.sent).toHaveLength(1);
    expect(metrics.total('alm_drift_checks_total')).toBe(2);
    expect(metrics.total('alm_retrains_total')).toBe(1);
    expect(await registry.drift.list(10)).toHaveLength(2);
  });

  it('is insufficient_data below the minimum rows, and a replay at the same instant changes nothing', async () => {
    const { registry, clock, check, trainQueue } = await setup();
    const version = await register(registry);
    await serve(registry, clock, version, 40);
    const outcome = await check({ minRows: 100 });
    expect(outcome).toMatchObject({ status: 'checked', action: 'insufficient_data', current_rows: 40 });
    expect(await check({ minRows: 100 })).toMatchObject({ status: 'already_checked' });
    expect(await registry.drift.list(10)).toHaveLength(1);
    expect(trainQueue.sent).toHaveLength(0);
  });

  it('reads only the window: older traffic is left out', async () => {
    const { registry, clock, check } = await setup();
    const version = await register(registry);
    await serve(registry, clock, version, 300);
    clock.advance(2 * 3_600_000);
    expect(await check({ windowMinutes: 60 })).toMatchObject({ action: 'insufficient_data', current_rows: 0 });
  });

  it('takes its window, tests and decision settings from the environment, a test per column included', async () => {
    const env = {
      ALM_DRIFT_WINDOW_MINUTES: '30',
      ALM_DRIFT_MIN_ROWS: '',
      ALM_DRIFT_COOLDOWN_MINUTES: '5',
      ALM_DRIFT_TESTS: '{"columns": {"bmi": {"stattest": "psi", "threshold": 0.2}}}',
      ALM_RETRAIN_RECENT_SHARE: '0.7',
      ALM_GUARD_MARGIN: '0.1',
    };
    const settings = driftCheckSettingsOf(runtimeConfigFromEnv(env));
    expect(settings).toEqual({
      windowMinutes: 30,
      tests: { drift_share: 0.5, columns: { bmi: { stattest: 'psi', threshold: 0.2 } } },
      retraining: { recentShare: 0.7 },
      quality: {},
      guard: { margin: 0.1 },
      decision: { cooldownMinutes: 5 },
    });
    expect(() => runtimeConfigFromEnv({ ALM_DRIFT_TESTS: '{columns' })).toThrow(/ALM_DRIFT_TESTS is not valid JSON/);
    expect(() => runtimeConfigFromEnv({ ALM_DRIFT_TESTS: '{"stattest": "t-test"}' })).toThrow(/stattest/);

    const { registry, clock, check } = await setup();
    const version = await register(registry);
    await serve(registry, clock, version, 300);
    const outcome = await check(settings);
    if (outcome.status !== 'checked') throw new Error('not checked');
    const { columns } = (await registry.drift.document(outcome.report_id)).result;
    expect(columns.bmi).toMatchObject({ stattest: 'psi', threshold: 0.2 });
    expect(columns.age.stattest).toBe('wasserstein');
  });
});
