/**
 * The rows of the bench:predict table, and the lines that say where the time goes, from the
 * measured latencies (HTTP and in process, each beside GET /health) and throughputs.
 */
import { atLeast, type Figure } from '../report.js';
import { fmtMillis, type Percentiles } from './latency.js';
import { BATCH_SIZE } from './stack.js';
import { fmtPerSecond, type Throughput } from './throughput.js';

/** p50/p99 of GET /health, POST /predict 1 record and 100 records. */
export type Latencies = Record<'health' | 'one' | 'batch', Percentiles>;

export interface Throughputs {
  readonly health?: Throughput;
  readonly one?: Throughput;
  readonly batch?: Throughput;
}

export function latencyRows(where: string, latencies: Latencies | undefined, oneTarget?: Figure['target']): Figure[] {
  const row = (label: string, key: 'one' | 'batch', p: 'p50' | 'p99', target?: Figure['target']): Figure => ({
    label: `${where} ${label} ${p}`,
    ours: latencies?.[key][p],
    peer: latencies ? { value: latencies.health[p], from: 'run' } : undefined,
    format: fmtMillis,
    ...(target ? { target } : {}),
  });
  return [
    row('POST /predict 1 record', 'one', 'p50', oneTarget),
    row('POST /predict 1 record', 'one', 'p99'),
    row(`POST /predict ${BATCH_SIZE} records`, 'batch', 'p50'),
    row(`POST /predict ${BATCH_SIZE} records`, 'batch', 'p99'),
  ];
}

export function throughputRows(t: Throughputs): Figure[] {
  const peer = t.health ? { value: t.health.requestsPerSecond, from: 'run' as const } : undefined;
  return [
    { label: `HTTP throughput, ${BATCH_SIZE}-record batches`, ours: t.batch?.itemsPerSecond, peer, format: fmtPerSecond('pred'), target: atLeast(20_000, '≥ 20,000 pred/s') },
    { label: 'HTTP throughput, 1-record requests', ours: t.one?.itemsPerSecond, peer, format: fmtPerSecond('pred') },
  ];
}

/** Where the time goes, from the figures themselves: serverless-offline's share vs the handler's. */
export function breakdown(http: Latencies | undefined, inProcess: Latencies | undefined, t: Throughputs, connections: number): string[] {
  if (!http || !inProcess) return [];
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const lines = [
    `where the time goes (p50): GET /health costs ${ms(http.health.p50)} over HTTP and ${ms(inProcess.health.p50)} in process, so ` +
      `${ms(http.health.p50 - inProcess.health.p50)} per request is serverless-offline (HTTP server, event build, worker dispatch); ` +
      `POST /predict 1 record adds ${ms(http.one.p50 - http.health.p50)} over HTTP and ${ms(inProcess.one.p50 - inProcess.health.p50)} in process; ` +
      `${BATCH_SIZE} records add ${ms(http.batch.p50 - http.health.p50)} over HTTP and ${ms(inProcess.batch.p50 - inProcess.health.p50)} in process.`,
  ];
  if (t.batch) {
    const handlerCeiling = (BATCH_SIZE * 1000) / inProcess.batch.p50;
    lines.push(
      `${BATCH_SIZE}-record batches: the handler alone, sequential in one process, would do ${fmtPerSecond('pred')(handlerCeiling)} ` +
        `(${BATCH_SIZE} / in-process p50); through serverless-offline with ${connections} connections: ${fmtPerSecond('pred')(t.batch.itemsPerSecond)}.`,
    );
  }
  return lines;
}

