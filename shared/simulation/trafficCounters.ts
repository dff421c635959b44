import type { Phase } from './trafficPlan.js';

/**
 * What the simulation counted so far. A request is `ok` on a 2xx with a body of the expected
 * shape, `failed` otherwise (an error status, a network error, an unexpected body); `predicted`
 * counts the predictions answered, `served` them by the version that answered.
 */
export interface TrafficCounters {
  sent: number;
  ok: number;
  failed: number;
  records: number;
  predicted: number;
  feedback: { labels: number; accepted: number; requests: number; failed: number };
  pollFailures: number;
  /** Per version: predictions answered and the first answer's time (seconds since the start). */
  served: Map<string, { predictions: number; first_at: number }>;
  /** The first failure's message (predict or feedback), for the summary. */
  firstFailure: string | null;
}

export function emptyCounters(): TrafficCounters {
  return {
    sent: 0,
    ok: 0,
    failed: 0,
    records: 0,
    predicted: 0,
    feedback: { labels: 0, accepted: 0, requests: 0, failed: 0 },
    pollFailures: 0,
    served: new Map(),
    firstFailure: null,
  };
}

/**
 * The one-line progress indicator: elapsed seconds, phase, predict requests (sent, ok, failed),
 * feedback labels sent, and how late the latest request started (the stack not keeping up).
 */
export function formatProgress(elapsedSeconds: number, phase: Phase | 'done', counters: TrafficCounters, lagMs: number): string {
  const { sent, ok, failed, feedback } = counters;
  const lag = lagMs >= 100 ? `, ${(lagMs / 1000).toFixed(1)}s behind` : '';
  return `${elapsedSeconds.toFixed(1)}s ${phase}: ${sent} requests sent, ${ok} ok, ${failed} failed; ${feedback.labels} labels sent${lag}`;
}
