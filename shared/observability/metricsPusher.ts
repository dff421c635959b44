import type { DeltaMetrics } from './deltaMetrics.js';

export interface MetricsPusherOptions {
  /** The sidecar's base URL (`ALM_METRICS_URL`); without one, nothing is pushed. */
  readonly url?: string;
  /** How long one push may take before it is abandoned. */
  readonly timeoutMs: number;
}

/**
 * Pushes a container's metric deltas to the metrics sidecar (`POST <url>/push`, the JSON of
 * `getMetricsAsJSON()`): fire-and-forget, at most one push in flight (deltas recorded meanwhile
 * go with the next), abandoned after `timeoutMs`. It never fails the invocation: a push that
 * fails or times out is dropped and counted (`alm_metrics_push_failures_total`, sent with the next).
 */
export class MetricsPusher {
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly metrics: DeltaMetrics,
    private readonly options: MetricsPusherOptions,
  ) {}

  /** Starts a push of what is pending, unless one is under way; the promise never rejects. */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.options.url || !this.metrics.pending) return Promise.resolve();
    this.inFlight = this.push(this.options.url).finally(() => {
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
