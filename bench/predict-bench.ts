/**
 * Benchmark of the prediction service (`npm run bench:predict`). Not a test: it prints one table
 * to stdout (figure | ours | GET /health | ratio | target | ok), progress to stderr, and exits 0
 * even when a target is missed (1 only when the stack cannot be started).
 *
 * It starts the local stack as `npm start` does (moto_server + serverless-offline, on free
 * loopback ports, `ALM_API_KEY` set for the run), bootstrapped with the first 20,000 rows of the
 * main dataset, so production serves a gradient boosting model on its features; then, every
 * figure beside `GET /health` measured in the same run:
 *   1 predict/latency.ts    p50/p99 of POST /predict (1 and 100 records) and GET /health through
 *                           serverless-offline, one sequential loop interleaving the three
 *   2 predict/inProcess.ts  the same three, calling functions/predict.ts `handler` in this process
 *   3 predict/throughput.ts predictions/s with 1- and 100-record requests (autocannon, 10 s each),
 *                           beside GET /health requests/s
 * Percentiles are nearest-rank (latency.ts). The stack is stopped at the end, also on error or
 * Ctrl-C. Request bodies, the bootstrap CSV and the wait between phases: predict/stack.ts.
 *
 * Order: HTTP latency, throughput, in-process latency (last: its predictions are drained into the
 * log at the end). Before each measured phase the benchmark waits until the prediction log's
 * queue is empty (the records of the previous phase written by ingest), and each throughput run
 * follows an unmeasured warm-up run with the same connections, so serverless-offline has started
 * its worker threads (one per concurrent connection, each loading the model) before it is timed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../local/processes.js';
import { startStack, type RunningStack } from '../local/startStack.js';
import { loadInProcessHandler } from './predict/inProcess.js';
import { httpProbe, interleavedLatency, keepAliveAgent } from './predict/latency.js';
import { measureThroughput } from './predict/throughput.js';
import { BATCH_SIZE, BODIES, waitForQuiet, writeBootstrapCsv } from './predict/stack.js';
import { figureCells, formatFigureTable, ratioAtMost } from './report.js';
import { saveBenchResults } from './support/benchResults.js';
import { breakdown, latencyRows, throughputRows, type Latencies, type Throughputs } from './predict/rows.js';

const ITERATIONS = 2000;
const WARMUP = 200;
const THROUGHPUT = { durationSeconds: 10, connections: 2 };
const THROUGHPUT_WARMUP = { durationSeconds: 3, connections: 2 };

type Endpoints = 'health' | 'one' | 'batch';

const progress = (line: string) => process.stderr.write(`${line}\n`);

/** Runs `what`; on failure records `what: message` and returns undefined. */
async function attempt<T>(failures: string[], what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    progress(`FAILED ${what}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function httpLatency(apiUrl: string): Promise<Latencies> {
  const agent = keepAliveAgent();
  try {
    return await interleavedLatency<Endpoints>(
      {
        health: httpProbe(agent, 'GET', `${apiUrl}/health`),
        one: httpProbe(agent, 'POST', `${apiUrl}/predict`, BODIES.one),
        batch: httpProbe(agent, 'POST', `${apiUrl}/predict`, BODIES.batch),
      },
      ITERATIONS,
      WARMUP,
    );
  } finally {
    agent.destroy();
  }
}

async function inProcessLatency(stack: RunningStack, apiKey: string): Promise<Latencies> {
  const handler = await loadInProcessHandler(stack.endpoint.url, apiKey);
  try {
    return await interleavedLatency<Endpoints>(
      {
        health: handler.probe('GET', '/health'),
        one: handler.probe('POST', '/predict', BODIES.one),
        batch: handler.probe('POST', '/predict', BODIES.batch),
      },
      ITERATIONS,
      WARMUP,
    );
  } finally {
    await handler.drain(); // the in-process predictions reach the log before the stack stops
  }
}

async function throughputs(stack: RunningStack, failures: string[], quiet: () => Promise<void>): Promise<Throughputs> {
  const run = async (what: string, path: string, request: Parameters<typeof measureThroughput>[1]) => {
    progress(`throughput: ${what}: warm-up (${THROUGHPUT_WARMUP.durationSeconds} s), then ${THROUGHPUT.durationSeconds} s, ${THROUGHPUT.connections} connections`);
    await attempt(failures, `throughput warm-up ${what}`, () => measureThroughput(`${stack.apiUrl}${path}`, request, THROUGHPUT_WARMUP));
    await quiet();
    const measured = await attempt(failures, `throughput ${what}`, () => measureThroughput(`${stack.apiUrl}${path}`, request, THROUGHPUT));
    await quiet();
    return measured;
  };
  const health = await run('GET /health', '/health', { method: 'GET', recordsPerRequest: 1 });
  const batch = await run(`POST /predict, ${BATCH_SIZE} records`, '/predict', { method: 'POST', body: BODIES.batch, recordsPerRequest: BATCH_SIZE });
  const one = await run('POST /predict, 1 record', '/predict', { method: 'POST', body: BODIES.one, recordsPerRequest: 1 });
  return { health, one, batch };
}

async function main(): Promise<number> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const workDir = mkdtempSync(join(tmpdir(), 'alm-bench-predict-'));
  const loadBefore = loadavg();
  const apiKey = (process.env.ALM_API_KEY ||= 'bench-predict-key');
  delete process.env.AWS_ENDPOINT_URL; // our own moto_server on a free port, never a shared endpoint
  let stack: RunningStack | undefined;
  let keepWorkDir = false;
  const stopStack = async () => {
    const running = stack;
    stack = undefined;
    if (running) {
      progress('stopping the stack…');
      await running.stop();
    }
  };
  const interrupted = () => void stopStack().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    // Serving is measured alone: no scheduled drift check (nor a retrain it could ask for) next to it.
    process.env.ALM_DRIFT_SCHEDULE ||= 'rate(1 day)';
    const bootstrapCsv = writeBootstrapCsv(join(root, 'data', 'diabetes_prediction_dataset.csv'), workDir);
    const [apiPort, lambdaPort, awsPort] = [await freePort(), await freePort(), await freePort()];
    progress(`starting the stack (API :${apiPort}, lambda :${lambdaPort}, moto :${awsPort}; logs in ${join(workDir, 'logs')})`);
    stack = await startStack({ apiPort, lambdaPort, metricsPort: await freePort(), monitoring: false, awsPort, bootstrapCsv, bootstrapTimeoutMs: 300_000, logDir: join(workDir, 'logs'), log: progress, isolated: true });
    if (!stack.productionVersion) throw new Error('no production model after the bootstrap');
    const info = await attempt([], 'GET /model_info', async () => (await (await fetch(`${stack!.apiUrl}/model_info`)).json()) as { version?: string; candidate?: string });
    const model = `${stack.productionVersion}${info?.candidate ? ` (${info.candidate})` : ''}`;

    const failures: string[] = [];
    progress(`HTTP latency: ${WARMUP} warm-up + ${ITERATIONS} rounds of GET /health, POST /predict 1 and ${BATCH_SIZE} records, interleaved`);
    const waits: number[] = [];
    const quiet = async () => {
      const { seconds, quiet } = await waitForQuiet(stack!.endpoint.url);
      waits.push(seconds);
      if (!quiet) failures.push(`the prediction log's queue was still not empty after ${seconds.toFixed(0)} s (the next phase ran anyway)`);
    };
    await quiet();
    const http = await attempt(failures, 'HTTP latency', () => httpLatency(stack!.apiUrl));
    await quiet();
    const t = await throughputs(stack, failures, quiet);
    progress(`in-process latency: the same loop on functions/predict.ts handler`);
    const inProcess = await attempt(failures, 'in-process latency', () => inProcessLatency(stack!, apiKey));
    const loadAfter = loadavg();
    await stopStack();

    const figures = [
      ...latencyRows('HTTP', http, ratioAtMost(1.3)),
      ...latencyRows('in-process', inProcess),
      ...throughputRows(t),
    ];
    const cpu = cpus();
    const machine =
      `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
      `${loadAfter.map((l) => l.toFixed(2)).join(' ')} after; Node ${process.version}. Figures are from one run on a shared machine: ` +
      `p50 = median, p50/p99 nearest-rank over ${ITERATIONS} interleaved samples per endpoint after ${WARMUP} warm-up rounds; ` +
      `throughput: one autocannon run of ${THROUGHPUT.durationSeconds} s, ${THROUGHPUT.connections} connections, per row, after a ${THROUGHPUT_WARMUP.durationSeconds}-s warm-up. ` +
      `Waits for the prediction log to drain between phases: ${waits.map((w) => w.toFixed(0)).join(', ')} s.`;
    const headline = `bench:predict, model ${model} served by serverless-offline over moto_server, on 127.0.0.1`;
    const peerNote = 'GET /health column: the same measurement on GET /health (latency rows: over HTTP or in process as the row; throughput rows: requests/s).';
    const lines = [
      headline,
      formatFigureTable(figures, 'GET /health'),
      peerNote,
      ...breakdown(http, inProcess, t, THROUGHPUT.connections),
      machine,
    ];
    if (failures.length > 0) lines.push(`failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    saveBenchResults({ peer: 'GET /health', rows: figures.map(figureCells), failures, notes: [headline, peerNote, machine] });
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    progress(`bench:predict failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    progress(`logs of moto_server and serverless-offline kept in ${join(workDir, 'logs')}`);
    keepWorkDir = true;
    return 1;
  } finally {
    await stopStack();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  }
}

// exit explicitly: the in-process runtime's SDK clients keep sockets open
process.exit(await main());
