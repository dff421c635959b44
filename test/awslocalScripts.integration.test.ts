import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { S3ObjectStore } from '../shared/aws/s3ObjectStore.js';
import { RESOURCES } from '../shared/config/resources.js';
import { eventKind } from '../shared/events/eventKind.js';
import { ScheduledEventSchema } from '../shared/events/scheduledEvent.js';
import { createModelRegistry, type ModelRegistry } from '../shared/registry/modelRegistry.js';
import { onPath } from '../local/processes.js';
import { provisionResources } from '../local/provisionResources.js';
import { awsCli, awslocalEnv, runScript, startLambdaStandIn } from './support/awslocalScripts.js';
import { deadLetter, drainBodies, queueCounts } from './support/deadLetters.js';
import { manualClock } from './support/manualClock.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';
import { logRecords } from './support/predictionLogFixtures.js';
import { files, metadata } from './support/registryFixtures.js';

let moto: MotoServer;
let sqs: SQSClient;
let registry: ModelRegistry;
const run = (script: string, ...args: string[]) => runScript(script, args, awslocalEnv(moto.endpoint));

describe('localstack/scripts: the AWS CLI view of the registry, the log and the queues, against moto_server', () => {
  beforeAll(async () => {
    expect(onPath('aws'), 'the AWS CLI is required: pip install awscli').toBe(true);
    expect(onPath('python3'), 'python3 is required by the scripts').toBe(true);
    moto = await startMotoServer(RESOURCES.bucket);
    const clients = createAwsClients({ region: RESOURCES.region, endpoint: moto.endpoint, credentials: LOCAL_CREDENTIALS });
    await provisionResources(clients, RESOURCES);
    sqs = clients.sqs;
    registry = createModelRegistry(new S3ObjectStore(clients.s3, RESOURCES.bucket), { clock: manualClock() });
  });
  afterAll(async () => moto?.stop());

  it('alm-versions.sh lists each version, complete or not, with its manifest figures', async () => {
    expect((await run('alm-versions.sh')).stdout.trim().split('\n')).toHaveLength(1); // the header alone: nothing registered
    await registry.versions.register(files('a'), metadata({ candidate: 'linear', test_score: 0.8123 }));
    await registry.versions.register(files('b'), metadata({ candidate: 'gradient_boosting', test_score: 0.9 }));
    await moto.client().send(new PutObjectCommand({ Bucket: RESOURCES.bucket, Key: 'models/v0003/claim.json', Body: '{}' }));
    const listed = await run('alm-versions.sh');
    expect(listed.code, listed.stderr).toBe(0);
    const rows = listed.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/));
    const manifests = [await registry.versions.manifest('v0001'), await registry.versions.manifest('v0002')];
    expect(rows).toEqual([
      ['v0001', 'yes', manifests[0].created_at, 'linear', 'roc_auc', '0.8123'],
      ['v0002', 'yes', manifests[1].created_at, 'gradient_boosting', 'roc_auc', '0.9000'],
      ['v0003', 'no', '-', '-', '-', '-'],
    ]);
  }, 300_000);

  it('alm-production.sh shows the pointer and its whole history', async () => {
    expect(await run('alm-production.sh')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^production: none yet/) });
    await registry.production.promote('v0001', { reason: 'first model', actor: 'promote-queue' });
    await registry.production.promote('v0002', { reason: 'better by 0.09', actor: 'api' });
    const pointer = await registry.production.rollback({ reason: 'worse live', actor: 'guard' });
    const shown = await run('alm-production.sh');
    expect(shown.code, shown.stderr).toBe(0);
    const [head, , , ...events] = shown.stdout.trim().split('\n');
    expect(head).toBe(`production: v0001 (sequence 3, previous v0002), since ${pointer.promoted_at} by guard: worse live`);
    expect(events.map((line) => line.split(/\s+/).slice(0, 4))).toEqual([
      ['1', 'promote', 'v0001', '-'],
      ['2', 'promote', 'v0002', 'v0001'],
      ['3', 'rollback', 'v0001', 'v0002'],
    ]);
    expect(JSON.parse((await run('alm-production.sh', '--json')).stdout)).toEqual(pointer);
  }, 300_000);

  it('alm-prediction-log.sh prints the newest records, oldest first, across objects and hours', async () => {
    const records = [...logRecords('2026-11-30T22:50:00.000Z', 4, 60_000), ...logRecords('2026-11-30T23:10:00.000Z', 3, 1000), ...logRecords('2026-12-01T00:05:00.000Z', 2, 1000)];
    await registry.predictions.writeBatch(records.slice(0, 4)); // two hours: two objects
    await registry.predictions.writeBatch(records.slice(4, 7));
    await registry.predictions.writeBatch(records.slice(7));
    const ids = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line).prediction_id);
    const tail = await run('alm-prediction-log.sh', '-n', '5');
    expect(tail.code, tail.stderr).toBe(0);
    expect(ids(tail.stdout)).toEqual(records.slice(-5).map((r) => r.prediction_id));
    expect(ids((await run('alm-prediction-log.sh')).stdout)).toEqual(records.map((r) => r.prediction_id));
    expect(await run('alm-prediction-log.sh', '-n', 'x')).toMatchObject({ code: 2, stderr: expect.stringContaining('-n needs a number') });
  }, 300_000);

  it('alm-dlq.sh lists the DLQs without deleting, and redrives one: every message back once', async () => {
    const { train, promote } = RESOURCES.queues;
    const poison = Array.from({ length: 12 }, (_, i) => `{"version": ${i}}`);
    await deadLetter(sqs, promote, poison);
    const listed = await run('alm-dlq.sh', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${train.dlq} (DLQ of ${train.name}): 0 message(s)`);
    expect(listed.stdout).toContain(`${promote.dlq} (DLQ of ${promote.name}): 12 message(s)`);
    const bodies = listed.stdout.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.split(/  +/).at(-1));
    expect(bodies.sort()).toEqual(poison.map((body) => JSON.stringify(body).slice(1, -1)).sort());
    expect(await queueCounts(sqs, promote.dlq)).toEqual({ visible: 12, inFlight: 0 });

    const redriven = await run('alm-dlq.sh', 'redrive', 'alm-promote');
    expect(redriven).toMatchObject({ code: 0, stdout: `moved 12 message(s) from ${promote.dlq} back to ${promote.name}\n` });
    expect(await queueCounts(sqs, promote.dlq)).toEqual({ visible: 0, inFlight: 0 });
    expect((await drainBodies(sqs, promote.name)).sort()).toEqual([...poison].sort());
    expect(await run('alm-dlq.sh', 'list', 'nope')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown queue 'nope'") });
    expect(await run('alm-dlq.sh', 'redrive')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
  }, 300_000);

  it('alm-drift-check.sh invokes drift-check with the event its schedule rule sends', async () => {
    let fail = false;
    const lambda = await startLambdaStandIn(() => (fail ? { body: { errorMessage: 'boom' }, error: 'Unhandled' } : { body: { action: 'insufficient_data' } }));
    try {
      const env = awslocalEnv(moto.endpoint, { AWSLOCAL_LAMBDA: awsCli(lambda.endpoint) });
      const checked = await runScript('alm-drift-check.sh', [], env);
      expect(checked, checked.stderr).toMatchObject({ code: 0, stdout: '{"action":"insufficient_data"}\n' });
      expect(lambda.invocations).toHaveLength(1);
      const [{ functionName, payload }] = lambda.invocations;
      expect(functionName).toBe(`${RESOURCES.service}-dev-drift-check`);
      expect(eventKind(payload)).toBe('schedule'); // the handler dispatches it as its schedule event
      expect(ScheduledEventSchema.parse(payload)).toBeTruthy();
      expect(payload).toMatchObject({ resources: [`arn:aws:events:${RESOURCES.region}:${RESOURCES.accountId}:rule/${RESOURCES.driftSchedule.rule}`] });
      fail = true;
      const failed = await runScript('alm-drift-check.sh', [], { ...env, ALM_STAGE: 'prod' });
      expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining(`${RESOURCES.service}-prod-drift-check failed (Unhandled)`) });
    } finally {
      await lambda.stop();
    }
  }, 300_000);

  it('without awslocal or $AWSLOCAL, a script says what to install', async () => {
    const env = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };
    const bare = await runScript('alm-versions.sh', [], env);
    expect(bare).toMatchObject({ code: 2, stderr: expect.stringContaining('awslocal not found') });
  });
});
