import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageBatchQueue } from '../shared/ports/messageBatchQueue.js';
import { QueueUnavailableError } from '../shared/ports/errors.js';
import { backoffDelayMs } from '../shared/serving/backoff.js';
import { BufferedPredictionLog, type BufferedPredictionLogOptions } from '../shared/serving/bufferedPredictionLog.js';
import { installExitDrain, type ExitEvents } from '../shared/serving/predictionLogExitDrain.js';
import type { PredictionLogMessage, PredictionLogRecord } from '../shared/serving/predictionLogRecord.js';
import { predictionLogSettingsFromEnv } from '../shared/serving/predictionLogSettings.js';
import { logRecord, logRecords } from './support/predictionLogFixtures.js';
import { RecordingMetrics } from './support/recordingMetrics.js';

/** Which entries of a call fail (by index); throwing fails the whole call. May wait, to hold the call in flight. */
type Respond = (messages: readonly PredictionLogMessage[], call: number) => readonly number[] | Promise<readonly number[]>;

/** A MessageBatchQueue of 10 entries per call that keeps every call and every accepted message. */
function fakeQueue(respond: Respond = () => []) {
  const calls: PredictionLogMessage[][] = [];
  const received: PredictionLogMessage[] = [];
  const queue: MessageBatchQueue<PredictionLogMessage> = {
    maxBatchSize: 10,
    async sendBatch(messages) {
      const failing = await respond(messages, calls.push([...messages]) - 1);
      messages.forEach((message, index) => failing.includes(index) || received.push(message));
      return { failed: failing.map((index) => ({ index, reason: 'InternalError: injected' })) };
    },
  };
  const receivedIds = () => received.flatMap((m) => m.records.map((r) => r.prediction_id));
  return { queue, calls, received, receivedIds };
}

