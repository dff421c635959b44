import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { GetObjectCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestCommand } from '../cli/commands/ingest.js';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { S3ObjectStore } from '../shared/aws/s3ObjectStore.js';
import { S3ObjectUploader } from '../shared/aws/s3ObjectUploader.js';
import { RESOURCES } from '../shared/config/resources.js';
import { systemClock } from '../shared/platform/systemClock.js';
import { createModelRegistry, type ModelRegistry } from '../shared/registry/modelRegistry.js';
import { sha256Hex } from '../shared/util/sha256.js';
import { freePort } from '../local/processes.js';
import { startStack, type RunningStack } from '../local/startStack.js';
import { dataPath, readData, relabeledCsv } from './support/datasets.js';
import { tempDir } from './support/runCli.js';
import { until } from './support/until.js';

const MIB = 1024 * 1024;
const PIMA = readData('pima_indians_diabetes.csv');

let stack: RunningStack;
let s3: S3Client;
let registry: ModelRegistry;

/** serverless-offline's peak resident set so far (VmHWM of /proc), in bytes: its worker threads share the process. */
function offlinePeakRss(): number {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n');
  const line = ps.find((l) => l.includes('serverless.js offline start') && l.includes(`--httpPort ${new URL(stack.apiUrl).port}`));
  if (!line) throw new Error('serverless-offline of this stack not found');
  const status = readFileSync(`/proc/${line.trim().split(/\s+/)[0]}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

/**
 * POST /ingest on a raw socket (so that an answer or a reset mid-body is seen as it happens):
 * the headers, then up to `limit` body bytes in 64 KiB chunks (chunked encoding when no
 * Content-Length is given) until the server answers or closes. Resolves with the status (if
 * any), whether the connection was reset, and the body bytes written.
 */
function rawUpload(contentLength: number | undefined, limit: number): Promise<{ status?: number; reset: boolean; sent: number; head: string }> {
  const chunk = Buffer.alloc(64 * 1024, '1,2,3,4,5,6,7,8,0\n');
  const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  const url = new URL(stack.apiUrl);
  const head = [
    'POST /ingest HTTP/1.1', `host: ${url.host}`, 'content-type: text/csv', `x-api-key: ${stack.apiKey}`,
    contentLength === undefined ? 'transfer-encoding: chunked' : `content-length: ${contentLength}`, '', '',
  ].join('\r\n');
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let [sent, received, done] = [0, '', false];
    const finish = (reset: boolean) => {
      if (done) return;
      done = true;
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      resolve({ status: status ? Number(status) : undefined, reset, sent, head: received.split('\r\n')[0] });
    };
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      if (received.includes('\r\n\r\n')) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(received === ''));
    const pump = () => {
      while (!done && sent < limit) {
        sent += chunk.length;
        const ok = socket.write(contentLength === undefined ? framed : chunk);
        if (!ok) return void socket.once('drain', pump);
      }
      if (!done && contentLength === undefined) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
  });
}

/** A CSV of about `bytes` bytes, pima's columns, rows repeated. */
function largeCsv(bytes: number): string {
  const [header, ...rows] = PIMA.trim().split('\n');
  const lines = [header];
  for (let size = header.length; size < bytes; ) {
    const row = rows[lines.length % rows.length];
    lines.push(row);
    size += row.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

async function* chunksOf(text: string, size = MIB, failAfter?: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) {
    if (failAfter !== undefined && i >= failAfter) throw new Error('the source broke');
    yield bytes.subarray(i, i + size);
  }
}

describe('CSV ingestion on the local stack: bounded HTTP ingest, streamed large files', () => {
  beforeAll(async () => {
    delete process.env.AWS_ENDPOINT_URL;
    const [apiPort, lambdaPort, awsPort, metricsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    stack = await startStack({
      apiPort, lambdaPort, awsPort, metricsPort, monitoring: false, logDir: tempDir('alm-ingest-stack-'),
      bootstrapCsv: dataPath('pima_indians_diabetes.csv'), bootstrapQuery: '?candidates=linear&cv_folds=3', log: () => {},
    });
    s3 = createAwsClients({ region: RESOURCES.region, endpoint: stack.endpoint.url, credentials: LOCAL_CREDENTIALS }).s3;
    registry = createModelRegistry(new S3ObjectStore(s3, RESOURCES.bucket), { clock: systemClock });
  }, 240_000);

  afterAll(async () => {
    s3?.destroy();
    await stack?.stop();
  }, 30_000);

  // hapi (serverless-offline's HTTP server, payload limit 10 MiB) refuses a Content-Length over
  // its limit before reading, but drains (reads and discards) the body before it answers; on AWS,
  // API Gateway answers 413 past 10 MB. Either way the body is never held.
  it('refuses a 1 GB upload with 413, reading it through without holding it', { timeout: 300_000 }, async () => {
    const before = offlinePeakRss();
    const answer = await rawUpload(1024 * MIB, 1024 * MIB);
    expect(answer).toMatchObject({ status: 413 });
    const growth = offlinePeakRss() - before;
    console.log(`1 GiB upload: ${answer.status} after ${answer.sent} bytes; serverless-offline peak RSS +${(growth / MIB).toFixed(1)} MiB`);
    expect(growth).toBeLessThan(64 * MIB);
  });

  it('stops a chunked upload with no Content-Length past the HTTP limit, without holding it', { timeout: 120_000 }, async () => {
    const before = offlinePeakRss();
    const answer = await rawUpload(undefined, 256 * MIB);
    expect({ ...answer, refused: answer.status === 413 || answer.reset }).toMatchObject({ refused: true });
    console.log(`chunked upload: ${answer.head || 'connection reset'} after ${answer.sent} bytes`);
    expect(answer.sent).toBeLessThan(64 * MIB); // refused at its 10 MiB limit, not after the 256 MiB offered
    expect(offlinePeakRss() - before).toBeLessThan(64 * MIB);
  });

  it('answers 413 naming ALM_MAX_INGEST_BYTES for a body over the ingest limit the HTTP layer let through', async () => {
    const response = await fetch(`${stack.apiUrl}/ingest`, { method: 'POST', body: largeCsv(7 * MIB), headers: { 'content-type': 'text/csv', 'x-api-key': stack.apiKey } });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'PayloadTooLargeError', message: expect.stringContaining('ALM_MAX_INGEST_BYTES') });
  });

  it('streams a large CSV to S3 as a multipart upload, once, under its digest', async () => {
    const csv = largeCsv(12 * MIB);
    const digest = sha256Hex(csv);
    const uploader = new S3ObjectUploader(s3, RESOURCES.bucket, 5 * MIB);
    expect(await registry.datasets.putStream(digest, chunksOf(csv), uploader)).toMatchObject({ created: true });
    const stored = await s3.send(new GetObjectCommand({ Bucket: RESOURCES.bucket, Key: `datasets/${digest}.csv` }));
    expect(sha256Hex(await stored.Body!.transformToString('utf-8'))).toBe(digest);
    expect(stored.ETag).toMatch(/-3"$/); // three parts of 5 MiB, 5 MiB and the rest
    expect(await registry.datasets.putStream(digest, chunksOf(csv, MIB, 0), uploader)).toMatchObject({ created: false }); // never read

    const broken = largeCsv(11 * MIB);
    await expect(registry.datasets.putStream(sha256Hex(broken), chunksOf(broken, MIB, 7 * MIB), uploader)).rejects.toThrow('the source broke');
    expect(await registry.datasets.get(sha256Hex(broken))).toBeUndefined();
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: RESOURCES.bucket }))).Uploads ?? []).toEqual([]);
  });

  it('alm ingest streams a file to the registry and the stack trains it', { timeout: 180_000 }, async () => {
    const csv = relabeledCsv(PIMA, (fields) => (Number(fields[1]) > 120 ? '1' : '0'));
    const path = join(tempDir('alm-ingest-cli-'), 'pima-relabeled.csv');
    writeFileSync(path, csv);
    const printed: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((text) => (printed.push(String(text)), true));
    process.env.AWS_ENDPOINT_URL = stack.endpoint.url;
    try {
      await ingestCommand([path, '--candidates', 'linear', '--cv-folds', '3', '--json']);
    } finally {
      stdout.mockRestore();
      delete process.env.AWS_ENDPOINT_URL;
    }
    const result = JSON.parse(printed.join(''));
    expect(result).toMatchObject({ dataset_digest: sha256Hex(csv), rows: 768, created: true, task: 'binary' });
    expect(await registry.datasets.get(result.dataset_digest)).toBe(csv);
    // The bootstrap's pima model may or may not be there (v0001): wait for the version trained on this dataset.
    const trained = async () => {
      for (const { version } of await registry.versions.list()) {
        const manifest = await registry.versions.manifest(version).catch(() => undefined);
        if (manifest?.metadata.dataset_digest === result.dataset_digest) return version;
      }
      return undefined;
    };
    expect(await until('a version trained on the ingested dataset', trained, 150_000)).toMatch(/^v000[12]$/);
  });
});
