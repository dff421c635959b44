/**
 * The stack's SQS queues as the heal benchmark sees them: `queuesDrained` (every queue empty,
 * nothing in flight, as the stack test checks it) and `waitForDrained` (two such looks in a row).
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { RESOURCES } from '../../shared/config/resources.js';

export async function queuesDrained(sqs: SQSClient): Promise<boolean> {
  for (const queue of Object.values(RESOURCES.queues)) {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    if (Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible) > 0) return false;
  }
  return true;
}

/** Waits until the queues are drained on two looks a second apart; returns the seconds waited, or throws after `timeoutMs`. */
export async function waitForDrained(sqs: SQSClient, timeoutMs = 180_000): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (Date.now() - started < timeoutMs) {
    quiet = (await queuesDrained(sqs)) ? quiet + 1 : 0;
    if (quiet >= 2) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the queues were not drained after ${(timeoutMs / 1000).toFixed(0)} s`);
}
