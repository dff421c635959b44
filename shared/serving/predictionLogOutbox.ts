import type { PackedMessage } from './predictionLogPacking.js';

/** A packed message as it waits: its age (`seq`), its attempts so far, whether it may be sent now (not backing off), whether it is done with (sent or dropped). */
export interface Outgoing extends PackedMessage {
  readonly seq: number;
  attempts: number;
  ready: boolean;
  settled: boolean;
}

export const recordsOf = (messages: readonly PackedMessage[]) => messages.reduce((n, m) => n + m.message.records.length, 0);

/** The prediction log's packed messages that are not in flight, oldest first, with their record count. */
export class PredictionLogOutbox {
  private messages: Outgoing[] = [];
  private nextSeq = 0;
  private count = 0;

  /** Records in the outbox. */
  get records(): number {
    return this.count;
  }

  /** Freshly packed messages, newer than any before, ready to send. */
  add(packed: readonly PackedMessage[]): void {
    for (const m of packed) this.messages.push({ ...m, seq: this.nextSeq++, attempts: 0, ready: true, settled: false });
    this.count += recordsOf(packed);
  }

  /** The messages ready now, oldest first. */
  ready(): Outgoing[] {
    return this.messages.filter((m) => m.ready);
  }

  /**
   * Takes out the messages of the next SendMessageBatch call: the oldest ready ones, up to
   * `maxMessages` and `maxBatchBytes` in all. It stops at the first ready message that does not
   * fit, so an older message is never overtaken.
   */
  takeCall(maxMessages: number, maxBatchBytes: number): Outgoing[] {
    const call: Outgoing[] = [];
    let bytes = 0;
    for (const m of this.messages) {
      if (!m.ready) continue;
      if (call.length === maxMessages || bytes + m.bytes > maxBatchBytes) break;
      call.push(m);
      bytes += m.bytes;
    }
    return this.remove(call);
  }

  /** A message back from a failed attempt, at its age, not ready until its backoff ends. */
  putBack(m: Outgoing): void {
    m.ready = false;
    const at = this.messages.findIndex((other) => other.seq > m.seq);
    this.messages.splice(at === -1 ? this.messages.length : at, 0, m);
    this.count += m.message.records.length;
  }

  /** Removes the oldest messages until they hold at least `records` records (or none is left); returns them, settled. */
  removeOldest(records: number): Outgoing[] {
    let end = 0;
    for (let removed = 0; removed < records && end < this.messages.length; end++) removed += this.messages[end].message.records.length;
    return this.settle(this.remove(this.messages.slice(0, end)));
  }

  /** Removes every message; returns them, settled. */
  clear(): Outgoing[] {
    return this.settle(this.remove(this.messages));
  }

  private remove(taken: readonly Outgoing[]): Outgoing[] {
    const set = new Set(taken);
    this.messages = this.messages.filter((m) => !set.has(m));
    this.count -= recordsOf(taken);
    return [...taken];
  }

  private settle(messages: Outgoing[]): Outgoing[] {
    for (const m of messages) m.settled = true;
    return messages;
  }
}
