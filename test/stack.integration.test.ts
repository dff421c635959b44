import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { SqsMessageQueue } from '../shared/aws/sqsMessageQueue.js';
import { RESOURCES } from '../shared/config/resources.js';
import { parseTrainOptions } from '../shared/automl/training/prepareDataset.js';
import { sha256Hex } from '../shared/lifecycle/datasetStore.js';
import type { PromoteMessage, TrainMessage } from '../shared/lifecycle/messages.js';
import { freePort } from '../local/processes.js';
import { startStack, type RunningStack } from '../local/startStack.js';
import { dataPath, readData } from './support/datasets.js';
import { runCli, tempDir } from './support/runCli.js';

const KEY = 'integration-test-key';
const RECORD = { NumTimesPrg: 6, PlGlcConc: 148, BloodP: 72, SkinThick: 35, TwoHourSerIns: 0, BMI: 33.6, DiPedFunc: 0.627, Age: 50 };

let stack: RunningStack;
let sqs: SQSClient;
let logDir: string;

async function api(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.apiUrl}${path}`, { method, body, headers });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Both queues empty, nothing in flight: every message has been handled. */
async function queuesDrained(): Promise<true | undefined> {
  for (const queue of Object.values(RESOURCES.queues)) {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    if (Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible) > 0) return undefined;
  }
  return true;
}

describe('the local stack: moto_server + serverless-offline, started as npm start does', () => {
  beforeAll(async () => {
    process.env.ALM_API_KEY = KEY;
    delete process.env.AWS_ENDPOINT_URL;
    const [apiPort, lambdaPort, awsPort] = [await freePort(), await freePort(), await freePort()];
    logDir = tempDir('alm-stack-');
    stack = await startStack({ apiPort, lambdaPort, awsPort, bootstrapCsv: dataPath('pima_indians_diabetes.csv'), logDir, log: () => {} });
    sqs = createAwsClients({ region: RESOURCES.region, endpoint: stack.endpoint.url, credentials: LOCAL_CREDENTIALS }).sqs;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('bootstraps v0001 and serves it: GET /health 200, POST /predict', async () => {
    expect(stack.productionVersion).toBe('v0001');
    const health = await api('GET', '/health');
    expect(health).toMatchObject({ status: 200, json: { status: 'ok', model_version: 'v0001', last_reload_error: null } });
    const predicted = await api('POST', '/predict', JSON.stringify(RECORD));
    expect(predicted.status).toBe(200);
    expect(predicted.json.model_version).toBe('v0001');
    expect(predicted.json.predictions[0]).toMatchObject({ prediction: expect.stringMatching(/^[01]$/), probability: expect.any(Number) });
  });

  it('refuses bad requests with a clear 4xx', async () => {
    expect((await api('POST', '/ingest', 'a,b\n1,2\n', { 'content-type': 'text/csv' })).status).toBe(401);
    const bad = await api('POST', '/ingest', 'a,b,label\n1,2\n', { 'content-type': 'text/csv', 'x-api-key': KEY });
    expect(bad).toMatchObject({ status: 400, json: { message: expect.stringMatching(/row 1 \(line 2\) has 2 field/) } });
    expect((await api('POST', '/predict', '{"BMI": 30}')).status).toBe(400);
    expect((await api('POST', '/promote', '{"version":"../x","reason":"r"}', { 'x-api-key': KEY })).status).toBe(400);
  });

  it('ingest answers 202, a new version is registered and judged; a promotion is served with no restart', async () => {
    const csv = readData('pima_indians_diabetes.csv').trim().split('\n').slice(0, 700).join('\n') + '\n';
    const ingested = await api('POST', '/ingest?seed=7', csv, { 'content-type': 'text/csv', 'x-api-key': KEY });
    expect(ingested).toMatchObject({ status: 202, json: { status: 'queued', rows: 699, task: 'binary' } });

    const judged = await until('v0002 with a verdict', async () => {
      const status = await api('GET', '/status');
      return status.json.candidates.find((c: any) => c.version === 'v0002' && c.verdict)?.verdict;
    });
    expect(['promoted', 'rejected']).toContain(judged.decision);

    await api('POST', '/promote', JSON.stringify({ version: 'v0002', reason: 'integration test' }), { 'x-api-key': KEY });
    const served = await until('v0002 served', async () => {
      const predicted = await api('POST', '/predict', JSON.stringify({ records: [RECORD] }));
      return predicted.json.model_version === 'v0002' ? predicted : undefined;
    }, 15_000);
    expect(served.status).toBe(200);

    const rolledBack = await api('POST', '/rollback', JSON.stringify({ reason: 'integration test' }), { 'x-api-key': KEY });
    expect(rolledBack.json).toMatchObject({ version: 'v0001', previous: 'v0002' });
    const history = (await api('GET', '/status')).json.production.history.map((e: any) => [e.kind, e.version]);
    expect(history).toEqual([['promote', 'v0001'], ['promote', 'v0002'], ['rollback', 'v0001']]);
  }, 120_000);

  it('alm status, versions, promote and rollback work against the running stack', () => {
    const env = { ALM_API_URL: stack.apiUrl, ALM_API_KEY: KEY };
    const status = runCli(['status'], env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^production: v0001 \((linear|gradient_boosting|random_forest|decision_tree), test roc_auc 0\.\d+\)/);
    expect(status.stdout).toMatch(/v0002\s+yes\s+\S+\s+0\.\d+\s+(promoted|rejected)/);
    const versions = runCli(['versions'], env);
    expect(versions.stdout).toMatch(/v0001\s+yes/);
    expect(runCli(['promote', 'v0002', '--reason', 'cli test'], env).stdout).toMatch(/^production: v0002 \(sequence 4, previous v0001\)/);
    expect(runCli(['rollback', '--reason', 'cli test'], env).stdout).toMatch(/^production: v0001 \(rolled back from v0002, sequence 5\)/);
    const refused = runCli(['promote', 'v0002', '--reason', 'x'], { ...env, ALM_API_KEY: 'wrong' });
    expect(refused).toMatchObject({ code: 2, stderr: 'alm: POST /promote failed with 401: invalid API key\n' });
  });

  it('a replayed train message and a replayed promote message change nothing', async () => {
    await until('queues drained', queuesDrained);
    const before = await api('GET', '/status');
    const csv = readData('pima_indians_diabetes.csv');
    const replay: TrainMessage = { dataset_digest: sha256Hex(csv), options: parseTrainOptions({}), requested_at: new Date().toISOString() };
    const trainQueue = new SqsMessageQueue<TrainMessage>(sqs, RESOURCES.queues.train.name);
    const promoteQueue = new SqsMessageQueue<PromoteMessage>(sqs, RESOURCES.queues.promote.name);
    await trainQueue.send(replay);
    await trainQueue.send(replay);
    await promoteQueue.send({ version: 'v0001' });
    await promoteQueue.send({ version: 'v0002' });
    await new Promise((r) => setTimeout(r, 2000));
    await until('queues drained', queuesDrained);
    const after = await api('GET', '/status');
    expect(after.json.versions).toBe(before.json.versions);
    expect(after.json.production).toEqual(before.json.production);
    expect(after.json.candidates).toEqual(before.json.candidates);
    const log = readFileSync(join(logDir, 'offline.log'), 'utf8');
    expect(log.match(/"status":"already_registered","version":"v0001"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(log).toMatch(/"version":"v0002".*"decidedNow":false,"promotedNow":false/);
  }, 120_000);
});
