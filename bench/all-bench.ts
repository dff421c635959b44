/**
 * `npm run bench`: runs every benchmark in turn — bench:train, bench:predict, bench:drift,
 * bench:heal, each as its own process (its table and progress still print as it goes) — then
 * writes `bench/results.md`, one markdown table of all their figures (bench | figure | ours |
 * peer | ratio | target | ok, the cells as each bench printed them, each peer measured in the same
 * run unless marked "(ref)"), with the machine, the commit and the failures, and copies the table
 * into the README between its `bench-results` markers. A bench that fails leaves a line saying
 * so, not a stale figure. Not a test: it exits 0 even when a target is missed.
 *
 * usage: npm run bench [-- --only train,drift]   (the README is updated only by a full run)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchResultsSchema, RESULTS_ENV, type BenchResults } from './support/benchResults.js';
import { markdownResults, replaceBetweenMarkers, type BenchSection } from './support/resultsMarkdown.js';

const BENCHES = [
  { name: 'train', script: 'train-bench.js', covers: 'training quality and time on the shipped datasets, GBM fit at equal work (80k, 800k rows), prediction speed in process' },
  { name: 'predict', script: 'predict-bench.js', covers: 'POST /predict latency and throughput over HTTP on the local stack' },
  { name: 'drift', script: 'drift-bench.js', covers: 'false alarms, detection, drift-check time (10k, 100k, 1M rows) beside scipy' },
  { name: 'heal', script: 'heal-bench.js', covers: 'time to heal: the self-healing loop driven by alm simulate' },
] as const;

/** A bench is killed after this long. */
const BENCH_TIMEOUT_MS = 60 * 60 * 1000;

function gitCommit(root: string): string {
  const run = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : 'unknown';
}

function runBench(root: string, workDir: string, bench: (typeof BENCHES)[number]): BenchSection {
  const file = join(workDir, `${bench.name}.json`);
  const started = performance.now();
  process.stderr.write(`[bench] ===== bench:${bench.name} =====\n`);
  const run = spawnSync(process.execPath, [join(root, 'dist/bench', bench.script)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, [RESULTS_ENV]: file },
    timeout: BENCH_TIMEOUT_MS,
  });
  const seconds = (performance.now() - started) / 1000;
  let results: BenchResults | undefined;
  let problem: string | undefined;
  if (existsSync(file)) {
    const parsed = BenchResultsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) results = parsed.data;
    else problem = `its results file is malformed: ${parsed.error.issues[0]?.message}`;
  } else {
    problem = `it wrote no results (exit ${run.status ?? run.signal}${run.error ? `: ${run.error.message}` : ''})`;
  }
  return { name: bench.name, covers: bench.covers, seconds, results, problem };
}

function main(): void {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`alm bench: unknown bench ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}\n`);
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const workDir = mkdtempSync(join(tmpdir(), 'alm-bench-all-'));
  const loadBefore = loadavg();
  try {
    const sections = BENCHES.filter((b) => !only || only.includes(b.name)).map((b) => runBench(root, workDir, b));
    const cpu = cpus();
    const markdown = markdownResults(sections, {
      date: new Date().toISOString(),
      commit: gitCommit(root),
      machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at the start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`,
    });
    const resultsPath = join(root, 'bench/results.md');
    writeFileSync(resultsPath, markdown.document);
    process.stderr.write(`[bench] wrote ${resultsPath}\n`);
    if (!only) {
      const readmePath = join(root, 'README.md');
      writeFileSync(readmePath, replaceBetweenMarkers(readFileSync(readmePath, 'utf8'), markdown.table));
      process.stderr.write(`[bench] updated the table in ${readmePath}\n`);
    }
    process.stdout.write(markdown.document);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
