import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueResource } from '../../shared/config/resources.js';

/** The queue's URL by name. */
export async function queueUrl(sqs: SQSClient, name: string): Promise<string> {
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl as string;
}

/** Visible and in-flight messages of a queue, as SQS counts them. */
export async function queueCounts(sqs: SQSClient, name: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: await queueUrl(sqs, name), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(Attributes?.ApproximateNumberOfMessages), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible) };
}

/** Sends `bodies` to a queue, ten per call. */
export async function sendBodies(sqs: SQSClient, name: string, bodies: readonly string[]): Promise<void> {
  const url = await queueUrl(sqs, name);
  for (let start = 0; start < bodies.length; start += 10) {
    const Entries = bodies.slice(start, start + 10).map((MessageBody, i) => ({ Id: String(i), MessageBody }));
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }));
    if (sent.Failed?.length) throw new Error(`send to ${name} failed: ${sent.Failed[0].Message}`);
  }
}

/**
 * Dead-letters `bodies` the way a failing consumer does: sends them to the source queue and
 * receives every message `maxReceiveCount` times without deleting it (visibility 0, so it is
 * back at once); SQS's redrive policy then moves each to the DLQ on the next receive.
 */
export async function deadLetter(sqs: SQSClient, queue: QueueResource, bodies: readonly string[]): Promise<void> {
  await sendBodies(sqs, queue.name, bodies);
  const url = await queueUrl(sqs, queue.name);
  const receives = new Map<string, number>();
  const deadline = Date.now() + 30_000;
  while ((await queueCounts(sqs, queue.dlq)).visible < bodies.length) {
    if (Date.now() > deadline) throw new Error(`messages did not reach ${queue.dlq}`);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    for (const m of Messages) receives.set(m.MessageId as string, (receives.get(m.MessageId as string) ?? 0) + 1);
  }
  const tooFew = [...receives.values()].filter((count) => count < queue.maxReceiveCount);
  if (tooFew.length) throw new Error(`${tooFew.length} message(s) reached ${queue.dlq} before ${queue.maxReceiveCount} receives`);
}

/** Receives and deletes every message of a queue; returns their bodies (each delivery once). */
export async function drainBodies(sqs: SQSClient, name: string): Promise<string[]> {
  const url = await queueUrl(sqs, name);
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 30, WaitTimeSeconds: 1 }));
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body as string));
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
  }
}
