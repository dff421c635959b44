/**
 * Benchmark of the drift check and the retrain decision (`npm run bench:drift`). Not a test: it
 * prints one table to stdout (figure | ours | peer | ratio ours/peer | target | ok, as
 * bench/report.ts formats it), then notes (the model, the reasons of the decisions, the tests
 * each check ran, a parity check against scipy) and the failures; progress goes to stderr, and it
 * exits 0 even when a target is missed.
 *
 * Setup (drift/driftModel.ts): the main dataset, 20,000 rows held out (stratified, seeded), and
 * `trainModel` on the other 80,000 with the product's default options (every candidate, 5 folds),
 * whose `driftReference` (columns, out-of-fold predictions, importances) every figure checks
 * against. Figures, in run order, one module each:
 *   1  drift/falseAlarms.ts  200 held-out windows of 1,000 rows, each judged alone: retrain
 *                            decisions (target ≤ 2), dataset / prediction / per-column drift counts,
 *                            the largest statistic per column
 *   2  drift/detection.ts    the first window with HbA1c_level +1 std (target: retrain), and for
 *                            information blood_glucose_level +1 std and HbA1c_level +0.5 std
 *   3  drift/checkSpeed.ts   one check of 10k, 100k and 1M rows × 8 features + prediction: in memory
 *                            (3a) and end to end from NDJSON lines (3b), targets ≤ 0.5 s / ≤ 0.5 s /
 *                            ≤ 3 s; 3d against a 1,000-row reference (the p-value tests); 3e each
 *                            3a/3d check beside numpy/scipy doing it (drift/checkPeer.ts, python3
 *                            drift/check_peer.py), same tests and columns, ratio ours/scipy
 *   3c drift/ksPeer.ts       ksTwoSample beside scipy's ks_2samp (python3 drift/ks_peer.py) on the
 *                            same column pairs, ratio ours/scipy
 *
 * usage: npm run bench:drift
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { checkSpeed } from './drift/checkSpeed.js';
import { currentData } from './drift/currentData.js';
import { detection } from './drift/detection.js';
import { loadDriftDataset, trainDriftModel } from './drift/driftModel.js';
import { falseAlarms } from './drift/falseAlarms.js';
import { ksPeer } from './drift/ksPeer.js';
import type { DriftFigureRows } from './drift/rows.js';
import { figureCells, formatFigureTable } from './report.js';
import { saveBenchResults } from './support/benchResults.js';
import { FailureLog, progress } from './support/context.js';

const SEED = 42;

function run(): void {
  const started = performance.now();
  const loadBefore = loadavg();
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const workDir = mkdtempSync(join(tmpdir(), 'alm-bench-drift-'));
  try {
    const setup = new FailureLog();
    const data = setup.attempt('load the main dataset', () => loadDriftDataset(root, SEED));
    const model = data && setup.attempt('trainModel', () => trainDriftModel(data, SEED));

    const alarms = falseAlarms(data, model, SEED + 1);
    const detected = detection(data, model, SEED + 2);
    const current100k = data && model && setup.attempt('current data 100k', () => currentData(data, model, 100_000, SEED + 100_000));
    const speedInput = data && model && current100k ? { data, model, current100k, seed: SEED, root, workDir } : undefined;
    const speed = checkSpeed(speedInput);
    const ks = ksPeer(speedInput);

    const figures: DriftFigureRows[] = [alarms, detected, speed, ks];
    const failures = [...setup.failures, ...figures.flatMap((f) => f.failures)];
    const totalSeconds = (performance.now() - started) / 1000;
    const cpu = cpus();
    const machine =
      `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
      `${loadavg().map((l) => l.toFixed(2)).join(' ')} after; Node ${process.version}. Whole bench: ${totalSeconds.toFixed(1)} s wall.`;
    const headline =
      model
        ? `bench:drift, model ${model.result.metrics.candidate} trained by trainModel with the default options ` +
          `(candidates ${model.candidates.join(', ')}; 5 folds) on ${model.trainRows.toLocaleString('en-US')} rows in ${model.trainSeconds.toFixed(1)} s ` +
          `(test ROC AUC ${model.result.metrics.test.roc_auc?.toFixed(4)}); drift reference of ${model.reference.rows.toLocaleString('en-US')} rows; ` +
          `top importances ${topImportances(model.reference.importances)}`
        : 'bench:drift, no model (see failures)';
    const lines = [headline, formatFigureTable(figures.flatMap((f) => f.rows), 'scipy'), ...figures.flatMap((f) => f.notes), machine];
    if (failures.length > 0) lines.push(`failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    saveBenchResults({ peer: 'scipy', rows: figures.flatMap((f) => f.rows).map(figureCells), failures, notes: [headline, machine] });
    process.stdout.write(`${lines.join('\n')}\n`);
    progress(`done in ${totalSeconds.toFixed(1)} s`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function topImportances(importances: Record<string, number>): string {
  return Object.entries(importances)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 3)
    .map(([name, value]) => `${name} ${value.toPrecision(3)}`)
    .join(', ');
}

run();
