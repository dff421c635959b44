import { z } from 'zod';
import { histogramQuantile, type CumulativeBucket } from './histogramQuantile.js';
import type { MetricJson } from './metricsJson.js';

/** One interval of the sidecar's traffic history: request rate, p95 and 5xx share between two samples. */
export const TrafficPointSchema = z.object({
  at: z.iso.datetime(),
  request_rate: z.number().nonnegative(),
  p95_seconds: z.number().nonnegative().nullable(),
  error_rate: z.number().min(0).max(1),
});
export type TrafficPoint = z.infer<typeof TrafficPointSchema>;

interface TrafficSample {
  readonly at: Date;
  readonly requests: number;
  readonly errors: number;
  readonly buckets: CumulativeBucket[];
}

/**
 * The HTTP traffic the console plots, from the sidecar's own totals: every `sample()` keeps
 * `http_requests_total` (all, and status 5xx) and `http_request_duration_seconds` buckets,
 * summed over routes; `points()` gives each interval's request rate (per second), p95 latency
 * (`histogramQuantile` of the interval's bucket increases) and error share. At most `capacity`
 * samples are kept (the oldest go first). A total that went down (a sidecar restart cannot, but
 * a counter reset would) is treated as Prometheus's `rate()` treats a reset: from 0.
 */
export class TrafficHistory {
  private readonly samples: TrafficSample[] = [];

  constructor(private readonly capacity = 180) {}

  sample(totals: readonly MetricJson[], at: Date): void {
    const requests = totals.find((metric) => metric.name === 'http_requests_total')?.values ?? [];
    const durations = totals.find((metric) => metric.name === 'http_request_duration_seconds')?.values ?? [];
    const byBound = new Map<number, number>();
    for (const value of durations.filter((v) => v.metricName === 'http_request_duration_seconds_bucket')) {
      const le = value.labels.le === '+Inf' ? Infinity : Number(value.labels.le);
      byBound.set(le, (byBound.get(le) ?? 0) + value.value);
    }
    this.samples.push({
      at,
      requests: requests.reduce((sum, v) => sum + v.value, 0),
      errors: requests.filter((v) => String(v.labels.status).startsWith('5')).reduce((sum, v) => sum + v.value, 0),
      buckets: [...byBound].map(([le, count]) => ({ le, count })),
    });
    if (this.samples.length > this.capacity) this.samples.shift();
  }

  points(): TrafficPoint[] {
    return this.samples.slice(1).map((current, i) => {
      const previous = this.samples[i];
      const seconds = (current.at.getTime() - previous.at.getTime()) / 1000;
      const requests = increase(current.requests, previous.requests);
      const buckets = current.buckets.map((bucket) => ({
        le: bucket.le,
        count: increase(bucket.count, previous.buckets.find((b) => b.le === bucket.le)?.count ?? 0),
      }));
      return {
        at: current.at.toISOString(),
        request_rate: seconds > 0 ? requests / seconds : 0,
        p95_seconds: buckets.length > 0 ? histogramQuantile(0.95, buckets) : null,
        error_rate: requests > 0 ? increase(current.errors, previous.errors) / requests : 0,
      };
    });
  }
}

function increase(current: number, previous: number): number {
  return current >= previous ? current - previous : current;
}
