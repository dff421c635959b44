import { CreateQueueCommand, GetQueueUrlCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { BatchTooLargeError, SqsMessageBatchQueue } from '../shared/aws/sqsMessageBatchQueue.js';
import { QueueUnavailableError } from '../shared/ports/errors.js';
import { BufferedPredictionLog } from '../shared/serving/bufferedPredictionLog.js';
import { PredictionLogMessageSchema, type PredictionLogMessage } from '../shared/serving/predictionLogRecord.js';
import { freePort } from '../local/processes.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';
import { logRecords } from './support/predictionLogFixtures.js';
import { RecordingMetrics } from './support/recordingMetrics.js';

let moto: MotoServer;
let sqs: SQSClient;
let queues = 0;

const sqsOn = (endpoint: string) => createAwsClients({ region: 'us-east-1', endpoint, credentials: LOCAL_CREDENTIALS }).sqs;

/** A new queue on moto, and the batch adapter on it. */
async function newQueue(): Promise<{ name: string; queue: SqsMessageBatchQueue<PredictionLogMessage> }> {
  const name = `alm-predictions-test-${++queues}`;
  await sqs.send(new CreateQueueCommand({ QueueName: name }));
  return { name, queue: new SqsMessageBatchQueue<PredictionLogMessage>(sqs, name) };
}

/** Every body on the queue, received until it answers empty (hidden for 5 minutes once received, so each comes once). */
async function receiveAll(name: string): Promise<string[]> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }));
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body ?? ''));
  }
}

const idsIn = (bodies: readonly string[]) => bodies.flatMap((body) => PredictionLogMessageSchema.parse(JSON.parse(body)).records.map((r) => r.prediction_id));
const messagesOf = (count: number, size: number) =>
  Array.from({ length: count }, (_, i) => ({ records: logRecords(`2025-03-01T10:${String(i).padStart(2, '0')}:00.000Z`, size, 1000) }));

beforeAll(async () => {
  moto = await startMotoServer();
  sqs = sqsOn(moto.endpoint);
}, 30_000);

afterAll(async () => {
  sqs?.destroy();
  await moto?.stop();
});

describe('SqsMessageBatchQueue on moto_server', () => {
  it('sends 10 messages in one call: all 10 received, with every record', async () => {
    const { name, queue } = await newQueue();
    const messages = messagesOf(10, 3);
    expect(await queue.sendBatch(messages)).toEqual({ failed: [] });
    const bodies = await receiveAll(name);
    expect(bodies).toHaveLength(10);
    expect(idsIn(bodies).sort()).toEqual(messages.flatMap((m) => m.records.map((r) => r.prediction_id)).sort());
  });

  it('refuses, before calling SQS, a batch of 11 messages or of more than 256 KiB in all', async () => {
    const { name, queue } = await newQueue();
    const tooMany = queue.sendBatch(messagesOf(11, 1));
    await expect(tooMany).rejects.toBeInstanceOf(BatchTooLargeError);
    await expect(tooMany).rejects.toThrow(new RegExp(`^SendMessageBatch to ${name} refused: 11 messages of \\d+ bytes in all; at most 10 messages and 262144 bytes per call$`));
    const big = { records: logRecords('2025-03-01T10:00:00.000Z', 1, 1000).map((r) => ({ ...r, record: { note: 'x'.repeat(140_000) } })) };
    await expect(queue.sendBatch([big, big])).rejects.toThrow(/refused: 2 messages of \d+ bytes in all/);
    expect(await receiveAll(name)).toEqual([]);
  });

  it('writes U+FFFF (refused by SQS in a body) as a JSON escape: the body parses to the same message', async () => {
    const { name, queue } = await newQueue();
    const [record] = logRecords('2025-03-01T10:00:00.000Z', 1, 1000);
    const message = { records: [{ ...record, record: { note: 'a\uffffb' } }] };
    await queue.sendBatch([message]);
    const [body] = await receiveAll(name);
    expect(body).toContain('a\\uffffb');
    expect(JSON.parse(body)).toEqual(message);
  });

  it('fails a call to an unreachable endpoint with QueueUnavailableError, the SDK error as cause', async () => {
    const unreachable = sqsOn(`http://127.0.0.1:${await freePort()}`);
    const error = await new SqsMessageBatchQueue(unreachable, 'alm-predictions').sendBatch(messagesOf(1, 1)).catch((e: unknown) => e);
    unreachable.destroy();
    expect(error).toBeInstanceOf(QueueUnavailableError);
    expect((error as Error).message).toMatch(/^SendMessageBatch to alm-predictions failed: /);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('SqsMessageBatchQueue response mapping', () => {
  it('returns the entries SQS refused, or left out of its answer, with their index and reason', async () => {
    const answering = {
      send: async (command: unknown) =>
        command instanceof GetQueueUrlCommand
          ? { QueueUrl: 'http://queue' }
          : { Successful: [{ Id: '0' }, { Id: '3' }], Failed: [{ Id: '1', Code: 'InternalError', Message: 'try again', SenderFault: false }] },
    } as unknown as SQSClient;
    const result = await new SqsMessageBatchQueue(answering, 'q').sendBatch(messagesOf(4, 1));
    expect(result.failed).toEqual([
      { index: 1, reason: 'InternalError: try again' },
      { index: 2, reason: 'not in the SendMessageBatch response' },
    ]);
  });
});

describe('BufferedPredictionLog → SqsMessageBatchQueue → moto_server', () => {
  it('delivers N appended records, each exactly once', async () => {
    const { name, queue } = await newQueue();
    const metrics = new RecordingMetrics();
    const log = new BufferedPredictionLog({ queue, metrics, settings: { maxBatchRecords: 500, maxAgeMs: 20 } });
    const appended = logRecords('2025-03-01T10:00:00.000Z', 2_345, 100);
    for (let i = 0; i < appended.length; i += 100) log.append(appended.slice(i, i + 100));
    await log.drain();
    const bodies = await receiveAll(name);
    expect(idsIn(bodies).sort()).toEqual(appended.map((r) => r.prediction_id).sort());
    expect(log.stats()).toMatchObject({ sentRecords: 2_345, droppedRecords: 0, heldRecords: 0 });
    expect(metrics.total('prediction_log_records_sent_total')).toBe(2_345);
  });
});
