import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Resources } from '../config/resources.js';
import { queueUrlLookup } from './queueUrlLookup.js';

/** One queue's depth: SQS's `ApproximateNumberOfMessages` (visible messages). */
export interface QueueDepth {
  readonly queue: string;
  readonly kind: 'main' | 'dlq';
  readonly messages: number;
}

/**
 * Reads the depth of every queue of `config/resources.json` and of its dead-letter queue
 * (`GetQueueAttributes`, `ApproximateNumberOfMessages`), all at once; a queue that cannot be read
 * is left out of the answer (the sidecar counts it as a failed read).
 */
export function sqsQueueDepths(sqs: SQSClient, queues: Resources['queues']): () => Promise<{ depths: QueueDepth[]; failures: number }> {
  const targets = Object.values(queues).flatMap((queue) => [
    { queue: queue.name, kind: 'main' as const, url: queueUrlLookup(sqs, queue.name) },
    { queue: queue.dlq, kind: 'dlq' as const, url: queueUrlLookup(sqs, queue.dlq) },
  ]);
  return async () => {
    const results = await Promise.allSettled(
      targets.map(async (target) => {
        const answer = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: await target.url(), AttributeNames: ['ApproximateNumberOfMessages'] }));
        return { queue: target.queue, kind: target.kind, messages: Number(answer.Attributes?.ApproximateNumberOfMessages ?? 0) };
      }),
    );
    const depths = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    return { depths, failures: results.length - depths.length };
  };
}
