import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { writeSecureParameter } from '../shared/aws/secureParameter.js';
import { RESOURCES } from '../shared/config/resources.js';
import { resolveApiKey } from './apiKeyFile.js';
import { trainingProgressOf } from '../shared/edge/trainingProgressLog.js';
import { LogFollower } from './logFollower.js';
import { startProcess, stopProcess, waitForHttp } from './processes.js';
import { projectRoot } from './projectRoot.js';
import { startMonitoring, type MonitoringService } from './monitoringProcesses.js';
import { provisionResources } from './provisionResources.js';
import { startSidecarProcess } from './sidecarProcess.js';
import { resolveEndpoint, type Endpoint } from './resolveEndpoint.js';

export interface StackOptions {
  readonly apiPort?: number;
  readonly lambdaPort?: number;
  readonly awsPort?: number;
  /** The metrics sidecar's port, and Prometheus's, Alertmanager's and node-exporter's (defaults: `config/resources.json`). */
  readonly metricsPort?: number;
  readonly prometheusPort?: number;
  readonly alertmanagerPort?: number;
  readonly nodeExporterPort?: number;
  /** Whether to start Prometheus, Alertmanager and node-exporter when installed (default true). */
  readonly monitoring?: boolean;
  /** The CSV ingested when the registry is empty (default: the shipped main dataset). */
  readonly bootstrapCsv?: string;
  /** Training options for the bootstrap ingest, as its query string (e.g. `?candidates=gradient_boosting`; default none). */
  readonly bootstrapQuery?: string;
  /** How long to wait for the bootstrap model to be in production. */
  readonly bootstrapTimeoutMs?: number;
  /** Where moto's and serverless-offline's output goes (default `.alm/logs`). */
  readonly logDir?: string;
  readonly log?: (line: string) => void;
  /** The AWS credentials the functions sign with (default: the dummy local ones; any are accepted locally). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /**
   * A stack for a test or a bench (default false, as `npm start`): it bundles into a folder of its
   * own under `.alm/stacks/`, removed when it stops, and rebuilds on no edit of the tree. So a long
   * run keeps its workers warm while someone edits the code (a rebuild restarts every worker,
   * cold), and stacks started side by side from one tree never delete each other's bundles.
   */
  readonly isolated?: boolean;
}

/** The SSM SecureString that `npm start` writes the admin key to, and the functions read it from (as on AWS). */
export const LOCAL_API_KEY_PARAMETER = `/${RESOURCES.service}/local/api-key`;

export interface RunningStack {
  readonly apiUrl: string;
  readonly endpoint: Endpoint;
  readonly apiKey: string;
  /** The version in production once started (after bootstrap, if one ran). */
  readonly productionVersion: string | null;
  /** The metrics sidecar's URL. */
  readonly metricsUrl: string;
  /** Prometheus, Alertmanager and node-exporter, as found or started (empty with `monitoring: false`). */
  readonly monitoring: MonitoringService[];
  stop(): Promise<void>;
}

/**
 * `npm start`: the whole local stack with one command.
 * 1. the AWS endpoint, by the rule of `resolveEndpoint`;
 * 2. the resources of `config/resources.json` (bucket, queues with DLQs, schedule rule), and the admin
 *    key as the SSM SecureString `LOCAL_API_KEY_PARAMETER`, which the functions read as on AWS;
 * 3. the metrics sidecar (`startSidecarProcess`), then Prometheus, Alertmanager and node-exporter
 *    when installed (`startMonitoring`);
 * 4. serverless-offline on the API port (handlers in worker threads, SQS delivered by
 *    serverless-offline-sqs, the drift schedule fired by serverless-offline, metrics pushed to the sidecar);
 * 5. if the registry is empty: ingest the bootstrap CSV, wait for v0001 to be promoted.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = projectRoot();
  const apiPort = options.apiPort ?? RESOURCES.ports.api;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const apiKey = resolveApiKey({ create: true }) as string;
  const logDir = options.logDir ?? join(root, '.alm', 'logs');
  const children: ChildProcess[] = [];
  const bundles = bundleFolder(options.isolated === true);
  const stop = async () => {
    for (const child of children.reverse()) await stopProcess(child);
    if (options.isolated) rmSync(join(root, bundles.workFolder), { recursive: true, force: true });
  };
  // Ctrl-C while starting still stops what was started (the children have their own process group).
  const interrupted = () => {
    log('interrupted: stopping what was started…');
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const endpoint = await resolveEndpoint(options.awsPort ?? RESOURCES.ports.aws, RESOURCES.accountId, logDir, log);
    if (endpoint.process) children.push(endpoint.process);
    log(`AWS endpoint: ${endpoint.url} (${endpoint.source})`);
    const clients = createAwsClients({ region: RESOURCES.region, endpoint: endpoint.url, credentials: LOCAL_CREDENTIALS });
    await provisionResources(clients, RESOURCES);
    await writeSecureParameter(clients.ssm, LOCAL_API_KEY_PARAMETER, apiKey);
    log(`resources ready: bucket ${RESOURCES.bucket}, queues ${Object.values(RESOURCES.queues).map((q) => `${q.name} (+${q.dlq})`).join(', ')}`);
    const offlineEnv = { ...offlineEnvironment(endpoint.url, options.credentials ?? LOCAL_CREDENTIALS), ...bundles.env };
    const ports = {
      api: apiPort,
      metrics: options.metricsPort ?? RESOURCES.ports.metrics,
      prometheus: options.prometheusPort ?? RESOURCES.ports.prometheus,
      alertmanager: options.alertmanagerPort ?? RESOURCES.ports.alertmanager,
      nodeExporter: options.nodeExporterPort ?? RESOURCES.ports.nodeExporter,
    };
    const sidecar = await startSidecarProcess(root, ports.metrics, offlineEnv, logDir);
    if (sidecar.child) children.push(sidecar.child);
    log(`metrics sidecar: ${sidecar.url}${sidecar.child ? '' : ' (already running)'}`);
    const monitoring = options.monitoring === false ? { services: [], children: [] } : await startMonitoring(root, join(logDir, '..', 'monitoring'), ports, apiKey, logDir);
    children.push(...monitoring.children);
    for (const service of monitoring.services) {
      log(service.url ? `${service.name}: ${service.url} (${service.state})` : `${service.name}: not installed (apt-get install ${service.debianPackage})`);
    }

    rmSync(join(root, bundles.workFolder), { recursive: true, force: true }); // stale bundles would be loaded first
    const offline = startProcess(
      process.execPath,
      [
        join(root, 'node_modules/serverless/bin/serverless.js'),
        'offline',
        'start',
        '--noSponsor',
        '--httpPort',
        String(apiPort),
        '--lambdaPort',
        String(options.lambdaPort ?? RESOURCES.ports.lambda),
      ],
      { env: { ...offlineEnv, ALM_METRICS_URL: sidecar.url }, cwd: root, logFile: join(logDir, 'offline.log') },
    );
    log(`serverless-offline starting (log: ${join(logDir, 'offline.log')})`);
    children.push(offline);
    await waitForHttp(`${apiUrl}/health`, 90_000, offline);
    log(`API: ${apiUrl}`);

    const productionVersion = await bootstrap(apiUrl, apiKey, options, log, new LogFollower(join(logDir, 'offline.log')));
    if (productionVersion) log(`predict: ${await warmPredict(apiUrl)} warm workers with ${productionVersion} loaded`);
    return { apiUrl, endpoint, apiKey, productionVersion, metricsUrl: sidecar.url, monitoring: monitoring.services, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

/**
 * Predict workers started before traffic: the local analog of provisioned concurrency.
 * serverless-offline starts one worker thread per concurrent invocation and keeps it warm; a
 * burst that finds every worker busy starts new ones, each loading the bundle and the model while
 * requests queue behind it (under bench:heal's load that queue reached 20+ workers and 29 s
 * timeouts). `PREDICT_WARM_WORKERS` concurrent `GET /health` calls load the model in as many.
 */
