/**
 * Figure 1c: fit time of `gradient_boosting` (its first, default, param set) on the main
 * dataset's 80,000 training rows, median of 3 fits, interleaved with 3 runs of peer.py (ours,
 * peer, ours, peer, ours, peer) so both see the same machine state; ratio to LightGBM's median
 * fit_s ≤ 1.5. HistGradientBoosting is shown too, and "preprocessing + fit" (quantile binning and
 * encoding included, as the peers' fit_s includes their scikit-learn preprocessing).
 *
 * The first peer run also takes the AUC-only peers (figure 1a); the last fit is handed on for 4.
 */
import { gradientBoostingCandidate, type GradientBoostingModel } from '../../shared/automl/candidates/gradientBoosting/index.js';
import { PreparedSplit } from '../../shared/automl/evaluation/preparedSplit.js';
import { fmtSeconds, ratioAtMost, type Figure, type FigureRows } from '../report.js';
import { FailureLog, progress, type BenchContext } from '../support/context.js';
import type { MainDataset } from '../support/mainDataset.js';
import { FAST_PEERS, SLOW_PEERS, TIMED_PEERS, peerFitMedian, runPeer, type PeerRun, type SplitFiles } from '../support/peers.js';
import { median, seconds } from '../support/timing.js';

const FIT_REPEATS = 3;

export interface GbmFit {
  /** PreparedSplit (preprocessor fit, row selection) and the binned encoding of the training rows. */
  readonly prepSeconds: number;
  readonly fitSeconds: number;
  readonly prepared: PreparedSplit;
  readonly model: GradientBoostingModel;
}

export interface GbmFitTime extends FigureRows {
  /** The peer.py runs in order: the first holds every peer's AUC; all hold the timed peers' fit_s. */
  readonly peerRuns: readonly (PeerRun | undefined)[];
  /** The last of our successful fits. */
  readonly lastFit: GbmFit | undefined;
}

/** One timed fit of `gradient_boosting` with its default params on the training split. */
function fitOnce(main: MainDataset, seed: number): GbmFit {
  const { task, classes = [] } = main.schema.target;
  const { result: prepared, seconds: prepSeconds } = seconds(() => {
    const split = new PreparedSplit(main.frame, main.y, main.schema.features, main.split);
    split.train('binned');
    return split;
  });
  const train = { X: prepared.train('binned'), y: prepared.yTrain, task, nClasses: classes.length };
  const params = gradientBoostingCandidate.paramSets(task)[0];
  const { result: model, seconds: fitSeconds } = seconds(() => gradientBoostingCandidate.fit(train, params, { seed }));
  progress(`gradient_boosting: prep ${prepSeconds.toFixed(3)} s, fit ${fitSeconds.toFixed(3)} s, ${model.nIterations} iterations`);
  return { prepSeconds, fitSeconds, prepared, model };
}

function rows(main: MainDataset | undefined, fits: readonly GbmFit[], peerRuns: readonly (PeerRun | undefined)[]): Figure[] {
  const has = fits.length > 0;
  const fit = has ? median(fits.map((f) => f.fitSeconds)) : undefined;
  const prepAndFit = has ? median(fits.map((f) => f.prepSeconds + f.fitSeconds)) : undefined;
  const lightgbm = peerFitMedian(peerRuns, 'lightgbm');
  const nRows = main ? main.split.train.length.toLocaleString('en-US') : '?';
  return [
    {
      label: `1c gradient_boosting fit, ${nRows} rows, median of ${FIT_REPEATS} vs LightGBM`,
      ours: fit,
      peer: lightgbm,
      format: fmtSeconds,
      target: ratioAtMost(1.5),
    },
    { label: '1c   same vs HistGradientBoosting', ours: fit, peer: peerFitMedian(peerRuns, 'hist_gradient_boosting'), format: fmtSeconds },
    { label: '1c   preprocessing + fit vs LightGBM', ours: prepAndFit, peer: lightgbm, format: fmtSeconds },
  ];
}

/** Our fits interleaved with peer.py runs (none without the dataset; no peer run without the CSVs or the python). */
export function gbmFitTime(ctx: BenchContext, main: MainDataset | undefined, files: SplitFiles | undefined): GbmFitTime {
  const log = new FailureLog();
  const fits: GbmFit[] = [];
  const peerRuns: (PeerRun | undefined)[] = [];
  for (let rep = 0; main && rep < FIT_REPEATS; rep++) {
    const fit = log.attempt(`gradient_boosting fit ${rep + 1}`, () => fitOnce(main, ctx.seed));
    if (fit) fits.push(fit);
    const models = rep > 0 ? TIMED_PEERS : ctx.allPeers ? [...FAST_PEERS, ...SLOW_PEERS] : FAST_PEERS;
    const { python } = ctx;
    peerRuns.push(
      files && python ? log.attempt(`peer.py --models ${models.join(',')}`, () => runPeer(ctx.referenceDir, python, files, 'diabetes', models)) : undefined,
    );
  }
  return { rows: rows(main, fits, peerRuns), failures: log.failures, peerRuns, lastFit: fits.at(-1) };
}
