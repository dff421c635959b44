/**
 * Benchmark of the AutoML engine against its peers (scikit-learn, LightGBM), measured side by
 * side in one run. Not a test: it prints one table to stdout (figure | ours | peer | ratio
 * ours/peer | target | ok), progress to stderr, and exits 0 even when a target is missed.
 *
 * This entry builds the context once, runs the figures in order and hands their rows to the
 * report; each figure's module says what it measures and how:
 *   1a figures/mainDatasetAuc.ts      test ROC AUC of `alm train`'s choice on the main dataset
 *   1b figures/trainWallTime.ts       wall time of that CLI run
 *   1c figures/gbmFitTime.ts          gradient_boosting fit time, median of 3, interleaved with peer.py
 *   2  figures/diabetesSklearnR2.ts   linear OLS / Ridge mean R² on the given 5 folds
 *   3  figures/pimaCv.ts              Pima cross-validated ROC AUC (trainModel's choice, linear)
 *   4a figures/rowPredictorLatency.ts one-record predict, median µs
 *   4b figures/batchThroughput.ts     batch predictFrame, rows/s
 * Run order: the main dataset (split, CSVs for peer.py, the CLI run), 1c, 4, then 2 and 3.
 *
 * Peers: `bash ../shared/reference/peer-env.sh` prints a python with scikit-learn and LightGBM
 * (override the script with env ALM_PEER_ENV; the folder of peer.py and reference.json with env
 * ALM_REFERENCE_DIR). When they are missing, the peer cells say "peer unavailable" and our figures
 * are still measured. Peer figures marked "(ref)" come from reference.json, measured on a machine
 * of this kind; the others were measured in this run.
 *
 * usage: npm run bench:train [-- --all-peers]   (--all-peers adds scikit-learn's slow
 * GradientBoosting and RandomForest to the first peer run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { batchThroughput } from './figures/batchThroughput.js';
import { diabetesSklearnR2 } from './figures/diabetesSklearnR2.js';
import { gbmFitTime } from './figures/gbmFitTime.js';
import { mainDatasetAuc } from './figures/mainDatasetAuc.js';
import { pimaCv } from './figures/pimaCv.js';
import { rowPredictorLatency } from './figures/rowPredictorLatency.js';
import { trainWallTime } from './figures/trainWallTime.js';
import { formatReport, type FigureRows } from './report.js';
import { runAlmTrain } from './support/almTrainRun.js';
import { FailureLog, type BenchContext, type BenchPaths } from './support/context.js';
import { loadMainDataset, writeSplitFiles } from './support/mainDataset.js';
import { locatePython, peerVersions, readReference } from './support/peers.js';
import { servingModel } from './support/servingModel.js';

const SEED = 42;

function benchPaths(): BenchPaths {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const referenceDir = process.env.ALM_REFERENCE_DIR ?? resolve(root, '../shared/reference');
  return { root, referenceDir, peerEnvScript: process.env.ALM_PEER_ENV ?? join(referenceDir, 'peer-env.sh') };
}

function run(): void {
  const { values } = parseArgs({ options: { 'all-peers': { type: 'boolean', default: false } } });
  const allPeers = values['all-peers'] === true;
  const paths = benchPaths();
  const workDir = mkdtempSync(join(tmpdir(), 'alm-bench-'));
  try {
    const setup = new FailureLog();
    const reference = setup.attempt('read reference.json', () => readReference(paths));
    const python = setup.attempt('peer environment', () => locatePython(paths));
    const ctx: BenchContext = { ...paths, workDir, seed: SEED, allPeers, python, reference };

    const main = setup.attempt('load the main dataset', () => loadMainDataset(ctx));
    const files = main && setup.attempt('write the split CSVs', () => writeSplitFiles(main, workDir));
    const cli = main && setup.attempt('alm train (CLI)', () => runAlmTrain(ctx, main));
    const fitTime = gbmFitTime(ctx, main, files);
    const speed = new FailureLog();
    const serving = main && speed.attempt('prediction speed', () => servingModel(main, cli, fitTime.lastFit));
    const rowLatency = rowPredictorLatency(ctx, serving);
    const batch = batchThroughput(ctx, serving);
    const sklearn = diabetesSklearnR2(ctx);
    const pima = pimaCv(ctx);

    const printed: FigureRows[] = [mainDatasetAuc(cli, fitTime.peerRuns[0], allPeers), trainWallTime(cli), fitTime, sklearn, pima, rowLatency, batch];
    const failures = [setup, fitTime, speed, rowLatency, batch, sklearn, pima].flatMap((step) => step.failures);
    process.stdout.write(formatReport(printed.flatMap((figure) => figure.rows), peerVersions(python), failures));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

run();
