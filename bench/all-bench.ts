/**
 * `npm run bench`: runs every benchmark in turn — bench:train, bench:predict, bench:drift,
 * bench:heal, each as its own process (its table and progress still print as it goes) — keeps
 * each one's outcome in `bench/results/<name>.json` (with its date, commit and machine), then
 * writes `bench/results.md`, one markdown table of all their figures (bench | figure | ours |
 * peer | ratio | target | ok, the cells as each bench printed them, each peer measured in the same
 * run unless marked "(ref)"), with the failures, and copies the table into the README between its
 * `bench-results` markers. A bench that fails leaves a line saying so, not a stale figure; with
 * `--only`, the benches not rerun keep their last stored outcome, under their own date and commit.
 * Not a test: it exits 0 even when a target is missed.
 *
 * usage: npm run bench [-- --only train,drift | --render]   (--render: rewrite the document from the stored outcomes, running nothing)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchResultsSchema, RESULTS_ENV, type BenchResults } from './support/benchResults.js';
import { BenchSectionSchema, markdownResults, replaceBetweenMarkers, type BenchRun, type BenchSection } from './support/resultsMarkdown.js';

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

function machineLine(loadBefore: number[]): string {
  const cpu = cpus();
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, load average ${load(loadBefore)} at the start, ${load(loadavg())} at the end`;
}

function runBench(root: string, workDir: string, bench: (typeof BENCHES)[number]): BenchSection {
  const file = join(workDir, `${bench.name}.json`);
  const started = performance.now();
  const date = new Date().toISOString();
  const commit = gitCommit(root); // what it measures: the tree may be committed to while it runs
  const loadBefore = loadavg();
  process.stderr.write(`[bench] ===== bench:${bench.name} =====\n`);
  const child = spawnSync(process.execPath, [join(root, 'dist/bench', bench.script)], {
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
    problem = `it wrote no results (exit ${child.status ?? child.signal}${child.error ? `: ${child.error.message}` : ''})`;
  }
  const run: BenchRun = { date, commit, machine: machineLine(loadBefore) };
  return { name: bench.name, covers: bench.covers, seconds, results, problem, run };
}

/** A bench's last stored outcome, or a section saying it has not run. */
function storedSection(dir: string, bench: (typeof BENCHES)[number]): BenchSection {
  const file = join(dir, `${bench.name}.json`);
  const parsed = existsSync(file) ? BenchSectionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  if (parsed?.success) return parsed.data;
  const problem = parsed ? `bench/results/${bench.name}.json is malformed: ${parsed.error.issues[0]?.message}` : `not run yet (npm run bench -- --only ${bench.name})`;
  return { name: bench.name, covers: bench.covers, seconds: 0, problem };
}

function main(): void {
  const { values } = parseArgs({ options: { only: { type: 'string' }, render: { type: 'boolean' } } });
  const only = values.render ? [] : values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`alm bench: unknown bench ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}\n`);
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const workDir = mkdtempSync(join(tmpdir(), 'alm-bench-all-'));
  const storeDir = join(root, 'bench/results');
  mkdirSync(storeDir, { recursive: true });
  try {
    for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
      const section = runBench(root, workDir, bench);
      writeFileSync(join(storeDir, `${bench.name}.json`), `${JSON.stringify(BenchSectionSchema.parse(section), null, 1)}\n`);
    }
    const markdown = markdownResults(BENCHES.map((b) => storedSection(storeDir, b)));
    const resultsPath = join(root, 'bench/results.md');
    writeFileSync(resultsPath, markdown.document);
    process.stderr.write(`[bench] wrote ${resultsPath}\n`);
    const readmePath = join(root, 'README.md');
    writeFileSync(readmePath, replaceBetweenMarkers(readFileSync(readmePath, 'utf8'), markdown.table));
    process.stderr.write(`[bench] updated the table in ${readmePath}\n`);
    process.stdout.write(markdown.document);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
