import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue } from '../lifecycle/ports.js';

/** A MessageQueue on SQS: JSON bodies; the queue URL is looked up by name once. */
export class SqsMessageQueue<T> implements MessageQueue<T> {
  private url: Promise<string> | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueName: string,
  ) {}

  async send(message: T): Promise<{ messageId: string }> {
    const QueueUrl = await this.queueUrl();
    const sent = await this.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(message) }));
    return { messageId: sent.MessageId ?? '' };
  }

  private queueUrl(): Promise<string> {
    this.url ??= this.sqs.send(new GetQueueUrlCommand({ QueueName: this.queueName })).then((r) => {
      if (!r.QueueUrl) throw new Error(`queue ${this.queueName} has no URL`);
      return r.QueueUrl;
    });
    this.url.catch(() => (this.url = undefined));
    return this.url;
  }
}
