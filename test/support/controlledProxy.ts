import { createServer, request as httpRequest, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback, readAll, type ProxiedRequest } from './faultProxy.js';

/**
 * What the proxy does with one request: forward it, cut the connection, forward it and cut the
 * connection instead of answering (the endpoint acted, the caller never heard), forward it late,
 * or never answer.
 */
export type ProxyAction = 'pass' | 'cut' | 'lose_response' | 'hold' | { readonly delayMs: number };

export interface ControlledProxy {
  readonly url: string;
  /** Replaces the rule deciding each request's fate (default: everything passes). */
  setRule(rule: (request: ProxiedRequest) => ProxyAction): void;
  /** Requests seen so far, by action taken. */
  readonly seen: Map<'pass' | 'cut' | 'lose_response' | 'hold' | 'delay', ProxiedRequest[]>;
  /** Resolves with the first held request matching `match` (at once if one is held already). */
  heldRequest(match: (request: ProxiedRequest) => boolean): Promise<ProxiedRequest>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of moto_server whose behaviour a test switches while the stack
 * runs, for faults that `faultProxy` (a 500 per chosen request) does not cover: `cut` destroys
 * the connection (the endpoint is unreachable: the SDK sees a reset), `lose_response` lets the
 * endpoint act but loses its answer (the case that makes delivery at-least-once), `{delayMs}` forwards after
 * a delay (a slow endpoint), `hold` never answers (a process stuck mid-write, to be killed).
 * S3 requests are named `METHOD /bucket/key`, SQS ones by their `X-Amz-Target`.
 */
export async function startControlledProxy(target: string): Promise<ControlledProxy> {
  let rule: (request: ProxiedRequest) => ProxyAction = () => 'pass';
  const seen: ControlledProxy['seen'] = new Map();
  const waiters: { match: (r: ProxiedRequest) => boolean; resolve: (r: ProxiedRequest) => void }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (incoming, outgoing) => {
    const body = await readAll(incoming);
    const operation = String(incoming.headers['x-amz-target'] ?? new URLSearchParams(body.toString('utf8')).get('Action') ?? '');
    const request: ProxiedRequest = { method: incoming.method ?? 'GET', path: decodeURIComponent((incoming.url ?? '/').split('?')[0]), operation };
    const action = rule(request);
    const name = typeof action === 'string' ? action : 'delay';
    seen.set(name, [...(seen.get(name) ?? []), request]);
    if (action === 'cut') return void incoming.socket.destroy();
    if (action === 'hold') {
      for (const waiter of waiters.filter((w) => w.match(request))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(request);
      }
      return; // never answered; the socket closes with the proxy or the client
    }
    if (typeof action === 'object') await new Promise((resolve) => setTimeout(resolve, action.delayMs));
    const upstream = httpRequest(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (response) => {
      if (action === 'lose_response') {
        response.resume();
        return void response.on('end', () => incoming.socket.destroy());
      }
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    upstream.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url: await listenOnLoopback(server),
    seen,
    setRule: (next) => (rule = next),
    heldRequest: (match) => {
      const already = (seen.get('hold') ?? []).find(match);
      return already ? Promise.resolve(already) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
