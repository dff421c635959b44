/**
 * Figure 1d: gradient boosting fit time at equal work against LightGBM: 100 trees of 31 leaves,
 * learning rate 0.1, at least 20 rows per leaf, no early stopping (LightGBM's defaults, as
 * peer.py fits it; our params `{maxIterations: 100, maxLeaves: 31, earlyStopping: false}`), on
 * the main dataset's 80,000 training rows and on 800,000 rows (that split repeated 10 times,
 * written as a CSV for peer.py too). Ours counts the preprocessing of the training rows
 * (`new PreparedSplit(...)` + `.train('binned')`: fitPreprocessor + encodeBinned) and the fit, as
 * peer.py's fit_s counts its pandas → scikit-learn preprocessing and LightGBM's Dataset
 * construction. Per size: ours, peer, ours, peer, ours, peer (same machine state), median of 3
 * each; target ratio ≤ 1.0. The test ROC AUC of our fits goes to stderr (a check on quality).
 */
import { gradientBoostingCandidate } from '../../shared/automl/candidates/gradientBoosting/index.js';
import { PreparedSplit } from '../../shared/automl/evaluation/preparedSplit.js';
import type { Split } from '../../shared/automl/evaluation/splits.js';
import { rocAuc } from '../../shared/automl/metrics/index.js';
import { fmtSeconds, ratioAtMost, type Figure, type FigureRows } from '../report.js';
import { FailureLog, progress, type BenchContext } from '../support/context.js';
import { replicatedSplit, writeReplicatedTrainFile, type MainDataset } from '../support/mainDataset.js';
import { peerFitMedian, runPeer, type PeerRun, type SplitFiles } from '../support/peers.js';
import { median, seconds } from '../support/timing.js';

const REPEATS = 3;
/** LightGBM's defaults for what our defaults differ in: 31 leaves, 100 iterations, no early stopping. */
export const EQUAL_WORK_PARAMS = { maxIterations: 100, maxLeaves: 31, earlyStopping: false } as const;
const SIZES = [1, 10] as const;

/** Seconds of preprocessing + fit on `split`'s training rows. */
function fitOnce(main: MainDataset, split: Split, seed: number): number {
  const { task, classes = [] } = main.schema.target;
  const { result: prepared, seconds: prep } = seconds(() => {
    const prepared = new PreparedSplit(main.frame, main.y, main.schema.features, split);
    prepared.train('binned');
    return prepared;
  });
  const train = { X: prepared.train('binned'), y: prepared.yTrain, task, nClasses: classes.length };
  const params = { ...gradientBoostingCandidate.paramSets(task)[0], ...EQUAL_WORK_PARAMS };
  const { result: model, seconds: fit } = seconds(() => gradientBoostingCandidate.fit(train, params, { seed }));
  const auc = rocAuc(prepared.yTest, model.predict(prepared.test('binned')));
  progress(`gradient_boosting at equal work, ${split.train.length} rows: prep ${prep.toFixed(3)} s + fit ${fit.toFixed(3)} s, test AUC ${auc.toFixed(4)}`);
  return prep + fit;
}

function row(times: number, rows: number, ours: readonly number[], peerRuns: readonly (PeerRun | undefined)[]): Figure {
  const label = times === 1
    ? `1d GBM fit at equal work (100 trees, 31 leaves), ${rows.toLocaleString('en-US')} rows, prep + fit, median of ${REPEATS} vs LightGBM`
    : `1d   same, ${rows.toLocaleString('en-US')} rows (the split ×${times})`;
  return {
    label,
    ours: ours.length > 0 ? median(ours) : undefined,
    peer: peerFitMedian(peerRuns, 'lightgbm'),
    format: fmtSeconds,
    target: ratioAtMost(1.0),
  };
}

/** Our fits interleaved with peer.py's LightGBM at each size (no peer run without the CSVs or the python). */
export function gbmEqualWork(ctx: BenchContext, main: MainDataset | undefined, files: SplitFiles | undefined): FigureRows {
  const log = new FailureLog();
  const rows: Figure[] = [];
  for (const times of SIZES) {
    const split = main && replicatedSplit(main, times);
    const train = times === 1 ? files?.train : main && files && log.attempt(`write the training rows ×${times}`, () => writeReplicatedTrainFile(main, ctx.workDir, times));
    const ours: number[] = [];
    const peerRuns: (PeerRun | undefined)[] = [];
    for (let rep = 0; main && split && rep < REPEATS; rep++) {
      const fit = log.attempt(`gradient_boosting at equal work ×${times}, fit ${rep + 1}`, () => fitOnce(main, split, ctx.seed));
      if (fit !== undefined) ours.push(fit);
      const { python } = ctx;
      peerRuns.push(
        files && train && python
          ? log.attempt(`peer.py lightgbm ×${times}`, () => runPeer(ctx.referenceDir, python, { train, test: files.test }, 'diabetes', ['lightgbm']))
          : undefined,
      );
    }
    rows.push(row(times, split ? split.train.length : 0, ours, peerRuns));
  }
  return { rows, failures: log.failures };
}
