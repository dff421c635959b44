import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS } from '../../shared/aws/awsConfig.js';
import { freePort, startProcess, stopProcess, waitForHttp } from '../../local/processes.js';
import { tempDir } from './runCli.js';

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

function s3Client(endpoint: string, maxAttempts = 3): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: LOCAL_CREDENTIALS, maxAttempts });
}

/**
 * Starts `moto_server -H 127.0.0.1 -p PORT` on a free port (never a fixed one), waits until
 * `GET /moto-api/` answers, and creates `bucket`. A start that loses its port to another
 * process is retried on a new port. Its output goes to a temporary log file.
 */
export async function startMotoServer(bucket = 'registry-test-bucket'): Promise<MotoServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const child = startProcess('moto_server', ['-H', '127.0.0.1', '-p', endpoint.split(':')[2]], {
      env: { ...process.env, MOTO_ACCOUNT_ID: '000000000000' },
      logFile: join(tempDir('alm-moto-'), 'moto.log'),
    });
    try {
      await waitForHttp(`${endpoint}/moto-api/`, 20_000, child);
    } catch (error) {
      lastError = error;
      await stopProcess(child);
      continue;
    }
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
