import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterPeek, DeadLetterQueue, RedriveResult } from '../ports/deadLetterQueue.js';
import { QueueUnavailableError } from '../ports/errors.js';
import { queueUrlLookup } from './queueUrlLookup.js';

/** How long a peeked or redriven message stays hidden from other consumers while this call holds it. */
const HOLD_SECONDS = 30;
/** Long-poll wait of each receive: a short poll may answer "empty" from a sample of SQS's hosts. */
const WAIT_SECONDS = 1;

/**
 * The dead-letter-queue port on SQS, with calls every SQS (moto_server, LocalStack, AWS) serves:
 * ReceiveMessage on the DLQ with a hold, then SendMessageBatch to the source queue and
 * DeleteMessageBatch of what was sent (as SQS's StartMessageMoveTask does, which moto does not
 * implement). Held messages that were not deleted are made visible again at the end
 * (ChangeMessageVisibility 0). Bodies and message attributes travel unchanged.
 */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  private readonly sourceUrl: () => Promise<string>;
  private readonly dlqUrl: () => Promise<string>;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queue: string,
    private readonly dlq: string,
  ) {
    this.sourceUrl = queueUrlLookup(sqs, queue);
    this.dlqUrl = queueUrlLookup(sqs, dlq);
  }

  async peek(limit: number): Promise<DeadLetterPeek> {
    return this.guard(`peek at ${this.dlq}`, async () => {
      const url = await this.dlqUrl();
      const attributes = await this.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      // One past the limit, to tell whether the limit cut the listing short.
      const held = new Map<string, Message>();
      try {
        while (held.size <= limit) {
          const batch = (await this.receive(url, Math.min(10, limit + 1 - held.size))).filter((m) => !held.has(m.MessageId ?? ''));
          if (batch.length === 0) break;
          for (const message of batch) held.set(message.MessageId ?? '', message);
        }
      } finally {
        await this.release(url, [...held.values()]);
      }
      return {
        queue: this.queue,
        dlq: this.dlq,
        depth: Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
        messages: [...held.values()].slice(0, limit).map(deadLetterOf),
        truncated: held.size > limit,
      };
    });
  }

  async redrive(): Promise<RedriveResult> {
    return this.guard(`redrive ${this.dlq} to ${this.queue}`, async () => {
      const [dlqUrl, sourceUrl] = [await this.dlqUrl(), await this.sourceUrl()];
      /** DLQ ids handled in this call, and the ids of the copies sent (a copy that fails again may come back). */
      const seen = new Set<string>();
      const kept: Message[] = [];
      const failed: RedriveResult['failed'] = [];
      let moved = 0;
      try {
        for (;;) {
          const received = await this.receive(dlqUrl, 10);
          const fresh = received.filter((m) => !seen.has(m.MessageId ?? ''));
          kept.push(...received.filter((m) => seen.has(m.MessageId ?? '')));
          if (fresh.length === 0) break;
          const sent = await this.sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: sourceUrl,
              Entries: fresh.map((m, index) => ({ Id: String(index), MessageBody: m.Body ?? '', ...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}) })),
            }),
          );
          const done: Message[] = [];
          for (const ok of sent.Successful ?? []) {
            done.push(fresh[Number(ok.Id)]);
            if (ok.MessageId) seen.add(ok.MessageId);
          }
          for (const [index, message] of fresh.entries()) {
            seen.add(message.MessageId ?? '');
            if (done.includes(message)) continue;
            const bad = sent.Failed?.find((f) => Number(f.Id) === index);
            failed.push({ messageId: message.MessageId ?? '', reason: bad ? `${bad.Code ?? 'Error'}: ${bad.Message ?? 'no message'}` : 'not in the SendMessageBatch response' });
            kept.push(message);
          }
          moved += await this.remove(dlqUrl, done);
        }
      } finally {
        await this.release(dlqUrl, kept);
      }
      return { queue: this.queue, dlq: this.dlq, moved, failed };
    });
  }

  private async receive(url: string, count: number): Promise<Message[]> {
    const answer = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: count,
        VisibilityTimeout: HOLD_SECONDS,
        WaitTimeSeconds: WAIT_SECONDS,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        MessageAttributeNames: ['All'],
      }),
    );
    return answer.Messages ?? [];
  }

  /** Deletes messages already sent to the source queue; one left behind would be sent twice by the next redrive, so that is an error. */
  private async remove(url: string, messages: Message[]): Promise<number> {
    if (messages.length === 0) return 0;
    const answer = await this.sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: url, Entries: messages.map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle })) }),
    );
    if (answer.Failed?.length) {
      throw new Error(`${answer.Failed.length} message(s) were sent to ${this.queue} but not deleted from ${this.dlq} (${answer.Failed[0].Code}): a new redrive would send them again`);
    }
    return messages.length;
  }

  private async release(url: string, messages: Message[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      const chunk = messages.slice(start, start + 10);
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: chunk.map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 })),
        }),
      );
    }
  }

  private async guard<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      throw new QueueUnavailableError(`${what} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    }
  }
}

function deadLetterOf(message: Message): DeadLetter {
  const sent = Number(message.Attributes?.SentTimestamp);
  return {
    messageId: message.MessageId ?? '',
    body: message.Body ?? '',
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    sentAt: Number.isFinite(sent) && sent > 0 ? new Date(sent).toISOString() : null,
  };
}
