import type { MessageQueue } from '../../shared/ports/messageQueue.js';

/** An in-memory MessageQueue that keeps what was sent. */
export class MemoryQueue<T> implements MessageQueue<T> {
  readonly sent: T[] = [];

  async send(message: T): Promise<{ messageId: string }> {
    this.sent.push(structuredClone(message));
    return { messageId: `m${this.sent.length}` };
  }
}
