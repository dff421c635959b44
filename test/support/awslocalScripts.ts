import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { delimiter, dirname, join } from 'node:path';
import { RESOURCES } from '../../shared/config/resources.js';
import { projectRoot } from '../../local/projectRoot.js';

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Where `name` really is. Under pyenv (as on these machines) `aws` and `python3` on PATH are
 * shims that run `pyenv exec` (bash scripts, a tenth of a second or more) before Python itself,
 * on every call of the dozens a script makes: the shim's target is used instead, the same
 * program the shim would have started. Elsewhere, what PATH finds.
 */
function realExecutable(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (!found.includes('/shims/')) return found || name;
  const target = spawnSync('pyenv', ['which', name], { encoding: 'utf8' });
  return target.status === 0 && target.stdout.trim() ? target.stdout.trim() : found;
}

let resolved: { aws: string; pythonDir: string } | undefined;
const executables = () => (resolved ??= { aws: realExecutable('aws'), pythonDir: dirname(realExecutable('python3')) });

/** The AWS CLI against `endpoint`, as $AWSLOCAL (or $AWSLOCAL_LAMBDA) holds it for the scripts. */
export function awsCli(endpoint: string): string {
  return `${executables().aws} --endpoint-url ${endpoint}`;
}

/**
 * The environment that points the awslocal scripts at `endpoint` through $AWSLOCAL (the AWS CLI),
 * as a user outside LocalStack does; the scripts' python3 found first on PATH (`realExecutable`).
 */
export function awslocalEnv(endpoint: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [executables().pythonDir, process.env.PATH ?? ''].join(delimiter),
    AWSLOCAL: awsCli(endpoint),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: RESOURCES.region,
    ...extra,
  };
}

/** Runs `localstack/scripts/<name>` with bash, without blocking the event loop (a stand-in server of this process may be what it calls). */
export function runScript(name: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(projectRoot(), 'localstack/scripts', name), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What a stand-in Lambda endpoint received: the function name of each Invoke and its payload. */
export interface Invocation {
  readonly functionName: string;
  readonly payload: unknown;
}

/**
 * A stand-in for a Lambda endpoint (the Invoke API, `POST /2015-03-31/functions/<name>/invocations`)
 * on a free port: records each invocation and answers with `answer(invocation)` (a function error
 * when it returns `{ error }`).
 */
export async function startLambdaStandIn(answer: (invocation: Invocation) => { body: unknown; error?: string }) {
  const invocations: Invocation[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '');
      if (request.method !== 'POST' || !match) {
        response.writeHead(404).end();
        return;
      }
      const invocation = { functionName: decodeURIComponent(match[1]), payload: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      invocations.push(invocation);
      const { body, error } = answer(invocation);
      response.writeHead(200, { 'content-type': 'application/json', ...(error ? { 'x-amz-function-error': error } : {}) }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}`, invocations, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
