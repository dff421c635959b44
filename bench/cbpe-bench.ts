/**
 * Benchmark of confidence-based performance estimation (CBPE, as NannyML defines it): how close
 * the label-free estimates of ROC AUC and F1 come to the metrics realized on the labels. Not a
 * test: it prints one table to stdout (figure | ours | peer | ratio | target | ok, as
 * bench/report.ts formats it; no peer runs here), then notes and failures; progress goes to
 * stderr, and it exits 0 even when a target is missed.
 *
 * Setup (drift/driftModel.ts, as bench:drift): the main dataset, 20,000 rows held out
 * (stratified, seeded), `trainModel` on the other 80,000 with the default options; its
 * `calibration.json` (NannyML's rule on the out-of-fold predictions, isotonic map, reference
 * rows) is what every window is estimated with, and its shipped model scores the held-out rows.
 *   1  cbpe/accuracy.ts      50 windows × 2,000 rows, half with a covariate shift: MAE ROC AUC
 *                            (target ≤ 0.02) and F1 (≤ 0.03); values-moved windows for information
 *   2  cbpe/conceptShift.ts  labels changed, inputs not: the estimates do not move (the limit)
 *
 * usage: node dist/bench/cbpe-bench.js (after npm run build)
 */
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { cbpeAccuracy } from './cbpe/accuracy.js';
import { conceptShift } from './cbpe/conceptShift.js';
import type { CbpeFigureRows, CbpeSetup } from './cbpe/windows.js';
import { frameRows, loadDriftDataset, trainDriftModel, type DriftDataset, type DriftModel } from './drift/driftModel.js';
import { figureCells, formatFigureTable } from './report.js';
import { saveBenchResults } from './support/benchResults.js';
import { FailureLog, progress } from './support/context.js';

const SEED = 42;

function setupOf(data: DriftDataset, model: DriftModel): CbpeSetup {
  const calibration = model.result.calibration;
  if (!calibration) throw new Error('the trained model has no calibration.json (not a binary task?)');
  const scores = Float64Array.from(model.predictor.predictFrame(frameRows(data, data.heldOut)).values);
  const labels = Float64Array.from(data.heldOut, (r) => data.y[r]);
  return { data, model, calibration, scores, labels };
}

function run(): void {
  const started = performance.now();
  const loadBefore = loadavg();
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const setupLog = new FailureLog();
  const data = setupLog.attempt('load the main dataset', () => loadDriftDataset(root, SEED));
  const model = data && setupLog.attempt('trainModel', () => trainDriftModel(data, SEED));
  const setup = data && model ? setupLog.attempt('CBPE setup', () => setupOf(data, model)) : undefined;

  const figures: CbpeFigureRows[] = [cbpeAccuracy(setup, SEED + 1), conceptShift(setup, SEED + 2)];
  const failures = [...setupLog.failures, ...figures.flatMap((f) => f.failures)];
  const totalSeconds = (performance.now() - started) / 1000;
  const cpu = cpus();
  const machine =
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
    `${loadavg().map((l) => l.toFixed(2)).join(' ')} after; Node ${process.version}. Whole bench: ${totalSeconds.toFixed(1)} s wall.`;
  const c = setup?.calibration;
  const headline =
    model && c
      ? `bench:cbpe, model ${model.result.metrics.candidate} trained by trainModel with the default options on ${model.trainRows.toLocaleString('en-US')} rows in ` +
        `${model.trainSeconds.toFixed(1)} s (test ROC AUC ${model.result.metrics.test.roc_auc?.toFixed(4)}, threshold ${c.performance_reference.threshold.toFixed(4)}); ` +
        `calibration ${c.map.method}${c.map.method === 'isotonic' ? ` (${c.map.thresholds.length} thresholds)` : ''}, ECE ${c.decision.ece_before?.toFixed(4)} → ${c.decision.ece_after?.toFixed(4)}` +
        `${c.decision.reason ? ` (${c.decision.reason})` : ''}; reference ${c.performance_reference.scores.length.toLocaleString('en-US')} of ${c.performance_reference.rows_available.toLocaleString('en-US')} out-of-fold rows`
      : 'bench:cbpe, no model (see failures)';
  const rows = figures.flatMap((f) => f.rows);
  const lines = [headline, formatFigureTable(rows), ...figures.flatMap((f) => f.notes), machine];
  if (failures.length > 0) lines.push(`failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  saveBenchResults({ peer: 'none', rows: rows.map(figureCells), failures, notes: [headline, machine] });
  process.stdout.write(`${lines.join('\n')}\n`);
  progress(`done in ${totalSeconds.toFixed(1)} s`);
}

run();
