import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { QueueDepth } from '../shared/aws/sqsQueueDepths.js';
import { InvalidMetricsPushError } from '../shared/observability/errors.js';
import { FoldedTotals } from '../shared/observability/foldedTotals.js';
import { METRIC_CATALOG } from '../shared/ports/metricCatalog.js';
import { MetricsPushSchema } from '../shared/observability/metricsJson.js';
import { TrafficHistory } from '../shared/observability/trafficHistory.js';
import { formatZodIssues } from '../shared/util/formatZodIssues.js';

/** The largest push accepted (413 past it). */
export const MAX_PUSH_BYTES = 1_048_576;

export interface SidecarOptions {
  readonly port: number;
  readonly host?: string;
  /** Reads the queue depths when Prometheus scrapes (`alm_queue_messages`); none: no queue gauges. */
  readonly queueDepths?: () => Promise<{ depths: QueueDepth[]; failures: number }>;
  /** How often the traffic history samples the totals, for the console (default 10 s). */
  readonly sampleEveryMs?: number;
}

export interface RunningSidecar {
  readonly url: string;
  readonly totals: FoldedTotals;
  close(): Promise<void>;
}

/**
 * The metrics sidecar: a long-running process next to the short-lived functions.
 * - `POST /push`: a container's deltas (`getMetricsAsJSON()`), folded into `FoldedTotals` (400 for a bad push);
 * - `GET /metrics`: the totals, then the sidecar's own registry (its process metrics prefixed
 *   `alm_sidecar_`, pushes by outcome, queue depths read on scrape), in one exposition;
 * - `GET /traffic`: request rate, p95 and error share per sampling interval (`TrafficHistory`);
 * - `GET /health`.
 * Totals live in memory: a restart starts them at 0, which Prometheus's `rate()` and `increase()`
 * read as a counter reset (they continue from the new values; the deltas pushed between the last
 * scrape and the restart are lost).
 */
export async function startMetricsSidecar(options: SidecarOptions): Promise<RunningSidecar> {
  const totals = new FoldedTotals();
  const history = new TrafficHistory();
  const own = new Registry();
  collectDefaultMetrics({ register: own, prefix: 'alm_sidecar_' });
  const pushes = new Counter({ name: 'alm_sidecar_pushes_total', help: 'Pushes received, by outcome', labelNames: ['outcome'], registers: [own] });
  const queueReadFailures = new Counter({ name: 'alm_sidecar_queue_read_failures_total', help: 'Queue depth reads that failed', registers: [own] });
  if (options.queueDepths) registerQueueGauge(own, options.queueDepths, queueReadFailures);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, `internal error: ${(error as Error).message}`));
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = `${request.method} ${new URL(request.url ?? '/', 'http://sidecar').pathname}`;
    if (route === 'POST /push') {
      const outcome = await receivePush(request, totals);
      pushes.inc({ outcome: outcome.status === 204 ? 'folded' : 'refused' });
      return send(response, outcome.status, outcome.message);
    }
    if (route === 'GET /metrics') {
      const registry = Registry.merge([totals.registry(), own]);
      response.writeHead(200, { 'content-type': registry.contentType });
      return void response.end(await registry.metrics());
    }
    if (route === 'GET /traffic') return sendJson(response, { points: history.points() });
    if (route === 'GET /health') return sendJson(response, { status: 'ok' });
    send(response, 404, `no route ${route}: the sidecar serves POST /push, GET /metrics, GET /traffic, GET /health`);
  }

  const sampler = setInterval(() => history.sample(totals.snapshot(), new Date()), options.sampleEveryMs ?? 10_000);
  sampler.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    totals,
    close: () => {
      clearInterval(sampler);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function receivePush(request: IncomingMessage, totals: FoldedTotals): Promise<{ status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PUSH_BYTES) return { status: 413, message: `push larger than ${MAX_PUSH_BYTES} bytes` };
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { status: 400, message: 'push body is not JSON' };
  }
  const parsed = MetricsPushSchema.safeParse(body);
  if (!parsed.success) return { status: 400, message: `push is not getMetricsAsJSON() output: ${formatZodIssues(parsed.error)}` };
  try {
    totals.fold(parsed.data);
  } catch (error) {
    if (error instanceof InvalidMetricsPushError) return { status: 400, message: error.message };
    throw error;
  }
  return { status: 204, message: '' };
}

function registerQueueGauge(registry: Registry, read: NonNullable<SidecarOptions['queueDepths']>, failures: Counter): void {
  const definition = METRIC_CATALOG.alm_queue_messages;
  new Gauge({
    name: 'alm_queue_messages',
    help: definition.help,
    labelNames: [...definition.labels],
    registers: [registry],
    async collect() {
      const { depths, failures: failed } = await read();
      this.reset();
      for (const depth of depths) this.set({ queue: depth.queue, kind: depth.kind }, depth.messages);
      if (failed > 0) failures.inc(failed);
    },
  });
}

function send(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(message ? `${message}\n` : '');
}

function sendJson(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
