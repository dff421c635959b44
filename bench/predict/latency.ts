/**
 * Latency, measured side by side: one sequential loop calls every probe once per iteration (the
 * order rotated each iteration, so no probe always runs first), after a warm-up whose samples are
 * dropped; machine noise hits every probe alike. A sample is the wall time of one awaited call,
 * from `performance.now()` before it to after its answer has been read. Between calls, untimed,
 * the loop yields to the event loop once (`setImmediate`), as a server does between requests,
 * so work deferred off the response path (the prediction log's sends) runs as it would there.
 *
 * Percentiles are nearest-rank: the p-th percentile of n sorted samples is the ⌈p/100 · n⌉-th
 * (1-based), a measured sample, never an interpolation.
 *
 * `httpProbe` calls an endpoint over one keep-alive connection (node:http, loopback), reads the
 * whole answer and fails on any status but 200.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export type Probe = () => Promise<void>;

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

/** Nearest-rank percentile `p` (0 < p ≤ 100) of `values`. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) throw new Error('percentile of no samples');
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function percentiles(values: ArrayLike<number>): Percentiles {
  return { p50: percentile(values, 50), p99: percentile(values, 99), samples: values.length };
}

/** Runs `warmup` then `iterations` rounds of every probe, rotated; the milliseconds of each call per probe. */
export async function interleavedLatency<K extends string>(
  probes: Record<K, Probe>,
  iterations: number,
  warmup: number,
): Promise<Record<K, Percentiles>> {
  const names = Object.keys(probes) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, new Float64Array(iterations)])) as Record<K, Float64Array>;
  for (let i = -warmup; i < iterations; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(((i % names.length) + names.length + j) % names.length)];
      const started = performance.now();
      await probes[name]();
      const elapsed = performance.now() - started;
      if (i >= 0) samples[name][i] = elapsed;
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  return Object.fromEntries(names.map((n) => [n, percentiles(samples[n])])) as Record<K, Percentiles>;
}

/** A probe of `method url` with `body`, over `agent`'s keep-alive connection. */
export function httpProbe(agent: Agent, method: string, url: string, body?: string): Probe {
  const target = new URL(url);
  const payload = body === undefined ? undefined : Buffer.from(body);
  const headers = payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {};
  return () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ agent, method, host: target.hostname, port: target.port, path: target.pathname, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`${method} ${target.pathname} answered ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`)),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
}

/** One keep-alive connection for a sequential loop. */
export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}

export const fmtMillis = (v: number) => `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ms`;
