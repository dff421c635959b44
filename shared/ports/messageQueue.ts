/**
 * The message-queue port: sends one JSON-serializable message (SQS in production, an array in
 * unit tests). A failure is a `QueueUnavailableError` (shared/ports/errors).
 */
export interface MessageQueue<T> {
  send(message: T): Promise<{ messageId: string }>;
}
