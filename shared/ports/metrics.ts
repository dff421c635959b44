import type { CounterName, GaugeName, HistogramName } from './metricCatalog.js';

/** Label values of one metric sample, e.g. `{route: '/predict', status: '200'}`. */
export type MetricLabels = Readonly<Record<string, string>>;

/**
 * The metrics port: what an invocation counts, measures and reports, by the names of
 * `METRIC_CATALOG` (a name outside it does not compile). Never throws and never blocks: a sink
 * that cannot take a sample drops it.
 */
export interface Metrics {
  /** Adds `by` (default 1) to counter `name`. */
  increment(name: CounterName, labels?: MetricLabels, by?: number): void;
  /** Records one observation of histogram `name` (seconds for durations, the value itself otherwise). */
  observe(name: HistogramName, value: number, labels?: MetricLabels): void;
  /** Sets gauge `name` to `value`. */
  set(name: GaugeName, value: number, labels?: MetricLabels): void;
}
