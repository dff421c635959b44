import { Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { MetricLabels, Metrics } from '../ports/metrics.js';
import { METRIC_CATALOG, type CounterName, type GaugeName, type HistogramName, type MetricName } from '../ports/metricCatalog.js';
import type { MetricsPush } from './metricsJson.js';

/**
 * The metrics port of one container, as deltas: samples go into a prom-client registry of
 * their own (metrics created on first use, from `METRIC_CATALOG`), and `take()` swaps in an
 * empty registry and returns what the old one held, as `getMetricsAsJSON()`. So each push
 * carries what happened since the previous one, and the sidecar's sums never count a sample
 * twice (a cumulative snapshot pushed from a warm container would). The swap is synchronous:
 * a sample recorded while a push is under way goes into the next one. A gauge's delta is its
 * latest value. Never throws (a sample prom-client refuses is dropped).
 */
export class DeltaMetrics implements Metrics {
  private registry = new Registry();
  private readonly metrics = new Map<MetricName, Metric>();

  increment(name: CounterName, labels: MetricLabels = {}, by = 1): void {
    if (by > 0) this.record(() => (this.metric(name) as Counter).inc(labels, by));
  }

  observe(name: HistogramName, value: number, labels: MetricLabels = {}): void {
    if (Number.isFinite(value)) this.record(() => (this.metric(name) as Histogram).observe(labels, value));
  }

  set(name: GaugeName, value: number, labels: MetricLabels = {}): void {
    if (Number.isFinite(value)) this.record(() => (this.metric(name) as Gauge).set(labels, value));
  }

  /** Whether anything was recorded since the last `take()`. */
  get pending(): boolean {
    return this.metrics.size > 0;
  }

  /** The deltas since the previous call, as `getMetricsAsJSON()`; the registry starts empty again. */
  async take(): Promise<MetricsPush> {
    const full = this.registry;
    this.registry = new Registry();
    this.metrics.clear();
    return (await full.getMetricsAsJSON()) as unknown as MetricsPush;
  }

  private record(sample: () => void): void {
    try {
      sample();
    } catch {
      /* a label outside the catalog's label names: dropped, as the port promises */
    }
  }

  private metric(name: MetricName): Metric {
    let metric = this.metrics.get(name);
    if (!metric) {
      metric = createMetric(name, this.registry);
      this.metrics.set(name, metric);
    }
    return metric;
  }
}

function createMetric(name: MetricName, registry: Registry): Metric {
  const definition = METRIC_CATALOG[name];
  const common = { name, help: definition.help, labelNames: [...definition.labels], registers: [registry] };
  if (definition.type === 'counter') return new Counter(common);
  if (definition.type === 'gauge') return new Gauge(common);
  return new Histogram({ ...common, buckets: [...(definition as { buckets: readonly number[] }).buckets] });
}
