import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** A running `moto_server` on a free local port, with one bucket. */
export interface MotoServer {
  readonly endpoint: string;
  readonly bucket: string;
  /** A new S3 client on this server (each caller its own, as separate processes would have). */
  client(options?: { maxAttempts?: number }): S3Client;
  /** Wipes every bucket (`POST /moto-api/reset`) and creates `bucket` again. */
  reset(): Promise<void>;
  /** SIGTERM, then SIGKILL if still alive after a grace period. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 3_000;

/** A port the OS reports free now (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function s3Client(endpoint: string, maxAttempts = 3): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

async function waitUntilReady(endpoint: string, process: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (process.exitCode !== null || process.signalCode !== null) {
      throw new Error(`moto_server exited (${process.exitCode ?? process.signalCode}) before answering:\n${output()}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer ${endpoint}/moto-api/ within ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_GRACE_MS).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Starts `moto_server -H 127.0.0.1 -p PORT` on a free port (never a fixed one), waits until
 * `GET /moto-api/` answers, and creates `bucket`. A start that loses its port to another process
 * is retried on a new port.
 */
export async function startMotoServer(bucket = 'registry-test-bucket'): Promise<MotoServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
    try {
      await Promise.race([waitUntilReady(endpoint, child, () => log), spawnFailed]);
    } catch (error) {
      lastError = error;
      await stopProcess(child);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') break;
      continue;
    }
    spawnFailed.catch(() => undefined);
    const createBucket = async () => {
      const admin = s3Client(endpoint);
      try {
        await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      } finally {
        admin.destroy();
      }
    };
    await createBucket();
    return {
      endpoint,
      bucket,
      client: (options = {}) => s3Client(endpoint, options.maxAttempts),
      reset: async () => {
        const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
        if (!response.ok) throw new Error(`moto reset answered ${response.status}`);
        await createBucket();
      },
      stop: () => stopProcess(child),
    };
  }
  throw new Error(`could not start moto_server: ${String(lastError)}`, { cause: lastError });
}
