/**
 * The batch message-queue port: sends up to 10 JSON-serializable messages in one call (SQS
 * SendMessageBatch). Entries can fail one by one: the result lists the indexes that were not
 * accepted, with their reasons. A call that fails whole is a `QueueUnavailableError`.
 */
export interface MessageBatchQueue<T> {
  /** At most this many messages per `sendBatch` call. */
  readonly maxBatchSize: number;
  sendBatch(messages: readonly T[]): Promise<{ readonly failed: readonly { readonly index: number; readonly reason: string }[] }>;
}
