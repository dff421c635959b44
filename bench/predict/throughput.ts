/**
 * Throughput through serverless-offline, with autocannon's programmatic API: a bounded run
 * (default 10 s, 4 connections, no pipelining) against one loopback URL. The figure is the
 * successful (2xx) answers over the run's measured duration, times the records per request:
 * predictions/s for `POST /predict`, requests/s for `GET /health`. Any non-2xx answer or
 * connection error fails the figure (a fast error path must not count as throughput).
 */
import { createRequire } from 'node:module';

interface AutocannonResult {
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly duration: number;
  readonly latency: { readonly p50: number; readonly p99: number };
}
interface AutocannonOptions {
  url: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  connections?: number;
  duration?: number;
  pipelining?: number;
  timeout?: number;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

// autocannon is CommonJS and ships no types: required, and typed by the interfaces above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface ThroughputOptions {
  readonly durationSeconds?: number;
  readonly connections?: number;
}

export interface Throughput {
  /** Successful requests per second. */
  readonly requestsPerSecond: number;
  /** Successful requests per second × records per request. */
  readonly itemsPerSecond: number;
  readonly requests: number;
  readonly seconds: number;
}

/** `method url` with `body` for a bounded time; `recordsPerRequest` scales requests/s to predictions/s. */
export async function measureThroughput(
  url: string,
  request: { method: 'GET' | 'POST'; body?: string; recordsPerRequest: number },
  options: ThroughputOptions = {},
): Promise<Throughput> {
  const url_ = new URL(url);
  if (url_.hostname !== '127.0.0.1' && url_.hostname !== 'localhost') throw new Error(`throughput only on loopback, not ${url_.hostname}`);
  const result = await autocannon({
    url,
    method: request.method,
    body: request.body,
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    connections: options.connections ?? 4,
    duration: options.durationSeconds ?? 10,
    pipelining: 1,
    timeout: 10,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${request.method} ${url_.pathname}: ${result.non2xx} non-2xx answers and ${result.errors} errors (${result.timeouts} timeouts) of ${result['2xx'] + result.non2xx}`);
  }
  const requestsPerSecond = result['2xx'] / result.duration;
  return { requestsPerSecond, itemsPerSecond: requestsPerSecond * request.recordsPerRequest, requests: result['2xx'], seconds: result.duration };
}

export const fmtPerSecond = (unit: string) => (v: number) => `${v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1)} ${unit}/s`;
