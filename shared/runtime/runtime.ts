import type { Instrumentation } from '../edge/eventHandler.js';
import { createAwsClients } from '../aws/awsClients.js';
import { awsConfigFromEnv } from '../aws/awsConfig.js';
import { readSecureParameter } from '../aws/secureParameter.js';
import { S3ObjectStore } from '../aws/s3ObjectStore.js';
import { SqsMessageBatchQueue } from '../aws/sqsMessageBatchQueue.js';
import { SqsMessageQueue } from '../aws/sqsMessageQueue.js';
import { DeltaMetrics } from '../observability/deltaMetrics.js';
import { MetricsPusher } from '../observability/metricsPusher.js';
import { SidecarClient } from '../observability/sidecarClient.js';
import type { PromoteMessage, TrainMessage } from '../lifecycle/messages.js';
import { ProductionModelProvider } from '../lifecycle/productionModel.js';
import { libraryVersions } from '../platform/libraryVersions.js';
import { systemClock } from '../platform/systemClock.js';
import type { Clock } from '../ports/clock.js';
import type { MessageQueue } from '../ports/messageQueue.js';
import { createModelRegistry, type ModelRegistry } from '../registry/modelRegistry.js';
import { BufferedPredictionLog } from '../serving/bufferedPredictionLog.js';
import { FeedbackTally } from '../serving/feedbackTally.js';
import { createPredictionIds } from '../serving/predictionId.js';
import type { PredictionId } from '../serving/predictionLogRecord.js';
import { installExitDrain } from '../serving/predictionLogExitDrain.js';
import { predictionLogSettingsFromEnv } from '../serving/predictionLogSettings.js';
import type { ServingLimits } from '../serving/servingLimits.js';
import type { RouteGuards } from '../http/routeAccess.js';
import { apiKeySource } from './apiKeySource.js';
import { runtimeConfigFromEnv, type RuntimeConfig } from './runtimeConfig.js';

/** Every adapter a handler may pass to a use case, built once per container from the environment. */
export interface Runtime {
  readonly config: RuntimeConfig;
  readonly clock: Clock;
  readonly libraryVersions: Readonly<Record<string, string>>;
  readonly registry: ModelRegistry;
  readonly trainQueue: MessageQueue<TrainMessage>;
  readonly promoteQueue: MessageQueue<PromoteMessage>;
  readonly models: ProductionModelProvider;
  /** The container's metric deltas since its last push to the sidecar (`metricsPusher`). */
  readonly metrics: DeltaMetrics;
  readonly metricsPusher: MetricsPusher;
  /** The sidecar's exposition and traffic history, for `GET /metrics` and the console. */
  readonly sidecar: SidecarClient;
  readonly predictionIds: () => PredictionId;
  readonly predictionLog: BufferedPredictionLog;
  /** The ground-truth counts of `/status`, kept across invocations. */
  readonly feedbackTally: FeedbackTally;
  readonly limits: ServingLimits;
  /** The admin API key (env, else the SSM parameter, read once and cached) and the body limits of every route. */
  readonly guards: RouteGuards;
}

let cached: Runtime | undefined;

/** The container's runtime (module-level cache: it survives between invocations). */
export function runtime(env: NodeJS.ProcessEnv = process.env): Runtime {
  cached ??= createRuntime(env);
  return cached;
}

export function createRuntime(env: NodeJS.ProcessEnv): Runtime {
  const config = runtimeConfigFromEnv(env);
  const clients = createAwsClients(awsConfigFromEnv(env));
  const registry = createModelRegistry(new S3ObjectStore(clients.s3, config.ALM_BUCKET), { clock: systemClock });
  const metrics = new DeltaMetrics();
  const predictionLog = new BufferedPredictionLog({
    queue: new SqsMessageBatchQueue(clients.sqs, config.ALM_PREDICTIONS_QUEUE),
    metrics,
    settings: predictionLogSettingsFromEnv(env),
  });
  installExitDrain(predictionLog);
  return {
    config,
    clock: systemClock,
    libraryVersions: libraryVersions(),
    registry,
    trainQueue: new SqsMessageQueue<TrainMessage>(clients.sqs, config.ALM_TRAIN_QUEUE),
    promoteQueue: new SqsMessageQueue<PromoteMessage>(clients.sqs, config.ALM_PROMOTE_QUEUE),
    models: new ProductionModelProvider(registry, config.ALM_MODEL_CHECK_SECONDS * 1000, systemClock, metrics),
    metrics,
    metricsPusher: new MetricsPusher(metrics, {
      url: config.ALM_METRICS_URL,
      timeoutMs: config.ALM_METRICS_PUSH_TIMEOUT_MS,
      minIntervalMs: config.ALM_METRICS_PUSH_INTERVAL_MS,
      clock: systemClock,
    }),
    sidecar: new SidecarClient(config.ALM_METRICS_URL),
    predictionIds: createPredictionIds(systemClock),
    predictionLog,
    feedbackTally: new FeedbackTally(registry),
    limits: { maxRecords: config.ALM_MAX_RECORDS },
    guards: {
      apiKey: apiKeySource({
        envKey: config.ALM_API_KEY,
        parameterName: config.ALM_API_KEY_PARAMETER,
        readParameter: (name) => readSecureParameter(clients.ssm, name),
        clock: systemClock,
        cacheSeconds: config.ALM_API_KEY_CACHE_SECONDS,
      }),
      bodyLimits: {
        ALM_MAX_BODY_BYTES: config.ALM_MAX_BODY_BYTES,
        ALM_MAX_INGEST_BYTES: config.ALM_MAX_INGEST_BYTES,
        ALM_MAX_CONTROL_BODY_BYTES: config.ALM_MAX_CONTROL_BODY_BYTES,
      },
    },
  };
}

/**
 * How every function's invocations are measured: HTTP requests counted and timed into the
 * container's metrics on the system clock, and the deltas pushed to the sidecar after each event.
 */
export const instrumentation: Instrumentation = {
  metrics: () => runtime().metrics,
  clock: systemClock,
  flush: () => void runtime().metricsPusher.flush(),
};
