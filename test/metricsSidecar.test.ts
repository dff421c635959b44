import { Counter, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaMetrics } from '../shared/observability/deltaMetrics.js';
import { METRIC_CATALOG } from '../shared/ports/metricCatalog.js';
import { MetricsPusher } from '../shared/observability/metricsPusher.js';
import { systemClock } from '../shared/platform/systemClock.js';
import { startMetricsSidecar, type RunningSidecar } from '../sidecar/metricsSidecar.js';
import { parseExposition, sampleValue, type ExposedSample } from './support/exposition.js';
import { createRandom } from '../shared/automl/util/random.js';

let sidecar: RunningSidecar;
beforeAll(async () => {
  sidecar = await startMetricsSidecar({ port: 0, sampleEveryMs: 60_000 });
});
afterAll(() => sidecar.close());

/** A fresh sidecar for tests that need totals of their own. */
async function withSidecar<T>(run: (url: string) => Promise<T>): Promise<T> {
  const own = await startMetricsSidecar({ port: 0, sampleEveryMs: 60_000 });
  try {
    return await run(own.url);
  } finally {
    await own.close();
  }
}

async function scrape(url: string): Promise<ExposedSample[]> {
  return parseExposition(await (await fetch(`${url}/metrics`)).text());
}

async function push(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

/** Pushes until nothing is pending (a push in flight takes what was recorded before it started). */
async function drain(pusher: MetricsPusher, metrics: DeltaMetrics): Promise<void> {
  do await pusher.flush();
  while (metrics.pending);
}

describe('the metrics sidecar folds pushed deltas', () => {
  it('totals equal the sum of the deltas, for counters and histograms, from several concurrent pushers', async () => {
    await withSidecar(async (url) => {
      const random = createRandom(7);
      const buckets = METRIC_CATALOG.http_request_duration_seconds.buckets;
      const expected = { requests: new Map<string, number>(), count: 0, sum: 0, le: new Map<number, number>() };
      const containers = Array.from({ length: 6 }, () => {
        const metrics = new DeltaMetrics();
        return { metrics, pusher: new MetricsPusher(metrics, { url, timeoutMs: 5000, minIntervalMs: 0, clock: systemClock }) };
      });
      const pushes: Promise<void>[] = [];
      for (let round = 0; round < 300; round++) {
        for (const { metrics, pusher } of containers) {
          const status = random() < 0.1 ? '500' : '200';
          const by = 1 + Math.floor(random() * 3);
          metrics.increment('http_requests_total', { route: '/predict', method: 'POST', status }, by);
          expected.requests.set(status, (expected.requests.get(status) ?? 0) + by);
          const seconds = Math.round(random() * 2000) / 1000;
          metrics.observe('http_request_duration_seconds', seconds, { route: '/predict', method: 'POST' });
          expected.count += 1;
          expected.sum += seconds;
          for (const le of buckets) if (seconds <= le) expected.le.set(le, (expected.le.get(le) ?? 0) + 1);
          if (random() < 0.5) pushes.push(pusher.flush()); // concurrent, not awaited: deltas meanwhile go with the next push
        }
      }
      await Promise.all(pushes);
      for (const { metrics, pusher } of containers) await drain(pusher, metrics);

      const samples = await scrape(url);
      for (const [status, total] of expected.requests) {
        expect(sampleValue(samples, 'http_requests_total', { route: '/predict', method: 'POST', status })).toBe(total);
      }
      const labels = { route: '/predict', method: 'POST' };
      expect(sampleValue(samples, 'http_request_duration_seconds_count', labels)).toBe(expected.count);
      expect(sampleValue(samples, 'http_request_duration_seconds_sum', labels)).toBeCloseTo(expected.sum, 6);
      for (const le of buckets) expect(sampleValue(samples, 'http_request_duration_seconds_bucket', { ...labels, le: String(le) })).toBe(expected.le.get(le) ?? 0);
      expect(sampleValue(samples, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(expected.count);
      expect(sampleValue(samples, 'alm_metrics_push_failures_total')).toBe(0);
    });
  });

  it('a warm container pushing deltas counts each event once; cumulative snapshots would count them again', async () => {
    await withSidecar(async (url) => {
      const metrics = new DeltaMetrics();
      const pusher = new MetricsPusher(metrics, { url, timeoutMs: 5000, minIntervalMs: 0, clock: systemClock });
      const registry = new Registry();
      const cumulative = new Counter({ name: 'feedback_labels_total', help: 'cumulative', registers: [registry] });
      for (let invocation = 0; invocation < 3; invocation++) {
        metrics.increment('feedback_labels_total');
        await pusher.flush();
        cumulative.inc();
      }
      expect(sampleValue(await scrape(url), 'feedback_labels_total')).toBe(3);

      // The same three invocations pushed as cumulative snapshots (1, 2, 3) would sum to 6.
      await withSidecar(async (other) => {
        for (const snapshot of [1, 2, 3]) {
          cumulative.reset();
          cumulative.inc(snapshot);
          expect((await push(other, await registry.getMetricsAsJSON())).status).toBe(204);
        }
        expect(sampleValue(await scrape(other), 'feedback_labels_total')).toBe(6);
      });
    });
  });

  it('a busy container pushes at most once per interval: a flush sooner schedules the push, nothing is lost', async () => {
    await withSidecar(async (url) => {
      const metrics = new DeltaMetrics();
      const pusher = new MetricsPusher(metrics, { url, timeoutMs: 5000, minIntervalMs: 300, clock: systemClock });
      for (let invocation = 0; invocation < 20; invocation++) {
        metrics.increment('feedback_labels_total');
        await pusher.flush();
      }
      const early = await scrape(url);
      expect([sampleValue(early, 'feedback_labels_total'), sampleValue(early, 'alm_sidecar_pushes_total', { outcome: 'folded' })]).toEqual([1, 1]);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const later = await scrape(url);
      expect([sampleValue(later, 'feedback_labels_total'), sampleValue(later, 'alm_sidecar_pushes_total', { outcome: 'folded' })]).toEqual([20, 2]);
    });
  });

  it('gauges follow their rule: last value, max, replace; counters start at 0', async () => {
    await withSidecar(async (url) => {
      const before = await scrape(url);
      expect(sampleValue(before, 'alm_rollbacks_total', { trigger: 'guard' })).toBe(0);
      expect(sampleValue(before, 'alm_retrains_total')).toBe(0);
      const a = new DeltaMetrics();
      const b = new DeltaMetrics();
      const send = (metrics: DeltaMetrics) => new MetricsPusher(metrics, { url, timeoutMs: 5000, minIntervalMs: 0, clock: systemClock }).flush();
      a.set('alm_drift_dataset_share', 0.2);
      a.set('alm_prediction_log_buffer_peak', 40);
      a.set('alm_production_model_info', 1, { model_version: 'v0001' });
      await send(a);
      b.set('alm_drift_dataset_share', 0.5);
      b.set('alm_prediction_log_buffer_peak', 25);
      b.set('alm_production_model_info', 1, { model_version: 'v0002' });
      await send(b);
      const after = await scrape(url);
      expect(sampleValue(after, 'alm_drift_dataset_share')).toBe(0.5); // last
      expect(sampleValue(after, 'alm_prediction_log_buffer_peak')).toBe(40); // max
      expect(after.filter((s) => s.name === 'alm_production_model_info').map((s) => s.labels.model_version)).toEqual(['v0002']); // replace
    });
  });

  it('refuses a bad push with a 400 naming the problem, and folds nothing of it', async () => {
    const counter = (name: string, labels: Record<string, string>, value: number) => [{ name, help: 'h', type: 'counter', values: [{ value, labels }], aggregator: 'sum' }];
    const cases: Array<[unknown, number, RegExp]> = [
      ['{not json', 400, /not JSON/],
      [{ name: 'x' }, 400, /getMetricsAsJSON/],
      [counter('no_such_metric_total', {}, 1), 400, /unknown metric 'no_such_metric_total'/],
      [[{ name: 'alm_drift_dataset_share', help: 'h', type: 'counter', values: [{ value: 1, labels: {} }] }], 400, /is a gauge, not a counter/],
      [counter('predictions_total', { model_version: 'v0001', colour: 'red' }, 1), 400, /no label 'colour'/],
      [counter('predictions_total', { model_version: 'v0001' }, -5), 400, /negative delta/],
      [counter('alm_queue_messages', {}, 1), 400, /read by the sidecar/],
      ['x'.repeat(1_100_000), 413, /larger than/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await push(sidecar.url, body);
      expect([answer.status, answer.text]).toEqual([status, expect.stringMatching(message)]);
    }
    expect(sampleValue(await scrape(sidecar.url), 'predictions_total', { model_version: 'v0001' })).toBeUndefined();
  });

  it('a push to a sidecar that is down never fails the caller: it is dropped and counted', async () => {
    const metrics = new DeltaMetrics();
    const pusher = new MetricsPusher(metrics, { url: 'http://127.0.0.1:1', timeoutMs: 500, minIntervalMs: 0, clock: systemClock });
    metrics.increment('feedback_labels_total');
    await expect(pusher.flush()).resolves.toBeUndefined();
    const [failures] = (await metrics.take()).filter((m) => m.name === 'alm_metrics_push_failures_total');
    expect(failures.values[0].value).toBe(1);
  });
});
