import type { z } from 'zod';
import type { MessageBatchQueue } from '../ports/messageBatchQueue.js';
import type { Metrics } from '../ports/metrics.js';
import { backoffDelayMs } from './backoff.js';
import { recordsOf, PredictionLogOutbox, type Outgoing } from './predictionLogOutbox.js';
import { packMessages } from './predictionLogPacking.js';
import type { DropReason, PredictionLog, PredictionLogStats } from './predictionLog.js';
import type { PredictionLogMessage, PredictionLogRecord } from './predictionLogRecord.js';
import { PredictionLogTally } from './predictionLogTally.js';
import { PredictionLogSettingsSchema, type PredictionLogSettings } from './predictionLogSettings.js';

export interface BufferedPredictionLogOptions {
  readonly queue: MessageBatchQueue<PredictionLogMessage>;
  readonly metrics: Metrics;
  readonly settings?: z.input<typeof PredictionLogSettingsSchema>;
  /** The jitter source, in [0, 1). */
  readonly random?: () => number;
}

/**
 * The prediction log's sender: buffers records in memory and sends them to the predictions queue
 * with SendMessageBatch, off the request path.
 * - **Packing**: records, in arrival order, into messages of `recordsPerMessage` records and
 *   `maxBatchBytes` bytes at most; messages into calls of `queue.maxBatchSize` messages and
 *   `maxBatchBytes` bytes in all. A message, once packed, never changes: a retry sends exactly
 *   the same records, so the consumer's content-addressed write makes a replay a no-op. Delivery
 *   is at least once (a call that timed out after SQS took it is sent again); the consumer
 *   deduplicates by prediction_id.
 * - **When**: `background` mode sends once `maxBatchRecords` are buffered (on the next turn of
 *   the event loop, never inside `append`) or once the oldest is `maxAgeMs` old (an `unref`ed
 *   timer, which never keeps a process alive). `sync` mode sends only when the caller awaits `flush()`.
 * - **Failures**: a failed call, or a message SQS refused in it, is retried after a full-jitter
 *   backoff, up to `retryAttempts` attempts per message, then dropped (counted).
 * - **Memory bound**: at most `maxBufferedRecords` are held (buffered + awaiting a send or retry
 *   + in flight). An append that would pass it drops the OLDEST unsent records first, whole
 *   messages (a tried message is only ever resent unchanged, so up to `recordsPerMessage − 1`
 *   more than needed may go), then the oldest buffered records: counted as
 *   `prediction_log_dropped_total{reason="buffer_full"}`, never an error. Oldest rather than
 *   newest, because in an outage the newest records are the ones that describe the traffic now
 *   (what drift checks and live quality read first once the queue is back), and the oldest are
 *   the ones that have already failed their sends.
 * - **Metrics**: see `PredictionLogTally`.
 */
export class BufferedPredictionLog implements PredictionLog {
  readonly settings: PredictionLogSettings;
  private readonly queue: MessageBatchQueue<PredictionLogMessage>;
  private readonly random: () => number;
  private readonly backoff: { readonly baseDelayMs: number; readonly maxDelayMs: number };
  private buffer: PredictionLogRecord[] = [];
  private readonly outbox = new PredictionLogOutbox();
  private inFlightRecords = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiters = new Set<() => void>();
  private ageTimer: NodeJS.Timeout | undefined;
  private sizeTrigger: NodeJS.Immediate | undefined;
  private readonly tally: PredictionLogTally;

  constructor(options: BufferedPredictionLogOptions) {
    this.queue = options.queue;
    this.tally = new PredictionLogTally(options.metrics);
    this.random = options.random ?? Math.random;
    this.settings = PredictionLogSettingsSchema.parse(options.settings ?? {});
    this.backoff = { baseDelayMs: this.settings.retryBaseDelayMs, maxDelayMs: this.settings.retryMaxDelayMs };
  }

  append(records: readonly PredictionLogRecord[]): void {
    try {
      for (const record of records) this.buffer.push(record);
      this.enforceBound();
      this.tally.held(this.held());
      if (this.settings.mode === 'background' && this.buffer.length > 0) this.scheduleSend();
    } catch {
      this.drop(records?.length ?? 0, 'internal_error');
    }
  }

  async flush(): Promise<void> {
    this.pack();
    const targets = this.outbox.ready().map((m) => ({ m, attempts: m.attempts }));
    const calls = [...this.inFlight];
    this.pump();
    await Promise.all([...calls, this.until(() => targets.every(({ m, attempts }) => m.settled || m.attempts > attempts))]);
  }

  async settle(): Promise<void> {
    if (this.settings.mode === 'sync') await this.flush();
  }

