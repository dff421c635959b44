import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../shared/aws/s3ObjectStore.js';
import { RESOURCES } from '../shared/config/resources.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { partitionPrefix } from '../shared/registry/keys.js';
import { freePort } from '../local/processes.js';
import { startStack, type RunningStack } from '../local/startStack.js';
import { dataPath, firstRecord } from './support/datasets.js';
import { startFaultProxy, type FaultProxy } from './support/faultProxy.js';
import { manualClock } from './support/manualClock.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';
import { predictionIdAt } from './support/predictionLogFixtures.js';
import { tempDir } from './support/runCli.js';
import { until } from './support/until.js';

const KEY = 'accounting-test-key';
const RECORD = firstRecord('pima_indians_diabetes.csv');
const REQUESTS = 120;
const SEND_BATCH = 'AmazonSQS.SendMessageBatch';

let moto: MotoServer;
let proxy: FaultProxy;
let stack: RunningStack;
const started = new Date();

/**
 * The fault schedule of SendMessageBatch calls through the proxy: calls 2–4 fail in a row (more
 * than the SDK's own 3 attempts, so the prediction log's backoff must retry), then every 7th.
 */
let batchCalls = 0;
function injectFault(operation: string): boolean {
  if (operation !== SEND_BATCH) return false;
  batchCalls += 1;
  return (batchCalls >= 2 && batchCalls <= 4) || batchCalls % 7 === 0;
}

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.apiUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as any };
}

/** Every logged prediction in S3, and the raw number of NDJSON lines under `predictions/`. */
async function loggedInS3() {
  const store = new S3ObjectStore(moto.client(), RESOURCES.bucket);
  const registry = createModelRegistry(store, { clock: manualClock() });
  const read = await registry.predictions.read({ from: new Date(started.getTime() - 3_600_000), to: new Date(Date.now() + 3_600_000) });
  let lines = 0;
  for (const key of await store.list(partitionPrefix('predictions'))) lines += (await store.get(key))!.body.trim().split('\n').length;
  return { ids: read.records.map((r) => r.prediction_id), duplicates: read.duplicates, lines };
}

describe('every accepted prediction is logged exactly once, through SQS faults', () => {
  beforeAll(async () => {
    moto = await startMotoServer(RESOURCES.bucket);
    proxy = await startFaultProxy(moto.endpoint, ({ operation }) => injectFault(operation));
    Object.assign(process.env, {
      ALM_API_KEY: KEY,
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ENDPOINT_URL_SQS: proxy.url, // the functions' SQS calls go through the fault proxy
      ALM_LOG_MAX_AGE_MS: '200',
      ALM_LOG_BATCH_RECORDS: '25', // small batches: many SendMessageBatch calls for the faults to hit
      ALM_LOG_RECORDS_PER_MESSAGE: '10',
      ALM_LOG_RETRY_BASE_MS: '50',
      ALM_LOG_RETRY_ATTEMPTS: '8',
      ALM_DRIFT_SCHEDULE: 'rate(1 day)', // no drift check (nor a retrain it might ask for) during the count
    });
    const [apiPort, lambdaPort] = [await freePort(), await freePort()];
    const log = tempDir('alm-accounting-');
    // A linear model in seconds: what is counted here is the prediction log, not the model.
    stack = await startStack({ apiPort, lambdaPort, metricsPort: await freePort(), monitoring: false, bootstrapCsv: dataPath('pima_indians_diabetes.csv'), bootstrapQuery: '?candidates=linear&cv_folds=3', logDir: log, log: () => {} });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await proxy?.close();
    await moto?.stop();
    for (const name of Object.keys(process.env).filter((n) => n.startsWith('ALM_LOG_') || n.startsWith('AWS_ENDPOINT_URL') || n === 'ALM_DRIFT_SCHEDULE')) delete process.env[name];
  }, 30_000);

  it('N predictions served leave exactly N log records in S3, none lost, none duplicated', async () => {
    const served: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const size = (i % 7) + 1;
      const body = size === 1 ? { ...RECORD, Age: 20 + i } : { records: Array.from({ length: size }, (_, k) => ({ ...RECORD, Age: 20 + k })) };
      const answer = await api('POST', '/predict', body);
      expect(answer.status).toBe(200);
      served.push(...answer.json.predictions.map((p: { prediction_id: string }) => p.prediction_id));
    }
    expect(new Set(served).size).toBe(served.length);

    const logged = await until('every prediction in S3', async () => {
      const now = await loggedInS3();
      return now.ids.length >= served.length ? now : undefined;
    });
    expect(logged.ids.sort()).toEqual([...served].sort());
    expect(logged.duplicates).toBe(0);
    expect(logged.lines).toBe(served.length);
    // The faults really happened, including a run longer than the SDK's own retries.
    const seen = JSON.stringify({ injected: [...proxy.injected], forwarded: [...proxy.forwarded] });
    expect(proxy.injected.get(SEND_BATCH) ?? 0, seen).toBeGreaterThanOrEqual(4);
    expect(proxy.forwarded.get(SEND_BATCH) ?? 0, seen).toBeGreaterThan(0);
  }, 120_000);

  it('feedback for a subset is joined to exactly those predictions; unknown ids are orphans', async () => {
    const { ids } = await loggedInS3();
    const subset = ids.filter((_, i) => i % 3 === 0);
    const orphans = [predictionIdAt(new Date().toISOString()), predictionIdAt(new Date().toISOString())];
    const answer = await api('POST', '/feedback', { records: [...subset, ...orphans].map((prediction_id, i) => ({ prediction_id, actual: i % 2 })) });
    expect(answer).toMatchObject({ status: 200, json: { accepted: subset.length + 2 } });
    const bad = await api('POST', '/feedback', { records: [{ prediction_id: 'not-an-id', actual: 1 }, { prediction_id: subset[0], actual: 'maybe' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.details.map((d: { index: number; field: string }) => [d.index, d.field])).toEqual([
      [0, 'prediction_id'],
      [1, 'actual'],
    ]);
    const status = await api('GET', '/status');
    expect(status.json.feedback).toEqual({ window_hours: 24, predictions: ids.length, labeled: subset.length, orphans: 2 });
  }, 60_000);
});
