import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';

/** What the proxy sees of a request, to decide whether to fail it. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The AWS JSON-protocol operation (`X-Amz-Target`, e.g. `AmazonSQS.SendMessageBatch`), or the query `Action=`. */
  readonly operation: string;
}

export interface FaultProxy {
  readonly url: string;
  /** How many requests were failed on purpose, by operation. */
  readonly injected: Map<string, number>;
  /** How many requests were forwarded, by operation. */
  readonly forwarded: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a real endpoint (moto_server) that answers some requests
 * with a 500 instead of forwarding them: `fail(request)` decides. Everything else is forwarded
 * byte for byte. For fault-injection tests against real serverless-offline and moto.
 */
export async function startFaultProxy(target: string, fail: (request: ProxiedRequest) => boolean): Promise<FaultProxy> {
  const injected = new Map<string, number>();
  const forwarded = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const server: Server = createServer(async (incoming, outgoing) => {
    const body = await readAll(incoming);
    const operation = String(incoming.headers['x-amz-target'] ?? new URLSearchParams(body.toString('utf8')).get('Action') ?? '');
    if (fail({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', operation })) {
      bump(injected, operation);
      outgoing.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      outgoing.end(JSON.stringify({ __type: 'InternalError', message: 'injected fault' }));
      return;
    }
    bump(forwarded, operation);
    const upstream = httpRequest(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    upstream.end(body);
  });
  return {
    url: await listenOnLoopback(server),
    injected,
    forwarded,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Starts `server` on a free loopback port; its URL. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** The whole body of a request. */
export function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
