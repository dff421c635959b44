import { EndpointUnavailableError } from '../../local/resolveEndpoint.js';
import { LOCAL_API_KEY_PARAMETER, startStack } from '../../local/startStack.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { parseCommand } from '../options.js';

export const START_USAGE = 'alm start   (npm start): the local stack; Ctrl-C stops everything it started';

/** `alm start`: boots the stack, prints the URLs and where the admin key is (never the key), and runs until Ctrl-C. */
export async function startCommand(args: string[]): Promise<void> {
  parseCommand(args, {});
  const stack = await startStack().catch((error: unknown) => {
    throw error instanceof EndpointUnavailableError ? new UsageError(error.message, { cause: error }) : error;
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say('');
  say(`automl-lifecycle-monitor is running`);
  say(`  API          ${stack.apiUrl}   (GET /health, POST /predict, GET /status, GET /versions)`);
  say(`  admin        POST /ingest (text/csv), /promote, /rollback, /drift-check with header x-api-key`);
  say(`  admin key    ALM_API_KEY, or kept in .alm/api-key (never printed); the functions read it from SSM ${LOCAL_API_KEY_PARAMETER}`);
  say(`  AWS endpoint ${stack.endpoint.url} (${stack.endpoint.source})`);
  say(`  production   ${stack.productionVersion ?? 'none yet'}`);
  say(`  console      ${stack.apiUrl}/console   (GET /metrics: the sidecar's exposition)`);
  say(`  sidecar      ${stack.metricsUrl}/metrics`);
  for (const service of stack.monitoring) say(`  ${service.name.padEnd(12)} ${service.url ?? `not installed (apt-get install ${service.debianPackage})`}`);
  say('Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    const shutdown = () => {
      process.stderr.write('stopping…\n');
      stack.stop().then(resolve, resolve);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  if (stack.endpoint.stopHint) say(`LocalStack keeps running: ${stack.endpoint.stopHint}`);
}
