import { createAwsClients } from '../../shared/aws/awsClients.js';
import { awsConfigFromEnv } from '../../shared/aws/awsConfig.js';
import { sqsQueueDepths } from '../../shared/aws/sqsQueueDepths.js';
import { RESOURCES } from '../../shared/config/resources.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { startMetricsSidecar } from '../../sidecar/metricsSidecar.js';
import { parseCommand } from '../options.js';

export const SIDECAR_USAGE = 'alm sidecar [--port 9464] [--host 127.0.0.1]   the metrics sidecar (npm start runs it); queue depths from AWS_ENDPOINT_URL';

/** `alm sidecar`: the metrics sidecar in the foreground, until SIGINT/SIGTERM. */
export async function sidecarCommand(args: string[]): Promise<void> {
  const { values } = parseCommand(args, { port: { type: 'string' }, host: { type: 'string' } });
  const port = values.port === undefined ? RESOURCES.ports.metrics : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a TCP port, got '${String(values.port)}'`);
  const clients = createAwsClients(awsConfigFromEnv(process.env, RESOURCES.region));
  const sidecar = await startMetricsSidecar({ port, host: (values.host as string | undefined) ?? '127.0.0.1', queueDepths: sqsQueueDepths(clients.sqs, RESOURCES.queues) });
  process.stdout.write(`metrics sidecar: ${sidecar.url} (POST /push, GET /metrics, GET /traffic)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sidecar.close();
}
