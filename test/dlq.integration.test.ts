import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { RESOURCES } from '../shared/config/resources.js';
import { DeadLetterPeekSchema, RedriveResultSchema } from '../shared/ports/deadLetterQueue.js';
import { provisionResources } from '../local/provisionResources.js';
import { deadLetter, drainBodies, queueCounts, sendBodies } from './support/deadLetters.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';
import { runCli } from './support/runCli.js';

let moto: MotoServer;
let sqs: SQSClient;
const alm = (...args: string[]) => runCli(['dlq', ...args], { AWS_ENDPOINT_URL: moto.endpoint });
const peeks = (stdout: string) => DeadLetterPeekSchema.array().parse(JSON.parse(stdout));
const { train, promote, predictions } = RESOURCES.queues;

describe('alm dlq list / redrive against moto_server', () => {
  beforeAll(async () => {
    moto = await startMotoServer(RESOURCES.bucket);
    const clients = createAwsClients({ region: RESOURCES.region, endpoint: moto.endpoint, credentials: LOCAL_CREDENTIALS });
    await provisionResources(clients, RESOURCES);
    sqs = clients.sqs;
  });
  afterAll(async () => moto?.stop());

  it('lists every DLQ with its depth and the dead messages, and leaves them there', async () => {
    const poison = Array.from({ length: 23 }, (_, i) => `{"dataset_digest": "not a digest ${i}"`);
    await deadLetter(sqs, train, poison);
    await deadLetter(sqs, predictions, ['<not json>']);

    const all = alm('list', '--json');
    expect(all.code, all.stderr).toBe(0);
    const listed = peeks(all.stdout);
    expect(listed.map((p) => [p.dlq, p.depth, p.messages.length])).toEqual([
      [train.dlq, 23, 23],
      [promote.dlq, 0, 0],
      [predictions.dlq, 1, 1],
    ]);
    expect(listed[0].messages.map((m) => m.body).sort()).toEqual([...poison].sort());
    expect(new Set(listed[0].messages.map((m) => m.messageId)).size).toBe(23);
    expect(listed[0].messages.every((m) => m.receiveCount > train.maxReceiveCount && m.sentAt !== null)).toBe(true);
    expect(listed[2].messages[0].body).toBe('<not json>');

    // Still there, visible at once: the listing deleted nothing and hid nothing.
    expect(await queueCounts(sqs, train.dlq)).toEqual({ visible: 23, inFlight: 0 });
    const text = alm('list', 'alm-train');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${train.dlq} \\(DLQ of ${train.name}\\): 23 message\\(s\\)`));
    expect(text.stdout).toContain('not a digest 7');
    expect(text.stdout).not.toContain(predictions.dlq);
    const limited = peeks(alm('list', 'train', '--limit', '5', '--json').stdout)[0];
    expect([limited.messages.length, limited.truncated, limited.depth]).toEqual([5, true, 23]);
    expect(await queueCounts(sqs, train.dlq)).toEqual({ visible: 23, inFlight: 0 });
  });

  it('redrives a DLQ back to its queue: every message once, none lost, none duplicated', async () => {
    const before = peeks(alm('list', 'train', '--json').stdout)[0].messages.map((m) => m.body).sort();
    const run = alm('redrive', train.dlq, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(RedriveResultSchema.parse(JSON.parse(run.stdout))).toEqual({ queue: train.name, dlq: train.dlq, moved: 23, failed: [] });
    expect(await queueCounts(sqs, train.dlq)).toEqual({ visible: 0, inFlight: 0 });
    expect((await drainBodies(sqs, train.name)).sort()).toEqual(before);
    // The other DLQs are untouched; an empty DLQ redrives nothing.
    expect(await queueCounts(sqs, predictions.dlq)).toEqual({ visible: 1, inFlight: 0 });
    const empty = alm('redrive', 'promote');
    expect(empty).toMatchObject({ code: 0, stdout: `moved 0 message(s) from ${promote.dlq} back to ${promote.name}\n` });
  });

  it("a redrive adds the DLQ's messages to those already in the source queue, each once", async () => {
    await deadLetter(sqs, promote, ['{"version": 1}', '{"version": "v9"']);
    await sendBodies(sqs, promote.name, ['{"version":"v0001"}']);
    const run = alm('redrive', 'promote');
    expect(run).toMatchObject({ code: 0, stdout: `moved 2 message(s) from ${promote.dlq} back to ${promote.name}\n` });
    expect((await drainBodies(sqs, promote.name)).sort()).toEqual(['{"version": "v9"', '{"version": 1}', '{"version":"v0001"}']);
  });

  it('refuses an unknown queue or a bad command line with exit code 2 and one clear line', async () => {
    const unknown = alm('list', 'alm-nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`alm: unknown queue 'alm-nope': one of train (alm-train), promote (alm-promote), predictions (alm-predictions)\n`);
    expect(alm('redrive', 'nope')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown queue 'nope'") });
    expect(alm('redrive')).toMatchObject({ code: 2, stderr: expect.stringContaining('alm dlq redrive needs a queue') });
    expect(alm('purge', 'train')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: alm dlq list') });
    expect(alm('list', '--limit', 'many')).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit must be an integer') });
    expect(await queueCounts(sqs, predictions.dlq)).toEqual({ visible: 1, inFlight: 0 });
  });
});
