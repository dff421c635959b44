import type { Metrics } from '../ports/metrics.js';
import type { DropReason } from './predictionLog.js';

/**
 * What the prediction log's sender counts, kept in one place: running totals for `stats()` and
 * the same events as metrics — `prediction_log_sends_total` (calls),
 * `prediction_log_send_failures_total{kind=call|entry}`, `prediction_log_retries_total`
 * (messages rescheduled), `prediction_log_records_sent_total`, `prediction_log_dropped_total{reason}` (records).
 */
export class PredictionLogTally {
  sent = 0;
  dropped = 0;
  calls = 0;
  retries = 0;
  lastFailure: string | undefined;
  /** Whether the latest call failed (set by `failure`, cleared by `delivered`). */
  failing = false;
  /** The most records held at once (`alm_prediction_log_buffer_peak`, set when it grows). */
  peakHeld = 0;

  constructor(private readonly metrics: Metrics) {}

  call(): void {
    this.calls++;
    this.metrics.increment('prediction_log_sends_total');
  }

  /** A whole call failed (`kind: 'call'`), or `count` of its messages were refused (`kind: 'entry'`). */
  failure(kind: 'call' | 'entry', reason: string, count = 1): void {
    this.lastFailure = reason;
    this.failing = true;
    this.metrics.increment('prediction_log_send_failures_total', { kind }, count);
  }

  delivered(records: number): void {
    this.failing = false;
    this.sent += records;
    this.metrics.increment('prediction_log_records_sent_total', {}, records);
  }

  retried(messages: number): void {
    this.retries += messages;
    this.metrics.increment('prediction_log_retries_total', {}, messages);
  }

  held(records: number): void {
    if (records <= this.peakHeld) return;
    this.peakHeld = records;
    this.metrics.set('alm_prediction_log_buffer_peak', records);
  }

  drop(records: number, reason: DropReason): void {
    if (records <= 0) return;
    this.dropped += records;
    this.metrics.increment('prediction_log_dropped_total', { reason }, records);
  }
}
