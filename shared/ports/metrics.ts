/** Label values of one metric sample, e.g. `{route: 'POST /predict', status: '200'}`. */
export type MetricLabels = Readonly<Record<string, string>>;

/**
 * The metrics port: what an invocation counts and measures, named as the Prometheus metrics
 * of the observability issue will be. Never throws and never blocks: a sink that cannot take a
 * sample drops it. In-memory until the metrics sidecar exists.
 */
export interface Metrics {
  /** Adds `by` (default 1) to counter `name`. */
  increment(name: string, labels?: MetricLabels, by?: number): void;
  /** Records one observation of histogram `name` (seconds for durations, the value itself otherwise). */
  observe(name: string, value: number, labels?: MetricLabels): void;
}
