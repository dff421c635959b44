import { awsConfigFromEnv } from '../aws/awsConfig.js';
import { createAwsClients } from '../aws/awsClients.js';
import { SqsMessageQueue } from '../aws/sqsMessageQueue.js';
import { DatasetStore } from '../lifecycle/datasetStore.js';
import type { PromoteMessage, TrainMessage } from '../lifecycle/messages.js';
import { ProductionModelProvider } from '../lifecycle/productionModel.js';
import { ModelRegistry } from '../registry/modelRegistry.js';
import { S3ObjectStore } from '../registry/s3ObjectStore.js';
import { runtimeConfigFromEnv, type RuntimeConfig } from './runtimeConfig.js';

/** Every adapter a handler may need, built once per container from the environment. */
export interface Runtime {
  readonly config: RuntimeConfig;
  readonly registry: ModelRegistry;
  readonly datasets: DatasetStore;
  readonly trainQueue: SqsMessageQueue<TrainMessage>;
  readonly promoteQueue: SqsMessageQueue<PromoteMessage>;
  readonly models: ProductionModelProvider;
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
  const store = new S3ObjectStore(clients.s3, config.ALM_BUCKET);
  const registry = new ModelRegistry(store);
  return {
    config,
    registry,
    datasets: new DatasetStore(store),
    trainQueue: new SqsMessageQueue<TrainMessage>(clients.sqs, config.ALM_TRAIN_QUEUE),
    promoteQueue: new SqsMessageQueue<PromoteMessage>(clients.sqs, config.ALM_PROMOTE_QUEUE),
    models: new ProductionModelProvider(registry, config.ALM_MODEL_CHECK_SECONDS * 1000),
  };
}
