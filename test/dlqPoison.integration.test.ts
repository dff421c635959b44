import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { RESOURCES } from '../shared/config/resources.js';
import { DeadLetterPeekSchema } from '../shared/ports/deadLetterQueue.js';
import { freePort } from '../local/processes.js';
import { queuesDrained } from '../local/queuesDrained.js';
import { startStack, type RunningStack } from '../local/startStack.js';
import { dataPath, firstRecord, readData, relabeledCsv } from './support/datasets.js';
import { queueCounts, queueUrl, sendBodies } from './support/deadLetters.js';
import { runCli, tempDir } from './support/runCli.js';
import { until } from './support/until.js';
import { awsCli, awslocalEnv, runScript } from './support/awslocalScripts.js';

const KEY = 'dlq-poison-test-key';
const RECORD = firstRecord('pima_indians_diabetes.csv');
const FAST_QUERY = '?candidates=linear&cv_folds=3';
/** A second dataset (labels a glucose threshold): its training run is the good message of the train and promote queues. */
const SECOND = relabeledCsv(readData('pima_indians_diabetes.csv'), (fields) => (Number(fields[1]) > 120 ? '1' : '0'));
/** Per queue: a body that is not JSON, and JSON that is not the queue's message. */
const POISON: Record<string, string[]> = {
  train: ['{"dataset_digest": "abc", "options": {', '{"dataset_digest": "not-a-digest", "options": {}}'],
  promote: ['promote v0001 please', '{"version": "../../etc/passwd"}'],
  predictions: ['<records/>', '{"records": [{"prediction_id": 42}]}'],
};
/** Seconds between receives of a failed message in this test (the stack's are 60 s and 960 s); the redrive policy is the real one. */
const TEST_VISIBILITY_SECONDS = 2;
/** More than serverless-offline-sqs's long-poll wait (WaitTimeSeconds 5). */
const POLL_WAIT_MS = 8_000;

let stack: RunningStack;
let sqs: SQSClient;
let s3: S3Client;
let lambdaPort: number;
const startLog: string[] = [];

async function api(method: string, path: string, body?: string) {
  const response = await fetch(`${stack.apiUrl}${path}`, { method, body, headers: { 'content-type': method === 'POST' && path.startsWith('/ingest') ? 'text/csv' : 'application/json', 'x-api-key': KEY } });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function predictionLogText(): Promise<string> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: RESOURCES.bucket, Prefix: 'predictions/' }));
  const texts = await Promise.all((listed.Contents ?? []).map(async ({ Key }) => (await s3.send(new GetObjectCommand({ Bucket: RESOURCES.bucket, Key }))).Body!.transformToString()));
  return texts.join('');
}

/** Every queue's and DLQ's counts, for a failure message. */
async function allCounts(): Promise<string> {
  const names = Object.values(RESOURCES.queues).flatMap((q) => [q.name, q.dlq]);
  return JSON.stringify(Object.fromEntries(await Promise.all(names.map(async (name) => [name, await queueCounts(sqs, name)]))));
}