/** A promise the test resolves when it chooses. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const records = (count: number) => logRecords('2025-03-01T10:00:00.000Z', count, 1000);
const idsOf = (list: readonly PredictionLogRecord[]) => list.map((r) => r.prediction_id);
const unavailable = () => {
  throw new QueueUnavailableError('injected outage');
};

function setup(settings: BufferedPredictionLogOptions['settings'], respond?: Respond) {
  const fake = fakeQueue(respond);
  const metrics = new RecordingMetrics();
  const log = new BufferedPredictionLog({ queue: fake.queue, metrics, settings, random: () => 0.5 });
  return { ...fake, metrics, log };
}

/** Runs every timer (retry backoffs included) until `promise` settles. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  await vi.runAllTimersAsync();
  return promise;
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('BufferedPredictionLog: when it sends', () => {
  it('returns from append at once while a send is still pending, and flush waits for that send', async () => {
    const held = gate();
    const { log, calls, received } = setup({ maxBatchRecords: 10 }, async () => (await held.opened, []));
    expect(log.append(records(10))).toBeUndefined();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(log.append(records(3))).toBeUndefined(); // the first call has not answered
    expect(log.stats()).toMatchObject({ inFlightRecords: 10, bufferedRecords: 3, sentRecords: 0 });
    let flushed = false;
    const flushing = log.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    held.open();
    await flushing;
    expect(received.flatMap((m) => m.records)).toHaveLength(13);
    expect(log.stats()).toMatchObject({ heldRecords: 0, sentRecords: 13 });
  });

  it('sends as soon as maxBatchRecords are buffered, not before', async () => {
    const { log, calls } = setup({ maxBatchRecords: 50, maxAgeMs: 60_000 });
    log.append(records(49));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(0);
    log.append(records(1));
    expect(calls).toHaveLength(0); // not inside append: on the next turn of the loop
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.flat().flatMap((m) => m.records)).toHaveLength(50);
  });

  it('sends once the oldest buffered record is maxAgeMs old', async () => {
    const { log, calls } = setup({ maxBatchRecords: 1000, maxAgeMs: 1000 });
    log.append(records(2));
    await vi.advanceTimersByTimeAsync(600);
    log.append(records(1));
    await vi.advanceTimersByTimeAsync(399);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.flat().flatMap((m) => m.records)).toHaveLength(3);
  });

  it('in sync mode sends nothing until flush, whatever the size or age', async () => {
    const { log, calls, receivedIds } = setup({ mode: 'sync', maxBatchRecords: 10, maxAgeMs: 100 });
    const appended = records(25);
    log.append(appended);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(0);
    await log.flush();
    expect(receivedIds()).toEqual(idsOf(appended));
  });

  it('settle, at the end of an invocation, flushes in sync mode and leaves background mode to its timer', async () => {
    const sync = setup({ mode: 'sync' });
    sync.log.append(records(3));
    await sync.log.settle();
    expect(sync.receivedIds()).toHaveLength(3);
    const background = setup({ mode: 'background', maxAgeMs: 1_000 });
    background.log.append(records(3));
    await background.log.settle();
    expect(background.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(background.receivedIds()).toHaveLength(3);
  });
});

describe('BufferedPredictionLog: packing', () => {
  it('packs at most recordsPerMessage records per message and 10 messages per call, in order', async () => {
    const { log, calls, receivedIds } = setup({ mode: 'sync', recordsPerMessage: 7 });
    const appended = records(200);
    log.append(appended);
    await log.flush();
    expect(calls.map((call) => call.length)).toEqual([10, 10, 9]);
    expect(calls.flat().map((m) => m.records.length)).toEqual([...Array(28).fill(7), 4]);
    expect(receivedIds()).toEqual(idsOf(appended));
  });

  it('keeps each message, and each call in all, within maxBatchBytes, measured exactly', async () => {
    const appended = records(9);
    const twoRecordBytes = Buffer.byteLength(JSON.stringify({ records: appended.slice(0, 2) }));
    const { log, calls, receivedIds } = setup({ mode: 'sync', maxBatchBytes: twoRecordBytes });
    log.append(appended);
    await log.flush();
    // every record has the same size: two fill a message exactly, and one message fills a call
    expect(calls.map((call) => call.map((m) => m.records.length))).toEqual([[2], [2], [2], [2], [1]]);
    for (const call of calls) expect(call.reduce((n, m) => n + Buffer.byteLength(JSON.stringify(m)), 0)).toBeLessThanOrEqual(twoRecordBytes);
    expect(receivedIds()).toEqual(idsOf(appended));
  });

  it('drops (counted) a record too large for any message and sends the others', async () => {
    const [small, huge] = [records(2), logRecord('2025-03-01T11:00:00.000Z', { record: { note: 'x'.repeat(5000) } })];
    const { log, metrics, receivedIds } = setup({ mode: 'sync', maxBatchBytes: 4096 });
    log.append([small[0], huge, small[1]]);
    await log.flush();
    expect(receivedIds()).toEqual(idsOf(small));
    expect(metrics.total('prediction_log_dropped_total', { reason: 'oversize' })).toBe(1);
  });
});

describe('BufferedPredictionLog: failures', () => {
  it('retries a failed call and refused entries until every record arrives exactly once, counting the retries', async () => {
    const respond: Respond = (_, call) => (call === 0 ? unavailable() : call === 1 ? [0, 2] : []);
    const { log, metrics, calls, receivedIds } = setup({ mode: 'sync', recordsPerMessage: 10 }, respond);
    const appended = records(250);
    log.append(appended);
    await settle(log.drain());
    expect([...receivedIds()].sort()).toEqual(idsOf(appended).sort());
    expect(calls.length).toBeGreaterThan(3);
    expect(metrics.total('prediction_log_send_failures_total', { kind: 'call' })).toBe(1);
    expect(metrics.total('prediction_log_send_failures_total', { kind: 'entry' })).toBe(2);
    expect(metrics.total('prediction_log_retries_total')).toBe(12);
    expect(metrics.total('prediction_log_sends_total')).toBe(calls.length);
    expect(metrics.total('prediction_log_records_sent_total')).toBe(250);
    expect(metrics.total('prediction_log_dropped_total')).toBe(0);
    expect(log.stats()).toMatchObject({ heldRecords: 0, sentRecords: 250, retries: 12 });
  });

  it('resends a failed message with exactly the same records', async () => {
    const { log, calls, received } = setup({ mode: 'sync', recordsPerMessage: 3 }, (_, call) => (call === 0 ? [1] : []));
    log.append(records(8));
    await settle(log.drain());
    const refused = JSON.stringify(calls[0][1]);
    expect(calls[1].map((m) => JSON.stringify(m))).toEqual([refused]);
    expect(received.map((m) => JSON.stringify(m)).filter((m) => m === refused)).toHaveLength(1);
  });

  it('with a queue that always fails: stays within maxBufferedRecords, counts every drop, never throws', async () => {
    const settings = { maxBufferedRecords: 100, maxBatchRecords: 20, recordsPerMessage: 10, retryAttempts: 3 };
    const { log, metrics } = setup(settings, unavailable);
    let mostHeld = 0;
    for (let i = 0; i < 100; i++) {
      expect(() => log.append(records(10))).not.toThrow();
      mostHeld = Math.max(mostHeld, log.stats().heldRecords);
      await vi.advanceTimersByTimeAsync(5); // faster than a message exhausts its retries (50 + 100 ms)
    }
    await settle(log.drain());
    expect(mostHeld).toBe(100);
    expect(log.stats()).toMatchObject({ heldRecords: 0, sentRecords: 0, droppedRecords: 1000 });
    const [full, exhausted] = ['buffer_full', 'retries_exhausted'].map((reason) => metrics.total('prediction_log_dropped_total', { reason }));
    expect(full).toBeGreaterThan(0);
    expect(exhausted).toBeGreaterThan(0);
    expect(full + exhausted).toBe(1000);
  });

  it('drops the oldest unsent records at the bound, keeping the newest', async () => {
    const { log, receivedIds, metrics } = setup({ mode: 'sync', maxBufferedRecords: 30, maxBatchRecords: 10 });
    const appended = records(45);
    log.append(appended.slice(0, 20));
    log.append(appended.slice(20));
    await log.flush();
    expect(receivedIds()).toEqual(idsOf(appended.slice(15)));
    expect(metrics.total('prediction_log_dropped_total', { reason: 'buffer_full' })).toBe(15);
  });
});

describe('BufferedPredictionLog: drain', () => {
  it('waits for the pending retries before it resolves', async () => {
    const { log, receivedIds } = setup({ mode: 'sync' }, (_, call) => (call < 2 ? unavailable() : []));
    const appended = records(5);
    log.append(appended);
    let drained = false;
    const draining = log.drain().then(() => (drained = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(drained).toBe(false);
    expect(log.stats()).toMatchObject({ queuedRecords: 5, retries: 1 });
    await settle(draining);
    expect(receivedIds()).toEqual(idsOf(appended));
  });

  it('gives up after drainTimeoutMs: what is not in flight is dropped as drain_timeout', async () => {
    const hang = gate();
    const settings = { mode: 'sync', recordsPerMessage: 10, maxConcurrentSends: 1, drainTimeoutMs: 2000 } as const;
    const { log, metrics, calls } = setup(settings, async () => (await hang.opened, []));
    log.append(records(150));
    const draining = log.drain();
    await vi.advanceTimersByTimeAsync(2000);
    await draining;
    expect(calls).toHaveLength(1);
    expect(metrics.total('prediction_log_dropped_total', { reason: 'drain_timeout' })).toBe(50);
    expect(log.stats()).toMatchObject({ inFlightRecords: 100, heldRecords: 100 });
  });
});

describe('installExitDrain', () => {
  const fakeProcess = () => Object.assign(new EventEmitter(), { pid: 4242, kill: vi.fn() }) as EventEmitter & ExitEvents & { kill: ReturnType<typeof vi.fn> };

  it('drains on beforeExit when records are held, and does nothing when none are', async () => {
    const proc = fakeProcess();
    const { log, receivedIds } = setup({ mode: 'sync' });
    const drain = vi.spyOn(log, 'drain');
    installExitDrain(log, { process: proc, mainThread: true });
    proc.emit('beforeExit');
    expect(drain).not.toHaveBeenCalled();
    log.append(records(3));
    proc.emit('beforeExit');
    await vi.runAllTimersAsync();
    expect(drain).toHaveBeenCalledTimes(1);
    expect(receivedIds()).toHaveLength(3);
  });

  it('on SIGTERM drains, then raises the signal again when no other listener takes it', async () => {
    const proc = fakeProcess();
    const { log, receivedIds } = setup({ mode: 'sync' });
    installExitDrain(log, { process: proc, mainThread: true });
    log.append(records(4));
    proc.emit('SIGTERM', 'SIGTERM');
    await vi.runAllTimersAsync();
    expect(receivedIds()).toHaveLength(4);
    expect(proc.kill).toHaveBeenCalledWith(4242, 'SIGTERM');
    expect(proc.listenerCount('SIGTERM')).toBe(0);
  });

  it('leaves the exit to another SIGTERM listener, and listens to no signal in a worker thread', async () => {
    const proc = fakeProcess();
    const { log } = setup({ mode: 'sync' });
    proc.on('SIGTERM', () => undefined);
    installExitDrain(log, { process: proc, mainThread: true });
    proc.emit('SIGTERM', 'SIGTERM');
    await vi.runAllTimersAsync();
    expect(proc.kill).not.toHaveBeenCalled();
    const worker = fakeProcess();
    installExitDrain(log, { process: worker, mainThread: false });
    expect([worker.listenerCount('SIGTERM'), worker.listenerCount('beforeExit')]).toEqual([0, 1]);
  });
});

describe('prediction log settings and backoff', () => {
  it('reads the ALM_LOG_* variables, defaults the rest, and refuses a bad value', () => {
    const settings = predictionLogSettingsFromEnv({ ALM_LOG_FLUSH: 'sync', ALM_LOG_MAX_AGE_MS: '250', ALM_LOG_MAX_BUFFER: '' });
    expect(settings).toMatchObject({ mode: 'sync', maxAgeMs: 250, maxBufferedRecords: 50_000, recordsPerMessage: 500, maxBatchBytes: 262_144 });
    expect(() => predictionLogSettingsFromEnv({ ALM_LOG_FLUSH: 'sometimes' })).toThrow();
    expect(() => predictionLogSettingsFromEnv({ ALM_LOG_MAX_BUFFER: '10', ALM_LOG_BATCH_RECORDS: '20' })).toThrow(/maxBatchRecords/);
  });

  it('backs off with full jitter below base · 2^(attempt − 1), capped at the maximum', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(policy, attempt, () => 0.5))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
  });
});
