import type { MetricLabels, Metrics } from '../../shared/ports/metrics.js';

/** One call on the metrics port, as made. */
export interface MetricSample {
  readonly kind: 'increment' | 'observe' | 'set';
  readonly name: string;
  readonly labels: MetricLabels;
  readonly value: number;
}

/** A Metrics double that keeps every call in order, for tests that assert what was counted and observed. */
export class RecordingMetrics implements Metrics {
  readonly samples: MetricSample[] = [];

  increment(name: string, labels: MetricLabels = {}, by = 1): void {
    this.samples.push({ kind: 'increment', name, labels, value: by });
  }

  observe(name: string, value: number, labels: MetricLabels = {}): void {
    this.samples.push({ kind: 'observe', name, labels, value });
  }

  set(name: string, value: number, labels: MetricLabels = {}): void {
    this.samples.push({ kind: 'set', name, labels, value });
  }

  /** The sum of counter `name` over the calls whose labels include `labels`. */
  total(name: string, labels: MetricLabels = {}): number {
    return this.of('increment', name, labels).reduce((sum, value) => sum + value, 0);
  }

  /** Every value observed for histogram `name` with labels including `labels`, in order. */
  observed(name: string, labels: MetricLabels = {}): number[] {
    return this.of('observe', name, labels);
  }

  private of(kind: MetricSample['kind'], name: string, labels: MetricLabels): number[] {
    return this.samples
      .filter((s) => s.kind === kind && s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .map((s) => s.value);
  }
}
