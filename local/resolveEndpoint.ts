import { spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { NamedError } from '../shared/errors/namedError.js';
import { onPath, startProcess, waitForHttp } from './processes.js';

/** How the local AWS endpoint was obtained. */
export interface Endpoint {
  readonly url: string;
  readonly source: 'AWS_ENDPOINT_URL' | 'localstack' | 'moto_server';
  /** The process started for it (moto_server), to stop on exit. */
  readonly process?: ChildProcess;
  /** What to run to stop it, when it is not a child process (LocalStack). */
  readonly stopHint?: string;
}

export class EndpointUnavailableError extends NamedError {}

/**
 * The AWS endpoint rule, in order:
 * 1. `AWS_ENDPOINT_URL` if set (nothing is started);
 * 2. else a LocalStack container (`docker-compose up -d localstack`) when a Docker engine answers;
 * 3. else `moto_server` from PATH, started on `port` (with the account id of the queue ARNs);
 * 4. else an error saying what to install.
 */
export async function resolveEndpoint(
  port: number,
  accountId: string,
  logDir: string,
  log: (line: string) => void,
): Promise<Endpoint> {
  const fromEnv = process.env.AWS_ENDPOINT_URL;
  if (fromEnv) return { url: fromEnv, source: 'AWS_ENDPOINT_URL' };
  const url = `http://127.0.0.1:${port}`;
  if (dockerEngineAnswers()) {
    const compose = onPath('docker-compose') ? ['docker-compose'] : ['docker', 'compose'];
    const up = spawnSync(compose[0], [...compose.slice(1), 'up', '-d', 'localstack'], { stdio: 'inherit' });
    if (up.status === 0) {
      await waitForHttp(`${url}/_localstack/health`, 120_000);
      return { url, source: 'localstack', stopHint: `${compose.join(' ')} stop localstack` };
    }
    log('docker-compose could not start LocalStack; trying moto_server');
  }
  if (onPath('moto_server')) {
    const child = startProcess('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
      env: { ...process.env, MOTO_ACCOUNT_ID: accountId },
      logFile: join(logDir, 'moto.log'),
    });
    await waitForHttp(`${url}/moto-api/`, 30_000, child);
    return { url, source: 'moto_server', process: child };
  }
  throw new EndpointUnavailableError(
    "no AWS endpoint: set AWS_ENDPOINT_URL, start a Docker engine (for LocalStack), or install moto's server: pip install 'moto[server]'",
  );
}

function dockerEngineAnswers(): boolean {
  if (!onPath('docker')) return false;
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 }).status === 0;
}