  async drain(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.settings.drainTimeoutMs)));
    const drained = this.flush().then(() => this.until(() => this.held() === 0)).then(() => false);
    const timedOut = await Promise.race([drained, expired]);
    clearTimeout(timer);
    if (timedOut) this.abandonUnsent();
  }

  stats(): PredictionLogStats {
    const { sent, dropped, calls, retries, lastFailure, failing } = this.tally;
    return {
      bufferedRecords: this.buffer.length,
      queuedRecords: this.outbox.records,
      inFlightRecords: this.inFlightRecords,
      heldRecords: this.held(),
      sentRecords: sent,
      droppedRecords: dropped,
      sendCalls: calls,
      retries,
      failing,
      ...(lastFailure === undefined ? {} : { lastFailure }),
    };
  }

  private held(): number {
    return this.buffer.length + this.outbox.records + this.inFlightRecords;
  }

  private scheduleSend(): void {
    if (this.buffer.length >= this.settings.maxBatchRecords) {
      this.sizeTrigger ??= setImmediate(() => {
        this.sizeTrigger = undefined;
        this.send();
      }).unref();
    }
    this.ageTimer ??= setTimeout(() => this.send(), this.settings.maxAgeMs).unref();
  }

  /** Packs what is buffered and starts the calls there is room for. */
  private send(): void {
    this.pack();
    this.pump();
  }

  private pack(): void {
    clearTimeout(this.ageTimer);
    this.ageTimer = undefined;
    if (this.buffer.length === 0) return;
    const { messages, oversize } = packMessages(this.buffer, this.settings);
    this.buffer = [];
    this.drop(oversize.length, 'oversize');
    this.outbox.add(messages);
  }

  private pump(): void {
    while (this.inFlight.size < this.settings.maxConcurrentSends) {
      const call = this.outbox.takeCall(this.queue.maxBatchSize, this.settings.maxBatchBytes);
      if (call.length === 0) return;
      const records = recordsOf(call);
      this.inFlightRecords += records;
      const sending: Promise<void> = this.sendCall(call, records)
        .catch(() => undefined)
        .finally(() => {
          this.inFlight.delete(sending);
          this.pump();
          this.notify();
        });
      this.inFlight.add(sending);
    }
  }

  private async sendCall(call: Outgoing[], records: number): Promise<void> {
    this.tally.call();
    let failed: ReadonlySet<number>;
    try {
      const result = await this.queue.sendBatch(call.map((m) => m.message));
      failed = new Set(result.failed.map((f) => f.index));
      if (result.failed.length > 0) {
        this.tally.failure('entry', result.failed[0].reason, failed.size);
      }
    } catch (error) {
      failed = new Set(call.keys());
      this.tally.failure('call', error instanceof Error ? error.message : String(error));
    }
    this.inFlightRecords -= records;
    const retry: Outgoing[] = [];
    call.forEach((m, index) => {
      m.attempts++;
      if (!failed.has(index)) {
        m.settled = true;
        this.tally.delivered(m.message.records.length);
      } else if (m.attempts < this.settings.retryAttempts) {
        retry.push(m);
      } else {
        m.settled = true;
        this.drop(m.message.records.length, 'retries_exhausted');
      }
    });
    if (retry.length > 0) this.retryLater(retry);
  }

  /**
   * The failed messages of one call go back into the outbox at their age, ready again together
   * after one backoff (so they travel in one call again, not one by one).
   */
  private retryLater(messages: Outgoing[]): void {
    this.tally.retried(messages.length);
    for (const m of messages) this.outbox.putBack(m);
    const attempts = Math.max(...messages.map((m) => m.attempts));
    setTimeout(() => {
      for (const m of messages) m.ready = true;
      this.pump();
    }, backoffDelayMs(this.backoff, attempts, this.random)).unref();
  }

  /** The memory bound: drops the oldest unsent messages, then the oldest buffered records, until it holds. */
  private enforceBound(): void {
    const excess = this.held() - this.settings.maxBufferedRecords;
    if (excess <= 0) return;
    const dropped = recordsOf(this.outbox.removeOldest(excess));
    const buffered = Math.min(Math.max(excess - dropped, 0), this.buffer.length);
    this.buffer.splice(0, buffered);
    this.drop(dropped + buffered, 'buffer_full');
    this.notify();
  }

  /** After a drain timed out: everything not in flight is given up (the process is about to end). */
  private abandonUnsent(): void {
    clearTimeout(this.ageTimer);
    this.ageTimer = undefined;
    const dropped = recordsOf(this.outbox.clear()) + this.buffer.length;
    this.buffer = [];
    this.drop(dropped, 'drain_timeout');
    this.notify();
  }

  private drop(records: number, reason: DropReason): void {
    this.tally.drop(records, reason);
  }

  /** Resolves once `done()` holds; checked again after every change of state. */
  private until(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }
}
