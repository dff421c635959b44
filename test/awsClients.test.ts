import { createServer, type Server, type Socket } from 'node:net';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';

/** A TCP server that accepts connections and never answers. */
const sockets: Socket[] = [];
const silent: Server = createServer((socket) => void sockets.push(socket));
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  return new Promise<void>((done) => silent.close(() => done()));
});

describe('createAwsClients', () => {
  it('gives every request a deadline: an endpoint that never answers fails with a timeout after the retries, it does not hang', async () => {
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    const { s3 } = createAwsClients({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: LOCAL_CREDENTIALS }, { connectionTimeout: 300, requestTimeout: 300 });
    const started = Date.now();
    const error = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TimeoutError');
    expect((error as { $metadata?: { attempts?: number } }).$metadata?.attempts).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    s3.destroy();
  }, 20_000);
});
