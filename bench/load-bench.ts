/**
 * Benchmark of `POST /predict` under load (`npm run bench:load`): the scenario of
 * test/load.integration.test.ts (bench/load/loadScenario.ts) at full size, 100,000 one-record
 * requests over 4 autocannon connections after a 5,000-request warm-up, with the rejected
 * candidate promoted through `POST /promote` after 40,000 answers. Not a test: it prints one
 * table to stdout (throughput, p50/p99, errors, the version switch, memory at start, after
 * warm-up and at the end, the prediction log's accounting), then `verdict: PASS` or the failed
 * checks, progress to stderr; it exits 0 when every check holds, 1 otherwise (and when the stack
 * cannot be started). `ALM_LOAD_REQUESTS` overrides the count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoadStack, type LoadStack } from './load/loadStack.js';
import { loadChecks } from './load/loadChecks.js';
import { runLoadScenario } from './load/loadScenario.js';
import { loadTable } from './load/loadTable.js';

const REQUESTS = Number(process.env.ALM_LOAD_REQUESTS ?? 100_000);
const PLAN = { warmUpRequests: 5_000, requests: REQUESTS, connections: 4, promoteAfter: Math.floor(REQUESTS * 0.4), drainTimeoutMs: 300_000 };

const progress = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function main(): Promise<number> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const workDir = mkdtempSync(join(tmpdir(), 'alm-bench-load-'));
  process.env.ALM_API_KEY ||= 'bench-load-key';
  let load: LoadStack | undefined;
  let keepWorkDir = false;
  const interrupted = () => void (load?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const loadBefore = loadavg();
    load = await startLoadStack(join(root, 'data', 'diabetes_prediction_dataset.csv'), workDir, progress);
    const report = await runLoadScenario(load, PLAN, progress);
    const loadAfter = loadavg();
    const failed = loadChecks(report);
    const cpu = cpus();
    process.stdout.write(
      [
        `bench:load, POST /predict on serverless-offline over moto_server (127.0.0.1), model ${load.production} (gradient boosting, 2,000-row seeded sample) → ${load.candidate} (linear)`,
        loadTable(report),
        `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after; Node ${process.version}; one run.`,
        failed.length === 0 ? 'verdict: PASS' : `verdict: FAIL\n${failed.map((f) => `  - ${f}`).join('\n')}`,
      ].join('\n') + '\n',
    );
    return failed.length === 0 ? 0 : 1;
  } catch (error) {
    progress(`bench:load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    progress(`logs of moto_server and serverless-offline kept in ${join(workDir, 'logs')}`);
    keepWorkDir = true;
    return 1;
  } finally {
    progress('stopping the stack…');
    await load?.stop();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  }
}

process.exit(await main());
