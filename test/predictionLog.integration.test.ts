import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../shared/aws/s3ObjectStore.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { labeledPredictions } from '../shared/serving/labeledPredictions.js';
import { recordFeedback } from '../shared/serving/recordFeedback.js';
import { storePredictionLog } from '../shared/serving/storePredictionLog.js';
import { manualClock } from './support/manualClock.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';
import { BINARY_01, logRecords, predictionIdAt, window } from './support/predictionLogFixtures.js';
import { RecordingMetrics } from './support/recordingMetrics.js';

let moto: MotoServer;
let s3: S3Client;

beforeAll(async () => {
  moto = await startMotoServer();
  s3 = moto.client();
}, 30_000);

afterAll(async () => {
  s3?.destroy();
  await moto?.stop();
});

describe('prediction log and ground truth on moto_server', () => {
  it('keeps exactly N predictions over batches (one replayed, one overlapping), joins the labeled subset and counts orphans', async () => {
    const store = new S3ObjectStore(s3, moto.bucket);
    const clock = manualClock('2025-03-02T08:00:00.000Z');
    const registry = createModelRegistry(store, { clock });
    const N = 120;
    const logged = logRecords('2025-03-01T08:40:00Z', N, 60_000); // 08:40 … 10:39, three hourly partitions
    const batches = [logged.slice(0, 50), logged.slice(50, 90), logged.slice(90)];
    for (const records of batches) await storePredictionLog(registry, { records });
    expect(await storePredictionLog(registry, { records: batches[1] })).toEqual({ written: 0, alreadyPresent: 2 });
    await storePredictionLog(registry, { records: logged.slice(85, 95) }); // a resend grouped differently

    const subset = logged.filter((_, i) => i % 7 === 0);
    const actualOf = (i: number) => (i % 2 === 0 ? 1 : 0);
    const orphans = [predictionIdAt('2025-03-01T09:05:00Z'), predictionIdAt('2025-03-01T10:15:00Z'), predictionIdAt('2025-03-01T10:16:00Z')];
    const ports = { labels: registry.labels, clock, metrics: new RecordingMetrics() };
    const records = [...subset.map((p, i) => ({ prediction_id: p.prediction_id, actual: actualOf(i) })), ...orphans.map((prediction_id) => ({ prediction_id, actual: 1 }))];
    expect(await recordFeedback(ports, BINARY_01, { records })).toEqual({ accepted: subset.length + orphans.length });

    const joined = await labeledPredictions(registry, window('2025-03-01T08:00:00Z', '2025-03-01T11:00:00Z'));
    expect(joined.predictions).toBe(N);
    expect(joined.duplicates).toBe(10);
    expect(joined.rows.map((row) => row.prediction.prediction_id).sort()).toEqual(subset.map((p) => p.prediction_id).sort());
    expect(Object.fromEntries(joined.rows.map((row) => [row.prediction.prediction_id, row.actual]))).toEqual(
      Object.fromEntries(subset.map((p, i) => [p.prediction_id, actualOf(i)])),
    );
    expect(joined.rows.every((row) => row.labeled_at === '2025-03-02T08:00:00.000Z')).toBe(true);
    expect({ labels: joined.labels, orphans: joined.orphans }).toEqual({ labels: subset.length + orphans.length, orphans: orphans.length });
    const keys = await store.list('predictions/');
    expect(new Set(keys.map((key) => key.split('/')[2]))).toEqual(new Set(['hour=08', 'hour=09', 'hour=10']));
  });
});
