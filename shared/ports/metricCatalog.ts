/**
 * Every metric the service exports, in one table: its type, help, label names, histogram
 * buckets, and how the metrics sidecar folds what containers push (`fold`):
 * - `sum`: counters and histograms (every bucket, `_sum` and `_count`): pushed deltas add up.
 * - `last`: a gauge whose newest pushed value wins, per label set (series not in the push are kept).
 * - `replace`: a gauge whose newest push replaces every series of the metric (an info gauge, or
 *   per-feature drift scores whose features change with the version).
 * - `max`: a gauge that keeps the largest value ever pushed, per label set (a high-water mark).
 * - `collected`: read by the sidecar itself when scraped, never pushed (queue depths from SQS).
 *
 * The sidecar starts every label-less counter at 0, and the label sets of `initial`, as prom-client
 * does for its own counters: `increase()` then sees a first event as 0 → 1, not a new series.
 *
 * Serving metrics keep the names the prediction service issue gave them; lifecycle metrics are
 * prefixed `alm_`. Durations are seconds.
 */
export const METRIC_CATALOG = {
  http_requests_total: { type: 'counter', help: 'HTTP requests by route, method and status', labels: ['route', 'method', 'status'], fold: 'sum' },
  http_request_duration_seconds: {
    type: 'histogram',
    help: 'HTTP request duration in seconds, from the event to the response',
    labels: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    fold: 'sum',
  },
  predictions_total: { type: 'counter', help: 'Predictions served, by model version', labels: ['model_version'], fold: 'sum' },
  prediction_value: {
    type: 'histogram',
    help: 'Predicted values (positive-class probability, or the regression value), by model version',
    labels: ['model_version'],
    buckets: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
    fold: 'sum',
  },
  unseen_categories_total: { type: 'counter', help: 'Feature values never seen in training, by feature', labels: ['feature'], fold: 'sum' },
  feedback_labels_total: { type: 'counter', help: 'Ground-truth labels accepted by POST /feedback', labels: [], fold: 'sum' },
  prediction_log_sends_total: { type: 'counter', help: 'SendMessageBatch calls of the prediction log', labels: [], fold: 'sum' },
  prediction_log_send_failures_total: {
    type: 'counter',
    help: 'Prediction-log messages that failed to send, by kind (call: the whole call; entry: messages refused)',
    labels: ['kind'],
    fold: 'sum',
    initial: [{ kind: 'call' }, { kind: 'entry' }],
  },
  prediction_log_records_sent_total: { type: 'counter', help: 'Prediction records the queue accepted', labels: [], fold: 'sum' },
  prediction_log_retries_total: { type: 'counter', help: 'Prediction-log messages sent again after a failure', labels: [], fold: 'sum' },
  prediction_log_dropped_total: {
    type: 'counter',
    help: 'Prediction records dropped, by reason',
    labels: ['reason'],
    fold: 'sum',
    initial: [{ reason: 'buffer_full' }, { reason: 'retries_exhausted' }, { reason: 'oversize' }, { reason: 'drain_timeout' }, { reason: 'internal_error' }],
  },
  alm_production_model_info: { type: 'gauge', help: 'The production model version (value 1)', labels: ['model_version'], fold: 'replace' },
  alm_model_reloads_total: { type: 'counter', help: 'Production model loads by the predict function, by version', labels: ['model_version'], fold: 'sum' },
  alm_model_reload_failures_total: { type: 'counter', help: 'Failed production model loads (the previous model keeps serving)', labels: [], fold: 'sum' },
  alm_model_rejected_total: {
    type: 'counter',
    help: 'model.json refused by its checks, by reason (sha256: altered in S3; checksum: envelope altered; format: not an alm-model) and stage (promote, serve)',
    labels: ['reason', 'stage'],
    fold: 'sum',
    initial: ['sha256', 'checksum', 'format'].flatMap((reason) => ['promote', 'serve'].map((stage) => ({ reason, stage }))),
  },
  alm_drift_feature_score: {
    type: 'gauge',
    help: 'Drift score of each feature (and the prediction) in the latest drift check: the p-value of a test, else the distance (Evidently drift_score)',
    labels: ['feature', 'stattest'],
    fold: 'replace',
  },
  alm_drift_feature_drifted: { type: 'gauge', help: 'Whether each feature drifted in the latest drift check (1 or 0)', labels: ['feature'], fold: 'replace' },
  alm_drift_dataset_share: { type: 'gauge', help: 'Share of drifted columns in the latest drift check', labels: [], fold: 'last' },
  alm_drift_dataset_drifted: { type: 'gauge', help: 'Whether the latest drift check found dataset drift (1 or 0)', labels: [], fold: 'last' },
  alm_drift_checks_total: { type: 'counter', help: 'Drift checks by the decision they made (keep, monitor, retrain, …)', labels: ['action'], fold: 'sum' },
  alm_retrains_total: { type: 'counter', help: 'Retrains requested by drift checks', labels: [], fold: 'sum' },
  alm_promotions_total: {
    type: 'counter',
    help: 'Versions moved into production, by trigger (verdict, manual)',
    labels: ['trigger'],
    fold: 'sum',
    initial: [{ trigger: 'verdict' }, { trigger: 'manual' }],
  },
  alm_rejections_total: { type: 'counter', help: 'Candidates rejected by the promotion verdict', labels: [], fold: 'sum' },
  alm_rollbacks_total: {
    type: 'counter',
    help: 'Rollbacks of production, by trigger (guard, manual)',
    labels: ['trigger'],
    fold: 'sum',
    initial: [{ trigger: 'guard' }, { trigger: 'manual' }],
  },
  alm_live_quality: { type: 'gauge', help: 'Live quality of the production version on labeled predictions of the drift window', labels: ['model_version', 'metric'], fold: 'replace' },
  alm_live_quality_drop: {
    type: 'gauge',
    help: 'Share by which live quality is worse than the recorded figure (positive = worse)',
    labels: ['model_version', 'metric'],
    fold: 'replace',
  },
  alm_training_duration_seconds: {
    type: 'histogram',
    help: 'Duration of a training run (AutoML and registration), by outcome',
    labels: ['outcome'],
    buckets: [1, 5, 10, 30, 60, 120, 300, 600, 900],
    fold: 'sum',
  },
  alm_prediction_log_buffer_peak: { type: 'gauge', help: 'Most prediction records a container has held in its log buffer', labels: [], fold: 'max' },
  alm_metrics_push_failures_total: { type: 'counter', help: 'Metric pushes to the sidecar that failed (their deltas were dropped)', labels: [], fold: 'sum' },
  alm_queue_messages: {
    type: 'gauge',
    help: 'Messages in each queue and its dead-letter queue (SQS ApproximateNumberOfMessages, read when scraped)',
    labels: ['queue', 'kind'],
    fold: 'collected',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type FoldRule = 'sum' | 'last' | 'replace' | 'max' | 'collected';

export interface MetricDefinition {
  readonly type: MetricType;
  readonly help: string;
  readonly labels: readonly string[];
  readonly buckets?: readonly number[];
  readonly fold: FoldRule;
  /** Label sets that exist at 0 before anything is pushed. */
  readonly initial?: readonly Readonly<Record<string, string>>[];
}

export type MetricName = keyof typeof METRIC_CATALOG;
type OfType<T extends MetricType> = { [K in MetricName]: (typeof METRIC_CATALOG)[K]['type'] extends T ? K : never }[MetricName];
export type CounterName = OfType<'counter'>;
export type GaugeName = OfType<'gauge'>;
export type HistogramName = OfType<'histogram'>;

/** The definition of `name`, or undefined when the catalog has no such metric. */
export function metricDefinition(name: string): MetricDefinition | undefined {
  return Object.hasOwn(METRIC_CATALOG, name) ? (METRIC_CATALOG as Record<string, MetricDefinition>)[name] : undefined;
}
