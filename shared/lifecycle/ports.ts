/** A queue the lifecycle sends messages to (SQS in production, an array in unit tests). */
export interface MessageQueue<T> {
  send(message: T): Promise<{ messageId: string }>;
}
