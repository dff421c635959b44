import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageBatchQueue } from '../ports/messageBatchQueue.js';
import { queueUrlLookup } from './queueUrlLookup.js';
import { PortError, QueueUnavailableError } from '../ports/errors.js';

/** SQS's limits on one SendMessageBatch call: 10 entries, and 256 KiB for the sum of their bodies. */
export const SQS_MAX_BATCH_ENTRIES = 10;
export const SQS_MAX_BATCH_BYTES = 262_144;

/**
 * A batch the adapter refuses before calling SQS: more entries than `maxBatchSize`, or bodies
 * whose UTF-8 sizes sum past `maxBatchBytes`. A caller's mistake, not an outage: the prediction
 * log packs its calls within both limits, so it never sees this.
 */
export class BatchTooLargeError extends PortError {}

/**
 * The batch message-queue port on SQS SendMessageBatch. JSON bodies; the queue URL is looked up
 * by name once (again after a failed lookup).
 * - At most 10 messages per call, and at most `maxBatchBytes` (SQS's 256 KiB by default; AWS now
 *   accepts up to 1 MiB, but 256 KiB holds everywhere) for all bodies together. A batch past
 *   either is refused with `BatchTooLargeError` before any request: it is never split here, since
 *   the caller decides what travels together (the prediction log retries whole messages).
 * - An entry SQS does not accept (`Failed` in the response, or missing from it) is returned in
 *   `failed` with its index and `Code: Message`; the others are queued.
 * - A call that fails whole (network, credentials, no such queue) is a QueueUnavailableError with
 *   the SDK error as `cause`.
 * U+FFFE and U+FFFF, which SQS refuses in a body, are written as JSON escapes (`\uffff`): the body
 * parses to the same value.
 */
export class SqsMessageBatchQueue<T> implements MessageBatchQueue<T> {
  readonly maxBatchSize = SQS_MAX_BATCH_ENTRIES;
  private readonly queueUrl: () => Promise<string>;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueName: string,
    readonly maxBatchBytes = SQS_MAX_BATCH_BYTES,
  ) {
    this.queueUrl = queueUrlLookup(sqs, queueName);
  }

  async sendBatch(messages: readonly T[]): Promise<{ failed: { index: number; reason: string }[] }> {
    if (messages.length === 0) return { failed: [] };
    const bodies = messages.map(sqsMessageBody);
    const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
    if (messages.length > this.maxBatchSize || bytes > this.maxBatchBytes) {
      throw new BatchTooLargeError(
        `SendMessageBatch to ${this.queueName} refused: ${messages.length} messages of ${bytes} bytes in all; ` +
          `at most ${this.maxBatchSize} messages and ${this.maxBatchBytes} bytes per call`,
      );
    }
    let response;
    try {
      const QueueUrl = await this.queueUrl();
      const Entries = bodies.map((MessageBody, index) => ({ Id: String(index), MessageBody }));
      response = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    } catch (cause) {
      throw new QueueUnavailableError(`SendMessageBatch to ${this.queueName} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    }
    const reasons = new Map<number, string>(messages.map((_, index) => [index, 'not in the SendMessageBatch response']));
    for (const ok of response.Successful ?? []) reasons.delete(Number(ok.Id));
    for (const bad of response.Failed ?? []) reasons.set(Number(bad.Id), `${bad.Code ?? 'Error'}: ${bad.Message ?? 'no message'}`);
    return { failed: [...reasons].filter(([index]) => index < messages.length).map(([index, reason]) => ({ index, reason })) };
  }
}

/** A message as an SQS body: its JSON, with the two characters SQS refuses escaped. */
function sqsMessageBody(message: unknown): string {
  const json = JSON.stringify(message);
  return /[\uFFFE\uFFFF]/.test(json) ? json.replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`) : json;
}
