import type { Clock } from '../ports/clock.js';
import type { DeltaMetrics } from './deltaMetrics.js';

export interface MetricsPusherOptions {
  /** The sidecar's base URL (`ALM_METRICS_URL`); without one, nothing is pushed. */
  readonly url?: string;
  /** How long one push may take before it is abandoned. */
  readonly timeoutMs: number;
  /** The least time between two pushes of one container; 0 pushes after every event. */
  readonly minIntervalMs: number;
  readonly clock: Clock;
}

/**
 * Pushes a container's metric deltas to the metrics sidecar (`POST <url>/push`, the JSON of
 * `getMetricsAsJSON()`): fire-and-forget, at most one push in flight, and at most one per
 * `minIntervalMs` — a `flush` sooner than that schedules the push for when the interval is up
 * (an `unref`ed timer), so a busy container pushes the deltas of many invocations at once instead
 * of one HTTP call per request; deltas recorded meanwhile go with the next push. A push is
 * abandoned after `timeoutMs`. It never fails the invocation: a push that fails or times out is
 * dropped and counted (`alm_metrics_push_failures_total`, sent with the next).
 */
export class MetricsPusher {
  private inFlight: Promise<void> | undefined;
  private scheduled: NodeJS.Timeout | undefined;
  private lastPushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly metrics: DeltaMetrics,
    private readonly options: MetricsPusherOptions,
  ) {}

  /** Pushes what is pending now, or schedules it (see above); the promise never rejects. */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const url = this.options.url;
    if (!url || !this.metrics.pending) return Promise.resolve();
    const wait = this.lastPushAt + this.options.minIntervalMs - this.options.clock.monotonicMs();
    if (wait > 0) {
      this.scheduled ??= setTimeout(() => {
        this.scheduled = undefined;
        void this.flush();
      }, wait).unref();
      return Promise.resolve();
    }
    this.lastPushAt = this.options.clock.monotonicMs();
    this.inFlight = this.push(url).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async push(url: string): Promise<void> {
    try {
      const body = JSON.stringify(await this.metrics.take());
      const response = await fetch(`${url}/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`sidecar answered ${response.status}`);
    } catch {
      this.metrics.increment('alm_metrics_push_failures_total');
    }
  }
}
