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
 *   1d figures/gbmEqualWork.ts        GBM prep + fit at LightGBM's work (100 trees, 31 leaves), 80k and 800k rows
 *   1e figures/trainPeakMemory.ts     peak RSS of that CLI run
 *   1f figures/highCardinalityMemory.ts  peak RSS of alm train with a 5,000-category column added
 *   2  figures/diabetesSklearnR2.ts   linear OLS / Ridge mean R² on the given 5 folds
 *   3  figures/pimaCv.ts              Pima cross-validated ROC AUC (trainModel's choice, linear)
 *   4a figures/rowPredictorLatency.ts one-record predict, median µs
 *   4b figures/batchThroughput.ts     batch predictFrame, rows/s (4c: the model alone on binned rows)
 *   5  figures/digitsTrain.ts         alm train wall time on a digits-like CSV (1,347 × 64, 10 classes)
 * Run order: the main dataset (split, CSVs for peer.py, the CLI run), 1c, 1d, the LightGBM peer
 * script (memory, batch rates), 4, then 2, 3, 5 and 1f.
 *
 * Peers: `bash ../shared/reference/peer-env.sh` prints a python with scikit-learn and LightGBM
 * (peer.py, and the project's bench/peers/lightgbm_peer.py for what peer.py does not measure)
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
import { digitsTrain } from './figures/digitsTrain.js';
import { gbmEqualWork } from './figures/gbmEqualWork.js';
import { highCardinalityMemory } from './figures/highCardinalityMemory.js';
import { gbmFitTime } from './figures/gbmFitTime.js';
import { mainDatasetAuc } from './figures/mainDatasetAuc.js';
import { pimaCv } from './figures/pimaCv.js';
import { rowPredictorLatency } from './figures/rowPredictorLatency.js';
import { trainPeakMemory } from './figures/trainPeakMemory.js';
import { trainWallTime } from './figures/trainWallTime.js';
import { figureCells, formatReport, type FigureRows } from './report.js';
import { saveBenchResults } from './support/benchResults.js';
import { runAlmTrain } from './support/almTrainRun.js';
import { FailureLog, type BenchContext, type BenchPaths } from './support/context.js';
import { runLightgbmPeer } from './support/lightgbmPeer.js';
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
    const cli = main && setup.attempt('alm train (CLI)', () => runAlmTrain(ctx, main.path));
    const fitTime = gbmFitTime(ctx, main, files);
    const equalWork = gbmEqualWork(ctx, main, files);
    const lightgbm = files && python ? setup.attempt('lightgbm_peer.py', () => runLightgbmPeer(ctx, files.train, 'diabetes', files.test)) : undefined;
    const speed = new FailureLog();
    const serving = main && speed.attempt('prediction speed', () => servingModel(main, cli, fitTime.lastFit));
    const rowLatency = rowPredictorLatency(ctx, serving);
    const batch = batchThroughput(ctx, serving, lightgbm, files?.test);
    const sklearn = diabetesSklearnR2(ctx);
    const pima = pimaCv(ctx);
    const digits = digitsTrain(ctx);
    const merchant = highCardinalityMemory(ctx, main, cli);

    const printed: FigureRows[] = [
      mainDatasetAuc(cli, fitTime.peerRuns[0], allPeers), trainWallTime(cli), fitTime, equalWork, trainPeakMemory(cli, lightgbm),
      merchant, sklearn, pima, rowLatency, batch, digits,
    ];
    const failures = [setup, fitTime, equalWork, speed, rowLatency, batch, sklearn, pima, digits, merchant].flatMap((step) => step.failures);
    const figures = printed.flatMap((figure) => figure.rows);
    const peers = peerVersions(python);
    saveBenchResults({ peer: 'peer', rows: figures.map(figureCells), failures, notes: [`peers: ${peers ?? 'unavailable'}; (ref) = reference.json, measured on a machine of this kind`] });
    process.stdout.write(formatReport(figures, peers, failures));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

run();
