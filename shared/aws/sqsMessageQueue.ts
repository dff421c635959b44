import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue } from '../ports/messageQueue.js';
import { QueueUnavailableError } from '../ports/errors.js';
import { queueUrlLookup } from './queueUrlLookup.js';

/**
 * The message-queue port on SQS: JSON bodies; the queue URL is looked up by name once (again
 * after a failed lookup). Any SDK failure is a QueueUnavailableError with the SDK error as `cause`.
 */
export class SqsMessageQueue<T> implements MessageQueue<T> {
  private readonly queueUrl: () => Promise<string>;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueName: string,
  ) {
    this.queueUrl = queueUrlLookup(sqs, queueName);
  }

  async send(message: T): Promise<{ messageId: string }> {
    try {
      const QueueUrl = await this.queueUrl();
      const sent = await this.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(message) }));
      return { messageId: sent.MessageId ?? '' };
    } catch (cause) {
      throw new QueueUnavailableError(`SendMessage to ${this.queueName} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    }
  }
}