export const PREDICT_WARM_WORKERS = 8;

async function warmPredict(apiUrl: string, workers = PREDICT_WARM_WORKERS): Promise<number> {
  const answers = await Promise.all(
    Array.from({ length: workers }, () =>
      fetch(`${apiUrl}/health`)
        .then(async (response) => ((await response.json()) as { status?: string }).status === 'ok')
        .catch(() => false),
    ),
  );
  return answers.filter(Boolean).length;
}

/**
 * Where serverless-esbuild bundles (`ALM_ESBUILD_WORK_FOLDER`, relative to the project: it joins
 * it to the service dir) and what offline rebuilds on (`ALM_WATCH_PATTERN`): `.esbuild` and the
 * whole tree for `npm start` (unless the environment says otherwise), a folder of the stack's own
 * and nothing for an isolated one.
 */
function bundleFolder(isolated: boolean): { workFolder: string; env: NodeJS.ProcessEnv } {
  if (!isolated) return { workFolder: process.env.ALM_ESBUILD_WORK_FOLDER || '.esbuild', env: {} };
  const workFolder = `.alm/stacks/esbuild-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return { workFolder, env: { ALM_ESBUILD_WORK_FOLDER: workFolder, ALM_WATCH_PATTERN: `${workFolder}/unwatched/*.ts` } };
}

function offlineEnvironment(endpoint: string, credentials: NonNullable<StackOptions['credentials']>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: RESOURCES.region,
    AWS_DEFAULT_REGION: RESOURCES.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    ALM_API_KEY_PARAMETER: LOCAL_API_KEY_PARAMETER, // the functions read the key there, as on AWS; never from their environment
    ALM_LOG_FLUSH: process.env.ALM_LOG_FLUSH || 'background', // workers keep running between requests
    ALM_DRIFT_SCHEDULE: process.env.ALM_DRIFT_SCHEDULE || RESOURCES.driftSchedule.offlineExpression,
  };
}

/**
 * Ingests the bootstrap CSV when nothing is registered, then waits for a production model,
 * showing the training's progress as the train function logs it (one line per candidate and fold).
 */
async function bootstrap(
  apiUrl: string,
  apiKey: string,
  options: StackOptions,
  log: (line: string) => void,
  offlineLog: LogFollower,
): Promise<string | null> {
  const status = (await (await fetch(`${apiUrl}/status`)).json()) as { production: { version: string } | null; versions: number };
  if (status.production) return status.production.version;
  if (status.versions === 0) {
    const csvPath = options.bootstrapCsv ?? join(projectRoot(), 'data', 'diabetes_prediction_dataset.csv');
    log(`registry empty: ingesting ${csvPath}`);
    const response = await fetch(`${apiUrl}/ingest${options.bootstrapQuery ?? ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-api-key': apiKey },
      body: readFileSync(csvPath, 'utf8'),
    });
    if (response.status !== 202) throw new Error(`bootstrap ingest failed with ${response.status}: ${await response.text()}`);
  }
  const deadline = Date.now() + (options.bootstrapTimeoutMs ?? 110_000);
  while (Date.now() < deadline) {
    for (const text of offlineLog.poll().map(trainingProgressOf)) if (text !== undefined) log(`  training: ${text}`);
    const health = (await (await fetch(`${apiUrl}/health`)).json()) as { model_version: string | null };
    if (health.model_version) {
      log(`production model: ${health.model_version}`);
      return health.model_version;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  log('no production model yet; training goes on in the background (see `alm status`)');
  return null;
}
