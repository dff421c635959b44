import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../../shared/aws/awsConfig.js';
import { S3ObjectStore } from '../../shared/aws/s3ObjectStore.js';
import { createRandom } from '../../shared/automl/util/random.js';
import { RESOURCES } from '../../shared/config/resources.js';
import { systemClock } from '../../shared/platform/systemClock.js';
import { createModelRegistry, type ModelRegistry } from '../../shared/registry/modelRegistry.js';
import { freePort } from '../../local/processes.js';
import { projectRoot } from '../../local/projectRoot.js';
import { startStack, type RunningStack } from '../../local/startStack.js';
import { startControlledProxy, type ControlledProxy } from './controlledProxy.js';
import { readData } from './datasets.js';
import { startRestartableMoto, type RestartableMoto } from './restartableMoto.js';
import { tempDir } from './runCli.js';

/** The main dataset's header and `rows` of its data rows drawn without replacement by a seeded shuffle. */
export function sampledMainCsv(rows: number, seed: number): string {
  const [header, ...lines] = readData('diabetes_prediction_dataset.csv').trim().split('\n');
  const random = createRandom(seed);
  const picked = new Set<number>();
  while (picked.size < Math.min(rows, lines.length)) picked.add(Math.floor(random() * lines.length));
  return `${[header, ...[...picked].map((i) => lines[i])].join('\n')}\n`;
}

/** A request record from a data row of a CSV (the label, last, left out), numbers as numbers. */
export function recordOf(csv: string, row: number): Record<string, string | number> {
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',').slice(0, -1);
  const cells = lines[row].split(',');
  return Object.fromEntries(names.map((name, i) => [name, Number.isFinite(Number(cells[i])) && cells[i] !== '' ? Number(cells[i]) : cells[i]]));
}

export interface FaultStack {
  readonly stack: RunningStack;
  readonly moto: RestartableMoto;
  /** Between the functions and moto, for S3 and SQS both (the stack's own provisioning and SQS poller go to moto directly). */
  readonly proxy: ControlledProxy;
  readonly apiKey: string;
  /** The bootstrap dataset (2,000 rows of the main dataset). */
  readonly csv: string;
  /** The registry, read and written by the test straight on moto. */
  registry(): ModelRegistry;
  /** The bucket as a plain object store straight on moto (to tamper with). */
  store(): S3ObjectStore;
  /** An SQS client straight on moto. */
  sqs(): SQSClient;
  api(method: string, path: string, body?: unknown, admin?: boolean): Promise<{ status: number; json: any; ms: number }>;
  stop(): Promise<void>;
}

const ENV_SET = ['ALM_WATCH_PATTERN', 'ALM_ESBUILD_WORK_FOLDER', 'ALM_API_KEY', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_SQS', 'ALM_DRIFT_SCHEDULE', 'ALM_STALE_RUN_SECONDS'];

/**
 * One local stack for a fault test file: a restartable moto_server, a controlled proxy in front
 * of it that the functions' S3 and SQS calls go through (`AWS_ENDPOINT_URL_S3`,
 * `AWS_ENDPOINT_URL_SQS`), and serverless-offline bootstrapped on a 2,000-row seeded sample of
 * the main dataset (linear only, 3 folds: seconds). `AWS_ENDPOINT_URL` stays moto's, so the
 * serverless-offline-sqs poller is never cut. The stack bundles into a folder of its own and
 * does not watch the tree (`ALM_ESBUILD_WORK_FOLDER`, `ALM_WATCH_PATTERN`): another engineer's
 * edit or `npm start` would otherwise restart its workers cold, without their cached model.
 * `env` adds settings (the prediction log's retries, the stale-run age, …) for the functions.
 */
export async function startFaultStack(apiKey: string, env: Record<string, string> = {}): Promise<FaultStack> {
  const moto = await startRestartableMoto(RESOURCES.accountId);
  const proxy = await startControlledProxy(moto.endpoint);
  const csv = sampledMainCsv(2000, 12);
  const dir = tempDir('alm-faults-');
  const csvPath = join(dir, 'bootstrap.csv');
  writeFileSync(csvPath, csv);
  const esbuildFolder = `.alm/fault-tests/esbuild-${process.pid}-${Date.now()}`;
  const settings = {
    ALM_API_KEY: apiKey,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ENDPOINT_URL_S3: proxy.url,
    AWS_ENDPOINT_URL_SQS: proxy.url,
    ALM_DRIFT_SCHEDULE: 'rate(1 day)', // no drift check (nor a retrain) during the faults
    ALM_WATCH_PATTERN: '.alm/fault-tests/unwatched/*.ts', // no rebuild (cold workers) when someone edits the tree
    ALM_ESBUILD_WORK_FOLDER: esbuildFolder, // bundles no other stack's start deletes
    ...env,
  };
  Object.assign(process.env, settings);
  let stack: RunningStack;
  try {
    stack = await startStack({
      apiPort: await freePort(),
      lambdaPort: await freePort(),
      metricsPort: await freePort(),
      monitoring: false,
      bootstrapCsv: csvPath,
      bootstrapQuery: '?candidates=linear&cv_folds=3',
      logDir: join(dir, 'logs'),
      log: () => {},
    });
  } catch (error) {
    await proxy.close();
    await moto.stop();
    throw error;
  }
  const clients = createAwsClients({ region: RESOURCES.region, endpoint: moto.endpoint, credentials: LOCAL_CREDENTIALS });
  return {
    stack,
    moto,
    proxy,
    apiKey,
    csv,
    registry: () => createModelRegistry(new S3ObjectStore(clients.s3, RESOURCES.bucket), { clock: systemClock }),
    store: () => new S3ObjectStore(clients.s3, RESOURCES.bucket),
    sqs: () => clients.sqs,
    api: async (method, path, body, admin = false) => {
      const started = performance.now();
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: admin ? { 'x-api-key': apiKey } : {},
      });
      const text = await response.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON (GET /metrics) */
      }
      return { status: response.status, json, ms: performance.now() - started };
    },
    stop: async () => {
      await stack.stop();
      await proxy.close();
      await moto.stop();
      rmSync(join(projectRoot(), esbuildFolder), { recursive: true, force: true });
      for (const name of [...ENV_SET, ...Object.keys(env)]) delete process.env[name];
    },
  };
}
