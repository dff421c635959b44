import type { MetricLabels, Metrics } from '../ports/metrics.js';

/** One metric's samples: a counter's total (`value`), or a histogram's `count` and `sum`. */
export interface MetricSeries {
  readonly name: string;
  readonly labels: MetricLabels;
  value: number;
  count: number;
  sum: number;
}

/**
 * The metrics port kept in the process's memory: running totals per name and label set, for
 * `/status` and tests, until the observability issue pushes them to the metrics sidecar.
 * Histograms keep count and sum (no buckets yet). Never throws.
 */
export class MemoryMetrics implements Metrics {
  private readonly series = new Map<string, MetricSeries>();

  increment(name: string, labels: MetricLabels = {}, by = 1): void {
    this.entry(name, labels).value += by;
  }

  observe(name: string, value: number, labels: MetricLabels = {}): void {
    if (!Number.isFinite(value)) return;
    const entry = this.entry(name, labels);
    entry.count += 1;
    entry.sum += value;
  }

  /** Every series, sorted by name then labels. */
  snapshot(): MetricSeries[] {
    return [...this.series.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => ({ ...entry }));
  }

  /** The total of counter `name` over every label set matching `labels`. */
  total(name: string, labels: MetricLabels = {}): number {
    return this.snapshot()
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  }

  private entry(name: string, labels: MetricLabels): MetricSeries {
    const key = `${name}${JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))}`;
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { name, labels: { ...labels }, value: 0, count: 0, sum: 0 }));
    return entry;
  }
}