/** `until`, whose timeout names every queue's counts. */
async function untilQueues<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  try {
    return await until(what, probe, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; queues: ${await allCounts()}`);
  }
}

describe('poison messages on every queue of the running stack (moto_server + serverless-offline) reach its DLQ', () => {
  beforeAll(async () => {
    process.env.ALM_API_KEY = KEY;
    delete process.env.AWS_ENDPOINT_URL;
    let apiPort: number, awsPort: number, metricsPort: number;
    [apiPort, lambdaPort, awsPort, metricsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    stack = await startStack({
      apiPort,
      lambdaPort,
      awsPort,
      metricsPort,
      monitoring: false,
      bootstrapCsv: dataPath('pima_indians_diabetes.csv'),
      bootstrapQuery: FAST_QUERY,
      logDir: tempDir('alm-dlq-stack-'),
      bootstrapTimeoutMs: 240_000,
      log: (line) => startLog.push(line),
    });
    const clients = createAwsClients({ region: RESOURCES.region, endpoint: stack.endpoint.url, credentials: LOCAL_CREDENTIALS });
    [sqs, s3] = [clients.sqs, clients.s3];
    for (const queue of Object.values(RESOURCES.queues)) {
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl: await queueUrl(sqs, queue.name), Attributes: { VisibilityTimeout: String(TEST_VISIBILITY_SECONDS) } }));
    }
    // A receive takes the queue's visibility when it begins: let the pollers' long polls (5 s) begun before the change end.
    await new Promise((resolve) => setTimeout(resolve, POLL_WAIT_MS));
  }, 420_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('each malformed message lands in its queue’s DLQ after maxReceiveCount receives, while good messages flow', async () => {
    expect(stack.productionVersion, startLog.join('\n')).toBe('v0001');
    for (const [key, bodies] of Object.entries(POISON)) await sendBodies(sqs, RESOURCES.queues[key as keyof typeof RESOURCES.queues].name, bodies);
    // Good messages on every queue at the same time: a prediction (→ alm-predictions → the log in S3),
    // a new dataset (→ alm-train → v0002 → alm-promote → its verdict), a promote message already decided (a no-op).
    const predicted = await api('POST', '/predict', JSON.stringify(RECORD));
    expect(predicted.status).toBe(200);
    expect((await api('POST', `/ingest${FAST_QUERY}`, SECOND)).status).toBe(202);
    await sendBodies(sqs, RESOURCES.queues.promote.name, ['{"version":"v0001"}']);

    for (const queue of Object.values(RESOURCES.queues)) {
      await untilQueues(`2 messages in ${queue.dlq}`, async () => ((await queueCounts(sqs, queue.dlq)).visible >= 2 ? true : undefined), 120_000);
    }
    const verdict = await until('a verdict on v0002', async () => (await api('GET', '/status')).json.candidates.find((c: any) => c.version === 'v0002')?.verdict ?? undefined, 120_000);
    expect(['promoted', 'rejected']).toContain(verdict.decision);
    const id = predicted.json.predictions[0].prediction_id as string;
    await until('the prediction in the log', async () => ((await predictionLogText()).includes(id) ? true : undefined), 60_000);
    await untilQueues('queues drained', async () => ((await queuesDrained(sqs)) ? true : undefined), 60_000);

    // Exactly the poison, each message once, in its own queue's DLQ, as `alm dlq list` shows it.
    const listed = runCli(['dlq', 'list', '--json'], { AWS_ENDPOINT_URL: stack.endpoint.url });
    expect(listed.code, listed.stderr).toBe(0);
    const peeks = DeadLetterPeekSchema.array().parse(JSON.parse(listed.stdout));
    for (const [key, bodies] of Object.entries(POISON)) {
      const queue = RESOURCES.queues[key as keyof typeof RESOURCES.queues];
      const peek = peeks.find((p) => p.queue === queue.name)!;
      expect(peek.messages.map((m) => m.body).sort(), queue.dlq).toEqual([...bodies].sort());
      expect(peek.messages.every((m) => m.receiveCount > queue.maxReceiveCount), queue.dlq).toBe(true);
    }
  }, 360_000);

  it('a redriven poison message is tried again and dead-letters again: nothing lost', async () => {
    const run = runCli(['dlq', 'redrive', 'promote'], { AWS_ENDPOINT_URL: stack.endpoint.url });
    expect(run).toMatchObject({ code: 0, stdout: `moved 2 message(s) from ${RESOURCES.queues.promote.dlq} back to ${RESOURCES.queues.promote.name}\n` });
    expect((await queueCounts(sqs, RESOURCES.queues.promote.dlq)).visible).toBe(0);
    await untilQueues('the promote poison back in its DLQ', async () => ((await queueCounts(sqs, RESOURCES.queues.promote.dlq)).visible === 2 ? true : undefined), 90_000);
    await untilQueues('queues drained', async () => ((await queuesDrained(sqs)) ? true : undefined), 60_000);
    expect(await queueCounts(sqs, RESOURCES.queues.promote.dlq)).toEqual({ visible: 2, inFlight: 0 });
  }, 180_000);

  it('localstack/scripts/alm-drift-check.sh runs a drift check on the stack, as its schedule does', async () => {
    const env = awslocalEnv(stack.endpoint.url, { AWSLOCAL_LAMBDA: awsCli(`http://127.0.0.1:${lambdaPort}`) });
    const checked = await runScript('alm-drift-check.sh', [], env);
    expect(checked.code, checked.stderr).toBe(0);
    const outcome = JSON.parse(checked.stdout);
    expect(outcome).toHaveProperty('guard'); // the schedule branch of drift-check answered: its outcome and the guard's
  }, 180_000);
});
